/**
 * @module MeshHTTPRoute's effect on Envoy resources (Kuma `meshhttproute/plugin/v1alpha1`
 * listeners.go): for each HTTP outbound a route matches, the outbound listener's routes become
 * the route's rules (most specific match first) plus the catch-all, each over weighted clusters,
 * with filters; clusters and endpoints are added for backends the proxy had none for. Outbounds
 * no route matches keep the base generator's default route (Kuma's `prepareRoutes` default).
 */
import { hashHttpMatches } from '../../inspect/http-matches'
import type { ToRules } from '../../matching'
import { hashMatches } from '../../matching/hash'
import type { ResourceRecord } from '../../store/store'
import { DEFAULT_ROUTE_NAME } from '../../xds/generator/outbound'
import { matchedOf, PLUGIN_ORDER, type PluginContext, type PolicyPlugin } from '../../xds/plugin'
import type { Proxy, ProxyOutbound } from '../../xds/proxy'
import type { Json } from '../../xds/resource-set'
import { TypeUrl } from '../../xds/snapshot'
import { kriOfMeta } from '../../matching/resources'
import { resolveBackendRef, SplitBuilder, type ResolvedRef } from './backends'
import { compareMatch, envoyRoutes, type OutboundRoute } from './routes'
import type { Filter, Match, Rule } from './types'
import { computeRule, hcmsOf, noSection, resourceRuleOf } from './xds-util'

const KIND = 'MeshHTTPRoute'
const CATCH_ALL: Match = { path: { type: 'PathPrefix', value: '/' } }

const isHttp = (p: string) => p === 'http' || p === 'http2' || p === 'grpc'

/** RouteConf is a merged MeshHTTPRoute conf with where each rule (by matches) came from. */
export interface RouteConf {
  rules: Rule[]
  origin: (matches: unknown) => { resource?: ResourceRecord; ruleIndex: number }
}

/**
 * computeHttpRouteConf is Kuma's `ComputeHTTPRouteConf`: the conf for the outbound's real
 * destination if any, else the legacy rule for its `kuma.io/service`; undefined when none.
 */
export function computeHttpRouteConf(toRules: ToRules, o: ProxyOutbound): RouteConf | undefined {
  if (o.kri) {
    const rule = resourceRuleOf(toRules.resourceRules, [o.kri, noSection(o.kri)])
    if (rule && rule.conf.length > 0) {
      return {
        rules: ((rule.conf[0] as { rules?: Rule[] }).rules ?? []) as Rule[],
        origin: (m) => rule.originByMatches[hashMatches(m)] ?? { ruleIndex: 0 },
      }
    }
  }
  const service = o.service ?? o.clusterName
  const rule = computeRule(toRules.rules, { 'kuma.io/service': service })
  if (!rule) return undefined
  return {
    rules: ((rule.conf as { rules?: Rule[] }).rules ?? []) as Rule[],
    origin: (m) => ({ resource: rule.originByMatches[hashMatches(m)], ruleIndex: 0 }),
  }
}

/** defaultRef is Kuma's `DefaultBackendRef`: the outbound's own destination, weight 100. */
export function defaultRef(o: ProxyOutbound): ResolvedRef {
  return o.destination
    ? { kind: 'real', destination: o.destination, port: o.destinationPort!, weight: 100 }
    : { kind: 'legacy', service: o.service!, tags: {}, weight: 100 }
}

interface PreparedRoute {
  name: string
  match: Match
  filters: Filter[]
  refs: ResolvedRef[]
}

/** prepareRoutes is Kuma's `prepareRoutes`: rules by match, sorted, then the catch-all. */
function prepareRoutes(ctx: PluginContext, proxy: Proxy, o: ProxyOutbound, conf: RouteConf) {
  const routes: PreparedRoute[] = []
  for (const rule of conf.rules) {
    const origin = conf.origin(rule.matches)
    let name = hashHttpMatches(rule.matches)
    if (o.kri && origin.resource) {
      const section = proxy.unifiedNaming ? `rule_${origin.ruleIndex}` : ''
      name = kriOfMeta(KIND, origin.resource, section)
    }
    const refs = (rule.default.backendRefs ?? [])
      .map((br) => resolveBackendRef(ctx, origin.resource, br))
      .filter((r): r is ResolvedRef => r !== undefined)
    for (const match of rule.matches) {
      routes.push({ name, match: { ...match }, filters: rule.default.filters ?? [], refs })
    }
  }
  const sorted = routes
    .map((r, i) => ({ r, i }))
    .sort((a, b) => compareMatch(a.r.match, b.r.match) || a.i - b.i)
    .map((x) => x.r)
  const isCatchAll = (m: Match) =>
    Object.keys(m).length === 1 && m.path?.type === 'PathPrefix' && m.path.value === '/'
  if (!sorted.some((r) => isCatchAll(r.match))) {
    sorted.push({ name: DEFAULT_ROUTE_NAME, match: CATCH_ALL, filters: [], refs: [] })
  }
  for (const r of sorted) {
    if (!r.match.path) r.match.path = CATCH_ALL.path
    if (r.refs.length === 0) r.refs = [defaultRef(o)]
  }
  return sorted
}

/** plugin is MeshHTTPRoute's PolicyPlugin. */
export const plugin: PolicyPlugin = {
  kind: KIND,
  order: PLUGIN_ORDER[KIND]!,
  apply(rs, ctx, proxy) {
    const matched = matchedOf(proxy, KIND)
    const warnings: string[] = []
    const splits = new SplitBuilder(rs, ctx, proxy)
    for (const o of proxy.outbounds) {
      if (!isHttp(o.protocol)) continue
      const conf = computeHttpRouteConf(matched.toRules, o)
      if (!conf || conf.rules.length === 0) continue
      const listener = rs.get(TypeUrl.Listener, o.listenerName)
      if (!listener) continue
      const routes: OutboundRoute[] = []
      for (const r of prepareRoutes(ctx, proxy, o, conf)) {
        const split = splits.splits(r.refs, true)
        if (split.length === 0) continue
        routes.push({ name: r.name, match: r.match, filters: r.filters, splits: split })
      }
      const mirrorCluster = (f: Filter) => {
        const ref = f.requestMirror && resolveBackendRef(ctx, undefined, f.requestMirror.backendRef)
        return ref ? splits.splits([{ ...ref, weight: 1 }], true)[0]?.clusterName : undefined
      }
      const envoy = routes.flatMap((r) => envoyRoutes(r, mirrorCluster))
      if (envoy.length === 0) {
        warnings.push(`${o.listenerName}: no route has a backend; the default route is kept`)
        continue
      }
      for (const hcm of hcmsOf(listener.resource)) {
        const vhosts = ((hcm.routeConfig as Json | undefined)?.virtualHosts as Json[]) ?? []
        if (vhosts[0]) vhosts[0].routes = structuredClone(envoy)
      }
    }
    return warnings.length > 0 ? { warnings } : undefined
  },
}
