/**
 * @module MeshTLS's effect on Envoy resources (Kuma `meshtls/plugin/v1alpha1`): the mTLS mode of
 * inbound listeners (Strict: Kuma's mTLS only; Permissive: plaintext and app TLS too), the TLS
 * versions and ciphers of inbound and outbound mTLS, and the transparent inbound passthrough.
 */
import { matchesAllIncomingTraffic } from '../../matching'
import { matchedOf, PLUGIN_ORDER, type PolicyPlugin } from '../../xds/plugin'
import type { Proxy } from '../../xds/proxy'
import type { Json, ResourceSet } from '../../xds/resource-set'
import { TypeUrl } from '../../xds/snapshot'
import type { Conf, Mode, TlsVersion } from './types'

const KIND = 'MeshTLS'
const TLS_SOCKET = 'envoy.transport_sockets.tls'
const NETWORK_RBAC = 'envoy.filters.network.rbac'
const TLS_INSPECTOR: Json = {
  name: 'envoy.filters.listener.tls_inspector',
  typedConfig: {
    '@type': 'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector',
  },
}
/** NO_DESTINATION_INBOUND is the cluster the base generator adds for inbounds without a port. */
const NO_DESTINATION_INBOUND = 'self_transparentproxy_no_destination_inbound'

/** TLS_PROTOCOL is Kuma's `ToTlsVersion`; TLS_AUTO is proto3's default, so it is never written. */
const TLS_PROTOCOL: Readonly<Record<TlsVersion, string | undefined>> = {
  TLSAuto: undefined,
  TLS10: 'TLSv1_0',
  TLS11: 'TLSv1_1',
  TLS12: 'TLSv1_2',
  TLS13: 'TLSv1_3',
}

const isKumaTls = (chain: Json) => (chain.transportSocket as Json | undefined)?.name === TLS_SOCKET
const commonTlsContext = (chain: Json) =>
  ((chain.transportSocket as Json).typedConfig as Json).commonTlsContext as Json

function setVersion(params: Json, key: string, v: TlsVersion): void {
  const p = TLS_PROTOCOL[v]
  if (p) params[key] = p
}

/**
 * serverTlsParams is Kuma's `ServerSideMTLS` with a version and ciphers: tlsParams exist only
 * when a min or max is set, and ciphers are written only into existing tlsParams.
 */
function serverTlsParams(ctx: Json, conf: Conf): void {
  const v = conf.tlsVersion
  if (!v || (v.min === undefined && v.max === undefined)) return
  const params: Json = {}
  if (v.min !== undefined) setVersion(params, 'tlsMinimumProtocolVersion', v.min)
  if (v.max !== undefined) setVersion(params, 'tlsMaximumProtocolVersion', v.max)
  if ((conf.tlsCiphers ?? []).length > 0) params.cipherSuites = [...conf.tlsCiphers!]
  ctx.tlsParams = params
}

/** clientTlsParams is Kuma's `configureTLSParams` for an outbound cluster. */
function clientTlsParams(ctx: Json, conf: Conf): void {
  const v = conf.tlsVersion ?? {}
  const ciphers = conf.tlsCiphers ?? []
  if (ciphers.length === 0 && v.min === undefined && v.max === undefined) return
  const params: Json = {}
  if (ciphers.length > 0) params.cipherSuites = [...ciphers]
  if (v.min !== undefined) setVersion(params, 'tlsMinimumProtocolVersion', v.min)
  if (v.max !== undefined) setVersion(params, 'tlsMaximumProtocolVersion', v.max)
  ctx.tlsParams = params
}

/** modeOf is Kuma's `getMeshTLSMode`: the policy's mode, else the mesh CA backend's. */
const modeOf = (conf: Conf, proxy: Proxy): Mode =>
  conf.mode ?? (proxy.mtls?.mode === 'PERMISSIVE' ? 'Permissive' : 'Strict')

/** plainChain is the chain Kuma builds without server-side mTLS: no TLS socket, no RBAC. */
function plainChain(kuma: Json, transportProtocol: string): Json {
  const c = structuredClone(kuma)
  delete c.transportSocket
  delete c.filterChainMatch
  c.filters = ((c.filters as Json[]) ?? []).filter((f) => f.name !== NETWORK_RBAC)
  c.filterChainMatch = { transportProtocol }
  return c
}

