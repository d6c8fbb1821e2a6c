/**
 * @module The proxy's own listeners: transparent-proxy passthrough (Kuma
 * `TransparentProxyGenerator`) and Envoy admin exposure (`AdminProxyGenerator`).
 */
import type { Proxy } from '../proxy'
import type { Json, ResourceSet } from '../resource-set'
import { TypeUrl } from '../snapshot'
import {
  hcmFilter,
  internalAddressConfig,
  routerFilter,
  socketAddress,
  staticCluster,
  statName,
  tcpProxyFilter,
} from './envoy'

const NO_DESTINATION_INBOUND = 'self_transparentproxy_no_destination_inbound'

/** generateTransparentProxy adds the passthrough listeners and ORIGINAL_DST clusters. */
export function generateTransparentProxy(rs: ResourceSet, proxy: Proxy): void {
  const tp = proxy.transparentProxy
  if (!tp) return
  const families: [4 | 6, string][] = []
  if (tp.ipFamilyMode !== 'IPv6') families.push([4, '0.0.0.0'])
  if (tp.ipFamilyMode !== 'IPv4') families.push([6, '::'])
  for (const [v, any] of families) {
    for (const dir of ['inbound', 'outbound'] as const) {
      const port = dir === 'inbound' ? tp.redirectPortInbound : tp.redirectPortOutbound
      if (!port) continue
      const name = `${dir}:passthrough:ipv${v}`
      const cluster: Json = {
        name,
        altStatName: statName(name),
        type: 'ORIGINAL_DST',
        lbPolicy: 'CLUSTER_PROVIDED',
        connectTimeout: '5s',
      }
      if (dir === 'inbound') {
        cluster.upstreamBindConfig = {
          sourceAddress: { address: v === 4 ? '127.0.0.6' : '::6', portValue: 0 },
        }
      }
      const listener: Json = {
        name,
        address: socketAddress(any, port),
        filterChains: [{ filters: [tcpProxyFilter(statName(name), name)] }],
        trafficDirection: dir === 'inbound' ? 'INBOUND' : 'OUTBOUND',
        useOriginalDst: true,
      }
      if (dir === 'inbound') listener.enableReusePort = false
      const common = { origin: 'transparent' as const }
      rs.add({ ...common, typeUrl: TypeUrl.Cluster, name, resource: cluster })
      rs.add({ ...common, typeUrl: TypeUrl.Listener, name, resource: listener })
    }
  }
  if (tp.redirectPortInbound) {
    rs.add({
      origin: 'transparent',
      typeUrl: TypeUrl.Cluster,
      name: NO_DESTINATION_INBOUND,
      resource: {
        name: NO_DESTINATION_INBOUND,
        altStatName: NO_DESTINATION_INBOUND,
        type: 'STATIC',
        connectTimeout: '5s',
      },
    })
  }
}

const ADMIN = 'kuma:envoy:admin'
const READINESS = 'kuma:readiness'
const DEFAULT_READINESS_PORT = 9902
const ALLOWED_ADMIN_ADDRESSES = ['127.0.0.1', '0.0.0.0', '::1', '::', '']

/**
 * generateAdmin exposes Envoy's `/ready` on the Dataplane's address when kuma-dp announced an
 * admin port. The mTLS filter chain Kuma adds for the control plane's own access needs the
 * control plane's admin certificates, which Kumo does not issue yet, so it is left out.
 */
export function generateAdmin(rs: ResourceSet, proxy: Proxy, warnings: string[]): void {
  const port = proxy.metadata.adminPort ?? 0
  if (port === 0) return
  let address = proxy.metadata.adminAddress ?? ''
  if (!ALLOWED_ADMIN_ADDRESSES.includes(address)) {
    warnings.push(
      'envoy admin cluster is not allowed to have addresses other than "", "0.0.0.0", "127.0.0.1", "::", "::1"',
    )
    return
  }
  if (address === '' || address === '0.0.0.0') address = '127.0.0.1'
  if (address === '::') address = '::1'
  const common = { origin: 'admin' as const }
  rs.add({
    ...common,
    typeUrl: TypeUrl.Cluster,
    name: ADMIN,
    resource: staticCluster(ADMIN, address, port),
  })
  rs.add({
    ...common,
    typeUrl: TypeUrl.Cluster,
    name: READINESS,
    resource: staticCluster(READINESS, '127.0.0.1', DEFAULT_READINESS_PORT),
  })
  const dpAddress = proxy.spec.networking?.address ?? ''
  if (dpAddress === address) return
  rs.add({
    ...common,
    typeUrl: TypeUrl.Listener,
    name: ADMIN,
    resource: {
      name: ADMIN,
      address: socketAddress(dpAddress, port),
      enableReusePort: false,
      filterChains: [
        {
          filters: [
            hcmFilter({
              statPrefix: statName(ADMIN),
              httpFilters: [routerFilter()],
              internalAddressConfig: internalAddressConfig(true),
              routeConfig: {
                validateClusters: false,
                virtualHosts: [
                  {
                    name: ADMIN,
                    domains: ['*'],
                    routes: [
                      {
                        match: { prefix: '/ready' },
                        route: { cluster: READINESS, prefixRewrite: '/ready' },
                      },
                    ],
                  },
                ],
              },
            }),
          ],
        },
      ],
      trafficDirection: 'INBOUND',
    },
  })
}

/** SecretsPem are the PEM bytes of the proxy's identity and the mesh's CA. */
export interface SecretsPem {
  identityCert: string
  identityKey: string
  ca: string
}

/**
 * PLACEHOLDER_SECRETS are what Kuma's `_config` inspector serves (`dummySecrets`) until
 * certificates are issued: the snapshot still carries every secret its listeners name.
 */
export const PLACEHOLDER_SECRETS: SecretsPem = {
  identityCert: 'CERT',
  identityKey: 'KEY',
  ca: 'CA',
}

const b64 = (s: string) => btoa(s)

/** generateSecrets adds the SDS secrets Kuma names when the mesh has mTLS (Kuma `SecretsProxyGenerator`). */
export function generateSecrets(rs: ResourceSet, proxy: Proxy, pem: SecretsPem): void {
  const mtls = proxy.mtls
  if (!mtls) return
  rs.add({
    origin: 'secrets',
    typeUrl: TypeUrl.Secret,
    name: mtls.identitySecret,
    resource: {
      name: mtls.identitySecret,
      tlsCertificate: {
        certificateChain: { inlineBytes: b64(pem.identityCert) },
        privateKey: { inlineBytes: b64(pem.identityKey) },
      },
    },
  })
  rs.add({
    origin: 'secrets',
    typeUrl: TypeUrl.Secret,
    name: mtls.caSecret,
    resource: {
      name: mtls.caSecret,
      validationContext: { trustedCa: { inlineBytes: b64(pem.ca) } },
    },
  })
}
