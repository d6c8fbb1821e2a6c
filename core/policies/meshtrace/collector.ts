/**
 * @module Clusters for the collectors observability policies export to (Kuma
 * `clusters.ProvidedEndpointCluster` + `ClientSideTLS` + `DefaultTimeout`), and Kuma's system
 * resource names (`core_system_names`). Shared by MeshTrace, MeshAccessLog and MeshMetric.
 */
import { httpProtocolOptions, socketAddress, statName } from '../../xds/generator/envoy'
import type { Json } from '../../xds/resource-set'

/** CollectorEndpoint is a host and port, or a unix socket path (Kuma `core_xds.Endpoint`). */
export interface CollectorEndpoint {
  target?: string
  port?: number
  unixDomainPath?: string
  /** tls: talk TLS to the collector (Zipkin over https), with renegotiation allowed. */
  tls?: boolean
}

const IPV4 = /^(\d{1,3}\.){3}\d{1,3}$/
/** isIp is Go's `net.ParseIP(...) != nil` for the forms users write. */
export const isIp = (s: string) => IPV4.test(s) || (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s))

const DNS_NAME =
  /^([a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?\.)*[a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?\.?$/

/**
 * collectorCluster is a cluster with its one endpoint inline: STRICT_DNS (V4_ONLY, or AUTO on an
 * IPv6 proxy) for a hostname, STATIC for an IP or a socket; 5s connect timeout; HTTP/2 when the
 * collector speaks gRPC. `altStatName` is left out for system names (unified naming).
 */
export function collectorCluster(
  name: string,
  ep: CollectorEndpoint,
  opts: { ipv6?: boolean; http2?: boolean } = {},
): Json {
  const c: Json = { name }
  if (!name.startsWith(SYSTEM_PREFIX)) c.altStatName = statName(name)
  const address = ep.unixDomainPath
    ? { pipe: { path: ep.unixDomainPath } }
    : socketAddress(ep.target ?? '', ep.port ?? 0)
  if (!ep.unixDomainPath && !isIp(ep.target ?? '')) {
    c.type = 'STRICT_DNS'
    c.dnsLookupFamily = opts.ipv6 ? 'AUTO' : 'V4_ONLY'
  } else {
    c.type = 'STATIC'
  }
  c.loadAssignment = {
    clusterName: name,
    endpoints: [{ lbEndpoints: [{ endpoint: { address } }] }],
  }
  if (ep.tls && ep.target) {
    const tls: Json = {
      '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
      allowRenegotiation: true,
    }
    if (!isIp(ep.target) && DNS_NAME.test(ep.target)) tls.sni = ep.target
    c.transportSocketMatches = [
      {
        name: ep.target,
        match: {},
        transportSocket: { name: 'envoy.transport_sockets.tls', typedConfig: tls },
      },
    ]
  }
  c.connectTimeout = '5s'
  if (opts.http2) c.typedExtensionProtocolOptions = httpProtocolOptions(true)
  return c
}

/** SYSTEM_PREFIX starts every system resource name under unified naming (Kuma `SystemPrefix`). */
export const SYSTEM_PREFIX = 'system_'

const CLEAN_NAME = /([a-z0-9-]*_?)+/g

/**
 * cleanName is Kuma's `CleanName`: the runs of `[a-z0-9-_]` joined by `-`, with Go's
 * `FindAllString` semantics (an empty match not abutting the previous match counts, so
 * `http://a` gives `http--a`).
 */
export function cleanName(s: string): string {
  const out: string[] = []
  let pos = 0
  let prevEnd = -1
  while (pos <= s.length) {
    CLEAN_NAME.lastIndex = pos
    const m = CLEAN_NAME.exec(s)
    if (!m) break
    const start = m.index
    const end = start + m[0].length
    if (end === start) {
      if (start !== prevEnd) out.push('')
      pos = end + 1
    } else {
      out.push(m[0])
      pos = end
    }
    prevEnd = end
  }
  return out.join('-')
}

/** systemName is Kuma's `AsSystemName(JoinSections(...))`. */
export const systemName = (...sections: string[]) => SYSTEM_PREFIX + sections.join('_')

/** parseUrl splits an absolute URL into scheme, host, port and path, as Go's url package does. */
export function parseUrl(url: string): {
  scheme: string
  hostname: string
  port: number
  host: string
  path: string
} {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/.exec(url)
  if (!m) return { scheme: '', hostname: '', port: 0, host: '', path: '' }
  const host = m[2]
  const hp = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(host)
  const hostname = (hp?.[1] ?? host).replace(/^\[|\]$/g, '')
  return { scheme: m[1].toLowerCase(), hostname, port: Number(hp?.[2] || 0), host, path: m[3] }
}

/**
 * parseOtelEndpoint is Kuma's `ParseOtelEndpoint`: `host:port`, port 4317 when absent.
 */
export function parseOtelEndpoint(endpoint: string): { target: string; port: number } {
  if ((endpoint.match(/:/g) ?? []).length > 1 && !endpoint.includes('[')) {
    return { target: endpoint, port: 4317 }
  }
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(endpoint)
  if (!m) return { target: endpoint, port: 4317 }
  return { target: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2] || 4317) }
}

/** dataplaneIsIpv6 is Kuma's `Dataplane.IsIPv6`: the Dataplane's address is an IPv6 one. */
export const dataplaneIsIpv6 = (address: string | undefined) => (address ?? '').includes(':')

const HCM = 'envoy.filters.network.http_connection_manager'
const TCP_PROXY = 'envoy.filters.network.tcp_proxy'

/** filtersNamed gives the typed configs of the listener's filters named `name`, in every chain. */
export function filtersNamed(listener: Json, name: string): Json[] {
  const chains = (listener.filterChains as Json[] | undefined) ?? []
  return chains.flatMap((fc) =>
    ((fc.filters as Json[] | undefined) ?? [])
      .filter((f) => f.name === name && f.typedConfig)
      .map((f) => f.typedConfig as Json),
  )
}

/** hcmsOf gives every HttpConnectionManager config of the listener (Kuma `UpdateHTTPConnectionManager`). */
export const hcmsOf = (listener: Json) => filtersNamed(listener, HCM)

/** tcpProxiesOf gives every TcpProxy config of the listener. */
export const tcpProxiesOf = (listener: Json) => filtersNamed(listener, TCP_PROXY)

/** identifyingService is Kuma's `Dataplane.IdentifyingName`: the first inbound's service, else `unknown`. */
export function identifyingService(spec: {
  networking?: { inbound?: { tags?: Record<string, string> }[] }
}): string {
  return spec.networking?.inbound?.[0]?.tags?.['kuma.io/service'] || 'unknown'
}

/** workloadKri is the KRI of the Dataplane's `kuma.io/workload`, or '' when it has none. */
export function workloadKri(
  mesh: string,
  zone: string,
  labels: Readonly<Record<string, string>>,
): string {
  const name = labels['kuma.io/workload']
  if (!name) return ''
  return `kri_wl_${mesh}_${zone}_${labels['k8s.kuma.io/namespace'] ?? ''}_${name}_`
}