/** configureListener is Kuma's `configureListener`: rebuild the filter chains for the mode. */
function configureListener(listener: Json, conf: Conf, mode: Mode): void {
  const chains = (listener.filterChains as Json[] | undefined) ?? []
  const base = chains.find(isKumaTls)
  if (!base) return
  const kuma = structuredClone(base)
  delete kuma.filterChainMatch
  serverTlsParams(commonTlsContext(kuma), conf)
  if (mode === 'Strict') {
    listener.filterChains = [kuma]
    delete listener.listenerFilters
    return
  }
  kuma.filterChainMatch = { transportProtocol: 'tls', applicationProtocols: ['kuma'] }
  listener.listenerFilters = [structuredClone(TLS_INSPECTOR)]
  listener.filterChains = [plainChain(base, 'raw_buffer'), plainChain(base, 'tls'), kuma]
}

/**
 * configurePassthrough is Kuma's `configureInboundPassthroughListener`: in Strict mode the
 * transparent inbound listener only forwards to the Dataplane's own inbound ports.
 */
function configurePassthrough(rs: ResourceSet, proxy: Proxy, mode: Mode): void {
  for (const v of [4, 6]) {
    const res = rs.get(TypeUrl.Listener, `inbound:passthrough:ipv${v}`)
    if (!res || res.origin !== 'transparent') continue
    const listener = res.resource
    const chains = (listener.filterChains as Json[] | undefined) ?? []
    const first = chains[0]
    if (!first) continue
    const filters = ((first.filters as Json[]) ?? []).map((f) => structuredClone(f))
    const template: Json = { filters }
    if (mode !== 'Strict' || (proxy.spec.networking?.inbound ?? []).length === 0) {
      listener.filterChains = [template]
      continue
    }
    const seen = new Set<number>()
    const out: Json[] = []
    for (const inbound of proxy.spec.networking?.inbound ?? []) {
      const port = inbound.port ?? 0
      if (seen.has(port)) continue
      seen.add(port)
      const chain = structuredClone(template)
      if (port === 0 && rs.get(TypeUrl.Cluster, NO_DESTINATION_INBOUND)) {
        for (const f of chain.filters as Json[]) {
          const tc = f.typedConfig as Json
          if (typeof tc.cluster === 'string') tc.cluster = NO_DESTINATION_INBOUND
        }
      }
      chain.filterChainMatch = { destinationPort: port }
      out.push(chain)
    }
    listener.filterChains = out
  }
}

/** configureClusters applies the mesh-wide versions and ciphers to outbound Kuma mTLS clusters. */
function configureClusters(rs: ResourceSet, conf: Conf): void {
  for (const res of rs.listOf(TypeUrl.Cluster, 'outbound')) {
    // MeshExternalService clusters talk to the outside world, not to Kuma's mTLS
    if (res.resourceOrigin?.startsWith('kri_extsvc_')) continue
    const socket = res.resource.transportSocket as Json | undefined
    if (socket?.name !== TLS_SOCKET) continue
    clientTlsParams((socket.typedConfig as Json).commonTlsContext as Json, conf)
  }
}

/**
 * plugin is MeshTLS's PolicyPlugin. It acts only when the mesh has mTLS and some MeshTLS selects
 * an inbound of the proxy; with no policy the base generator's listeners (from the CA backend's
 * mode) stand. `tlsVersion`/`tlsCiphers` are only allowed with a Mesh top-level targetRef, so
 * the first inbound's conf is the mesh-wide one used for outbound clusters.
 */
export const plugin: PolicyPlugin = {
  kind: KIND,
  order: PLUGIN_ORDER[KIND],
  apply(rs, _ctx, proxy) {
    if (!proxy.mtls) return
    const m = matchedOf(proxy, KIND)
    const keys = Object.keys(m.fromRules.inboundRules).sort()
    if (keys.length === 0) return
    let last: Mode | undefined
    for (const inbound of proxy.inbounds) {
      const res = rs.get(TypeUrl.Listener, inbound.listenerName)
      if (!res || res.origin !== 'inbound') continue
      const rules = m.fromRules.inboundRules[`${inbound.address}:${inbound.port}`] ?? []
      const conf = (matchesAllIncomingTraffic(rules) ?? {}) as Conf
      last = modeOf(conf, proxy)
      configureListener(res.resource, conf, last)
    }
    if (last && proxy.transparentProxy) configurePassthrough(rs, proxy, last)
    const meshConf = (matchesAllIncomingTraffic(m.fromRules.inboundRules[keys[0]]) ?? {}) as Conf
    configureClusters(rs, meshConf)
  },
}
