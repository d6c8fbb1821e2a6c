/**
 * @module Envoy proto3 JSON building blocks in the shapes Kuma's configurers produce
 * (`pkg/xds/envoy/listeners`, `clusters`, `endpoints`, `tls`).
 */
import type { Json } from '../resource-set'

const T = (name: string) => `type.googleapis.com/${name}`

/** ANY_TYPE names the Any payloads the generator writes. */
export const ANY_TYPE = {
  TcpProxy: T('envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy'),
  Hcm: T('envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager'),
  Router: T('envoy.extensions.filters.http.router.v3.Router'),
  NetworkRbac: T('envoy.extensions.filters.network.rbac.v3.RBAC'),
  GrpcStats: T('envoy.extensions.filters.http.grpc_stats.v3.FilterConfig'),
  HttpProtocolOptions: T('envoy.extensions.upstreams.http.v3.HttpProtocolOptions'),
  DownstreamTls: T('envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext'),
  UpstreamTls: T('envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext'),
  OriginalDst: T('envoy.extensions.filters.listener.original_dst.v3.OriginalDst'),
  TlsInspector: T('envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector'),
} as const

/** statName is Kuma's `names.GetStatsName`/`util_xds.SanitizeMetric`: `:` and `.` become `_`. */
export const statName = (name: string) => name.replace(/[:./]/g, '_')

export const socketAddress = (address: string, port: number): Json => ({
  socketAddress: { address, portValue: port },
})

/** tagsMetadata is Kuma's `TagsMetadata`: the proxy's tags under `io.kuma.tags`. */
export const tagsMetadata = (tags: Readonly<Record<string, string>>): Json => ({
  filterMetadata: { 'io.kuma.tags': sortedObject(tags) },
})

export function sortedObject<V>(o: Readonly<Record<string, V>>): Record<string, V> {
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  )
}

/** staticCluster is Kuma's `ProvidedEndpointCluster` with one endpoint. */
export function staticCluster(name: string, address: string, port: number): Json {
  return {
    name,
    altStatName: statName(name),
    type: 'STATIC',
    connectTimeout: '5s',
    loadAssignment: {
      clusterName: name,
      endpoints: [{ lbEndpoints: [{ endpoint: { address: socketAddress(address, port) } }] }],
    },
  }
}

/** edsCluster is Kuma's `EdsCluster`: endpoints over ADS. */
export const edsCluster = (name: string): Json => ({
  name,
  type: 'EDS',
  edsClusterConfig: { edsConfig: { ads: {}, resourceApiVersion: 'V3' } },
})

/** httpProtocolOptions is Kuma's `Http()` (HTTP/1.1) or `Http2()` upstream options. */
export const httpProtocolOptions = (http2: boolean): Json => ({
  'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
    '@type': ANY_TYPE.HttpProtocolOptions,
    explicitHttpConfig: http2 ? { http2ProtocolOptions: {} } : { httpProtocolOptions: {} },
  },
})

export const tcpProxyFilter = (statPrefix: string, cluster: string): Json => ({
  name: 'envoy.filters.network.tcp_proxy',
  typedConfig: { '@type': ANY_TYPE.TcpProxy, statPrefix, cluster },
})

export const routerFilter = (): Json => ({
  name: 'envoy.filters.http.router',
  typedConfig: { '@type': ANY_TYPE.Router },
})

/** hcmFilter wraps an HttpConnectionManager config as a network filter. */
export const hcmFilter = (config: Json): Json => ({
  name: 'envoy.filters.network.http_connection_manager',
  typedConfig: { '@type': ANY_TYPE.Hcm, ...config },
})

/** internalAddressConfig is Kuma's HCM `internalAddressConfig` for loopback (and IPv6 loopback). */
export const internalAddressConfig = (ipv6: boolean): Json => ({
  cidrRanges: [
    { addressPrefix: '127.0.0.1', prefixLen: 32 },
    ...(ipv6 ? [{ addressPrefix: '::1', prefixLen: 128 }] : []),
  ],
})

const sds = (name: string): Json => ({ name, sdsConfig: { ads: {}, resourceApiVersion: 'V3' } })

/** SdsNames are the mesh's CA and identity secrets as Kuma names them. */
export interface SdsNames {
  identitySecret: string
  caSecret: string
}

/** downstreamMtls is Kuma's `ServerSideMTLS`: client certs signed by the mesh CA required. */
export function downstreamMtls(mesh: string, names: SdsNames): Json {
  return {
    name: 'envoy.transport_sockets.tls',
    typedConfig: {
      '@type': ANY_TYPE.DownstreamTls,
      commonTlsContext: {
        combinedValidationContext: {
          defaultValidationContext: {
            matchTypedSubjectAltNames: [
              { matcher: { prefix: `spiffe://${mesh}/` }, sanType: 'URI' },
            ],
          },
          validationContextSdsSecretConfig: sds(names.caSecret),
        },
        tlsCertificateSdsSecretConfigs: [sds(names.identitySecret)],
      },
      requireClientCertificate: true,
    },
  }
}

/** upstreamMtls is Kuma's `ClientSideMTLS`: SNI plus the SPIFFE IDs the server may present. */
export function upstreamMtls(sni: string, sans: readonly string[], names: SdsNames): Json {
  return {
    name: 'envoy.transport_sockets.tls',
    typedConfig: {
      '@type': ANY_TYPE.UpstreamTls,
      commonTlsContext: {
        alpnProtocols: ['kuma'],
        combinedValidationContext: {
          defaultValidationContext: {
            matchTypedSubjectAltNames: sans.map((san) => ({
              matcher: { exact: san },
              sanType: 'URI',
            })),
          },
          validationContextSdsSecretConfig: sds(names.caSecret),
        },
        tlsCertificateSdsSecretConfigs: [sds(names.identitySecret)],
      },
      sni,
    },
  }
}

/** networkRbacDenyAll is Kuma's `NetworkRBAC` with no TrafficPermission: MeshTrafficPermission replaces it. */
export const networkRbacDenyAll = (listenerName: string): Json => ({
  name: 'envoy.filters.network.rbac',
  typedConfig: {
    '@type': ANY_TYPE.NetworkRbac,
    rules: {},
    statPrefix: `${statName(listenerName)}.`,
  },
})
