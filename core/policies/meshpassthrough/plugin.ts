/**
 * @module MeshPassthrough's effect on Envoy resources (Kuma `meshpassthrough/plugin`): which
 * traffic to destinations outside the mesh the transparent outbound listener lets through, as
 * filter chains matched by port, address and server name, each with its ORIGINAL_DST cluster.
 */
import { httpProtocolOptions } from '../../xds/generator/envoy'
import { PLUGIN_ORDER, matchedOf, type PolicyPlugin } from '../../xds/plugin'
import type { Json, ResourceSet } from '../../xds/resource-set'
import { TypeUrl } from '../../xds/snapshot'
import {
  ipAndMask,
  MatchType,
  orderedMatchers,
  type FilterChainMatch,
  type Protocol,
} from './order'
import type { Conf } from './types'

const KIND = 'MeshPassthrough'
const T = (name: string) => `type.googleapis.com/${name}`
const OUTBOUND = [4, 6].map((v) => `outbound:passthrough:ipv${v}`)
const FEATURE_BIND_OUTBOUNDS = 'feature-bind-outbounds'
/** NO_MATCH is the body of the 503 for HTTP requests to a domain no route names. */
export const NO_MATCH =
  'This response comes from Kuma Sidecar. No routes matched this domain - check configuration of your MeshPassthrough policy.\n'

const sanitizeMetric = (s: string) => s.replace(/[^a-zA-Z_\-0-9]/g, '_')

/** clusterName is Kuma's `ClusterName`: `meshpassthrough_<protocol>_<value>_<port|*>`. */
const clusterName = (value: string, protocol: string, port: number) =>
  `meshpassthrough_${protocol}_${value}_${port === 0 ? '*' : port}`

/** filterChainName is Kuma's `FilterChainName`. */
function filterChainName(name: string, protocol: string, port: number): string {
  const p = port === 0 ? '*' : String(port)
  return name === protocol
    ? `meshpassthrough_${name}_${p}`
    : `meshpassthrough_${protocol}_${name}_${p}`
}

/** passthroughCluster is Kuma's `CreateCluster`: ORIGINAL_DST, HTTP/2 upstream for h2 and gRPC. */
function passthroughCluster(name: string, protocol: string): Json {
  const c: Json = {
    name,
    altStatName: sanitizeMetric(name),
    type: 'ORIGINAL_DST',
    lbPolicy: 'CLUSTER_PROVIDED',
    connectTimeout: '5s',
  }
  if (protocol === 'http2' || protocol === 'grpc') {
    c.typedExtensionProtocolOptions = httpProtocolOptions(true)
  }
  return c
}

const tcpProxy = (cluster: string): Json => ({
  name: 'envoy.filters.network.tcp_proxy',
  typedConfig: {
    '@type': T('envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy'),
    statPrefix: sanitizeMetric(cluster),
    cluster,
  },
})

const basicRoute = (cluster: string): Json => ({ match: { prefix: '/' }, route: { cluster } })

function addressMatch(fcm: Json, m: FilterChainMatch, ipv6: boolean): void {
  if (m.matchType === MatchType.CIDR || m.matchType === MatchType.CIDRV6) {
    const [ip, mask] = ipAndMask(m.value)
    fcm.prefixRanges = [{ addressPrefix: ip, prefixLen: mask }]
  }
  if (m.matchType === MatchType.IP || m.matchType === MatchType.IPV6) {
    fcm.prefixRanges = [{ addressPrefix: m.value, prefixLen: ipv6 ? 128 : 32 }]
  }
}

/** wrongFamily: IPv4 addresses only go on the IPv4 listener, IPv6 ones on the IPv6 listener. */
const wrongFamily = (m: FilterChainMatch, ipv6: boolean) =>
  ipv6
    ? m.matchType === MatchType.IP || m.matchType === MatchType.CIDR
    : m.matchType === MatchType.IPV6 || m.matchType === MatchType.CIDRV6

