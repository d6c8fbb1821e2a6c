/**
 * @module MeshTCPRoute's effect on Envoy resources (Kuma `meshtcproute/plugin/v1alpha1`
 * listeners.go, listeners_backendrefs.go): an outbound a MeshTCPRoute matches gets a tcp_proxy
 * listener over the route's weighted backends (one cluster, or weighted clusters), with clusters
 * and endpoints added for backends the proxy had none for. On an HTTP outbound a MeshHTTPRoute
 * takes precedence; outbounds no route matches keep the base generator's default.
 */
import { ANY_TYPE, statName } from '../../xds/generator/envoy'
import { matchedOf, PLUGIN_ORDER, type PolicyPlugin } from '../../xds/plugin'
import type { Proxy, ProxyOutbound } from '../../xds/proxy'
import type { Json } from '../../xds/resource-set'
import { TypeUrl } from '../../xds/snapshot'
import {
  resolveBackendRef,
  SplitBuilder,
  type ResolvedRef,
  type Split,
} from '../meshhttproute/backends'
import { computeHttpRouteConf } from '../meshhttproute/plugin'
import { computeRule, noSection, resourceRuleOf } from '../meshhttproute/xds-util'
import type { RuleConf } from './types'

const KIND = 'MeshTCPRoute'
const isHttp = (p: string) => p === 'http' || p === 'http2' || p === 'grpc'

/** tcpProxy is Kuma's `TcpProxyConfigurer`: one cluster, or weighted clusters. */
export function tcpProxy(statPrefix: string, splits: readonly Split[]): Json {
  const config: Json = { '@type': ANY_TYPE.TcpProxy, statPrefix: statName(statPrefix) }
  if (splits.length === 1) config.cluster = splits[0]!.clusterName
  else {
    config.weightedClusters = {
      clusters: splits.map((s) => ({ name: s.clusterName, weight: s.weight })),
    }
  }
  return { name: 'envoy.filters.network.tcp_proxy', typedConfig: config }
}

/** computeTcpConf is Kuma's `computeConf`: the real destination's rule wins over the legacy one. */
function computeTcpConf(proxy: Proxy, o: ProxyOutbound) {
  const toRules = matchedOf(proxy, KIND).toRules
  if (o.kri) {
    const rule = resourceRuleOf(toRules.resourceRules, [o.kri, noSection(o.kri)])
    if (rule && rule.conf.length > 0) {
      return { conf: rule.conf[0] as { default?: RuleConf }, origin: rule.origin.at(-1)?.resource }
    }
  }
  const rule = computeRule(toRules.rules, { 'kuma.io/service': o.service ?? o.clusterName })
  if (!rule) return undefined
  return { conf: rule.conf as { default?: RuleConf }, origin: rule.origin.at(-1) }
}

/** plugin is MeshTCPRoute's PolicyPlugin. */
export const plugin: PolicyPlugin = {
  kind: KIND,
  order: PLUGIN_ORDER[KIND]!,
  apply(rs, ctx, proxy) {
    const httpRules = matchedOf(proxy, 'MeshHTTPRoute').toRules
    const splits = new SplitBuilder(rs, ctx, proxy)
    const warnings: string[] = []
    for (const o of proxy.outbounds) {
      const tcp = computeTcpConf(proxy, o)
      // without a MeshTCPRoute the base generator's default (the outbound's own cluster) stands
      if (!tcp) continue
      if (isHttp(o.protocol) && computeHttpRouteConf(httpRules, o)) continue
      const listener = rs.get(TypeUrl.Listener, o.listenerName)
      if (!listener) continue
      const refs = (tcp.conf.default?.backendRefs ?? [])
        .map((br) => resolveBackendRef(ctx, tcp.origin, br))
        .filter((r): r is ResolvedRef => r !== undefined)
      const split = splits.splits(refs, false)
      if (split.length === 0) {
        warnings.push(`${o.listenerName}: no backendRef of the route resolves; the default is kept`)
        continue
      }
      const statPrefix = proxy.unifiedNaming && o.kri ? o.kri : o.statPrefix
      for (const fc of (listener.resource.filterChains as Json[] | undefined) ?? []) {
        fc.filters = [tcpProxy(statPrefix, split)]
      }
    }
    return warnings.length > 0 ? { warnings } : undefined
  },
}
