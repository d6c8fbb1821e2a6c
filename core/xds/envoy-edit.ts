/**
 * @module In-place edits of generated Envoy JSON that policy plugins share (Kuma
 * `listeners_v3.UpdateHTTPConnectionManager`, `UpdateTCPProxy`,
 * `clusters_v3.UpdateCommonHttpProtocolOptions`).
 */
import { ANY_TYPE } from './generator/envoy'
import type { Json } from './resource-set'

export const HCM_FILTER = 'envoy.filters.network.http_connection_manager'
export const TCP_PROXY_FILTER = 'envoy.filters.network.tcp_proxy'
/** HTTP_PROTOCOL_OPTIONS is the `typedExtensionProtocolOptions` key of upstream HTTP options. */
export const HTTP_PROTOCOL_OPTIONS = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions'

/** filterChainsOf lists a listener's filter chains (none when it has none). */
export const filterChainsOf = (listener: Json): Json[] =>
  (listener.filterChains as Json[] | undefined) ?? []

const filterConfig = (fc: Json, name: string): Json | undefined =>
  ((fc.filters as Json[] | undefined) ?? []).find((f) => f.name === name)?.typedConfig as
    Json | undefined

/** hcmOf is the filter chain's HttpConnectionManager config, if it has one. */
export const hcmOf = (fc: Json) => filterConfig(fc, HCM_FILTER)

/** tcpProxyOf is the filter chain's TcpProxy config, if it has one. */
export const tcpProxyOf = (fc: Json) => filterConfig(fc, TCP_PROXY_FILTER)

/** virtualHostsOf lists the virtual hosts of an HCM's inline route config. */
export const virtualHostsOf = (hcm: Json): Json[] =>
  ((hcm.routeConfig as Json | undefined)?.virtualHosts as Json[] | undefined) ?? []

/** routesOf lists every route of every virtual host of an HCM's inline route config. */
export const routesOf = (hcm: Json): Json[] =>
  virtualHostsOf(hcm).flatMap((vh) => (vh.routes as Json[] | undefined) ?? [])

/**
 * updateHttpProtocolOptions is Kuma's `UpdateCommonHttpProtocolOptions`: edits the cluster's
 * upstream HttpProtocolOptions, creating them (and the map) when absent.
 */
export function updateHttpProtocolOptions(cluster: Json, fn: (options: Json) => void): void {
  const all = (cluster.typedExtensionProtocolOptions ??= {}) as Json
  const options = (all[HTTP_PROTOCOL_OPTIONS] ??= { '@type': ANY_TYPE.HttpProtocolOptions }) as Json
  fn(options)
}