function virtualHosts(m: FilterChainMatch, ipv6: boolean, clusters: Map<string, string>): Json[] {
  if (m.matchType !== MatchType.Domain && m.matchType !== MatchType.WildcardDomain) {
    const cluster = clusterName(m.value, m.protocol, m.port)
    clusters.set(cluster, m.protocol)
    return [{ name: m.value, domains: ['*'], routes: [basicRoute(cluster)] }]
  }
  const out: Json[] = []
  for (const r of m.routes) {
    if ((ipv6 && r.matchType === MatchType.IP) || (!ipv6 && r.matchType === MatchType.IPV6))
      continue
    const domains = [r.value]
    // a Host header may carry the port
    if (m.port !== 0 && r.matchType !== MatchType.IPV6) domains.push(`${r.value}:${m.port}`)
    if (m.port !== 0 && r.matchType === MatchType.IPV6) {
      domains.push(`[${r.value}]`, `[${r.value}]:${m.port}`)
    }
    if (m.port === 0 && r.matchType === MatchType.Domain) domains.push(`${r.value}:*`)
    const cluster = clusterName(r.value, m.protocol, m.port)
    clusters.set(cluster, m.protocol)
    out.push({ name: r.value, domains, routes: [basicRoute(cluster)] })
  }
  out.push({
    name: 'no_match',
    domains: ['*'],
    routes: [
      { match: { prefix: '/' }, directResponse: { status: 503, body: { inlineString: NO_MATCH } } },
    ],
  })
  return out
}

/** filterChain is Kuma's `FilterChainConfigurer` for one matcher on one listener, if it applies. */
function filterChain(
  m: FilterChainMatch,
  ipv6: boolean,
  clusters: Map<string, string>,
): Json | undefined {
  if (wrongFamily(m, ipv6)) return undefined
  const fcm: Json = {}
  let name: string
  let filter: Json
  if (m.protocol === 'tcp' || m.protocol === 'mysql' || m.protocol === 'tls') {
    const protocol = m.protocol === 'tls' ? 'tls' : 'tcp'
    name = filterChainName(m.value, protocol, m.port)
    const cluster = clusterName(m.value, protocol, m.port)
    clusters.set(cluster, m.protocol)
    filter = tcpProxy(cluster)
    fcm.transportProtocol = protocol === 'tls' ? 'tls' : 'raw_buffer'
    addressMatch(fcm, m, ipv6)
    if (
      protocol === 'tls' &&
      (m.matchType === MatchType.Domain || m.matchType === MatchType.WildcardDomain)
    ) {
      fcm.serverNames = [m.value]
    }
  } else {
    const domains = m.matchType === MatchType.Domain || m.matchType === MatchType.WildcardDomain
    name = filterChainName(domains ? m.protocol : m.value, m.protocol, m.port)
    fcm.applicationProtocols = ['http/1.1', 'h2c']
    fcm.transportProtocol = 'raw_buffer'
    filter = {
      name: 'envoy.filters.network.http_connection_manager',
      typedConfig: {
        '@type': T(
          'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
        ),
        statPrefix: sanitizeMetric(name),
        httpFilters: [
          {
            name: 'envoy.filters.http.router',
            typedConfig: { '@type': T('envoy.extensions.filters.http.router.v3.Router') },
          },
        ],
        internalAddressConfig: { cidrRanges: [{ addressPrefix: '127.0.0.1', prefixLen: 32 }] },
        routeConfig: { name, virtualHosts: virtualHosts(m, ipv6, clusters) },
      },
    }
    addressMatch(fcm, m, ipv6)
  }
  if (m.port !== 0) fcm.destinationPort = m.port
  return { name, filterChainMatch: fcm, filters: [filter] }
}

function listenerFilter(name: string, type: string, disabledPorts: number[]): Json {
  const f: Json = { name, typedConfig: { '@type': T(type) } }
  const range = (p: number) => ({ destinationPortRange: { start: p, end: p + 1 } })
  if (disabledPorts.length === 1) f.filterDisabled = range(disabledPorts[0])
  if (disabledPorts.length > 1) f.filterDisabled = { orMatch: { rules: disabledPorts.map(range) } }
  return f
}

/** configureListener replaces the default chain with one chain per matcher, plus the inspectors. */
function configureListener(
  listener: Json,
  matches: FilterChainMatch[],
  ipv6: boolean,
  clusters: Map<string, string>,
) {
  const mysqlPorts = matches.filter((m) => m.protocol === 'mysql').map((m) => m.port)
  listener.filterChains = matches.flatMap((m) => filterChain(m, ipv6, clusters) ?? [])
  const filters = (listener.listenerFilters as Json[] | undefined) ?? []
  const has = (n: string) => filters.some((f) => f.name === n)
  const added = [
    listenerFilter(
      'envoy.filters.listener.original_dst',
      'envoy.extensions.filters.listener.original_dst.v3.OriginalDst',
      [],
    ),
  ]
  if (!has('envoy.filters.listener.tls_inspector')) {
    added.push(
      listenerFilter(
        'envoy.filters.listener.tls_inspector',
        'envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector',
        mysqlPorts,
      ),
    )
  }
  if (!has('envoy.filters.listener.http_inspector')) {
    added.push(
      listenerFilter(
        'envoy.filters.listener.http_inspector',
        'envoy.extensions.filters.listener.http_inspector.v3.HttpInspector',
        mysqlPorts,
      ),
    )
  }
  listener.listenerFilters = [...filters, ...added]
}

const referencedByListener = (rs: ResourceSet, cluster: string) =>
  rs
    .list(TypeUrl.Listener)
    .some((l) =>
      ((l.resource.filterChains as Json[] | undefined) ?? []).some((fc) =>
        ((fc.filters as Json[] | undefined) ?? []).some(
          (f) => (f.typedConfig as Json | undefined)?.cluster === cluster,
        ),
      ),
    )

/**
 * removeDefaultPassthrough drops the default ORIGINAL_DST clusters so unmatched traffic fails.
 * Kuma leaves a chain naming a missing cluster; Kumo keeps every reference resolvable, so a chain
 * still naming one gets a STATIC cluster without endpoints instead (connections are closed too).
 */
function removeDefaultPassthrough(rs: ResourceSet): void {
  for (const name of OUTBOUND) {
    if (!rs.get(TypeUrl.Cluster, name)) continue
    rs.remove(TypeUrl.Cluster, name)
    if (!referencedByListener(rs, name)) continue
    rs.add({
      typeUrl: TypeUrl.Cluster,
      name,
      origin: 'transparent',
      resource: { name, altStatName: sanitizeMetric(name), type: 'STATIC', connectTimeout: '5s' },
    })
  }
}

/**
 * plugin is MeshPassthrough's PolicyPlugin (transparent proxy only). Mode `All` keeps (or, when
 * the Mesh disables passthrough, adds) the default passthrough; `None` drops it; `Matched`, the
 * default, drops it and lets through only `appendMatch`.
 */
export const plugin: PolicyPlugin = {
  kind: KIND,
  order: PLUGIN_ORDER[KIND],
  apply(rs, ctx, proxy) {
    const rules = matchedOf(proxy, KIND).singleItemRules.rules
    if (rules.length === 0) return
    if (proxy.spec.networking?.gateway?.type === 'BUILTIN') {
      return { warnings: ["policy doesn't support builtin gateway"] }
    }
    if (!proxy.transparentProxy || proxy.metadata.features?.includes(FEATURE_BIND_OUTBOUNDS)) {
      return { warnings: ["policy doesn't support proxy running without transparent-proxy"] }
    }
    const conf = rules[0].conf as Conf
    const mode = conf.passthroughMode ?? 'Matched'
    const meshSpec = ctx.mesh.mesh.spec as { networking?: { outbound?: { passthrough?: boolean } } }
    const meshPassthrough = meshSpec.networking?.outbound?.passthrough ?? true
    if (mode === 'None') return removeDefaultPassthrough(rs)
    if (mode === 'All') {
      if (meshPassthrough) return
      for (const name of OUTBOUND) {
        rs.add({
          typeUrl: TypeUrl.Cluster,
          name,
          origin: 'transparent',
          resource: passthroughCluster(name, 'tcp'),
        })
      }
      return
    }
    if ((conf.appendMatch ?? []).length === 0) return removeDefaultPassthrough(rs)
    const ordered = orderedMatchers(conf)
    if (!ordered.ok) {
      removeDefaultPassthrough(rs)
      return { warnings: ordered.errors }
    }
    const clusters = new Map<string, string>()
    const v4 = ordered.matches.some((m) =>
      (
        [MatchType.Domain, MatchType.WildcardDomain, MatchType.CIDR, MatchType.IP] as number[]
      ).includes(m.matchType),
    )
    const v6 = ordered.matches.some((m) =>
      (
        [MatchType.Domain, MatchType.WildcardDomain, MatchType.CIDRV6, MatchType.IPV6] as number[]
      ).includes(m.matchType),
    )
    for (const [i, wanted] of [v4, v6].entries()) {
      const l = rs.get(TypeUrl.Listener, OUTBOUND[i])
      if (wanted && l && l.origin === 'transparent')
        configureListener(l.resource, ordered.matches, i === 1, clusters)
    }
    for (const [name, protocol] of [...clusters].sort()) {
      rs.add({
        typeUrl: TypeUrl.Cluster,
        name,
        origin: 'policy',
        resource: passthroughCluster(name, protocol as Protocol),
      })
    }
    // after the listeners: the default chain survives on a listener no match applies to
    removeDefaultPassthrough(rs)
  },
}
