/**
 * @module MeshRateLimit's effect on Envoy resources (Kuma `meshratelimit/plugin/v1alpha1` and its
 * `xds` configurer): local HTTP rate limits on the routes of inbound listeners, local TCP rate
 * limits on their filter chains, and per-client limits for rules matching a SPIFFE ID.
 */
import { mergeConfs, type InboundRule } from '../../matching'
import { compareSpecificity, sameMatch, subsumes } from '../common/matched-route'
import { matchedOf, PLUGIN_ORDER, type PolicyPlugin } from '../../xds/plugin'
import type { Json } from '../../xds/resource-set'
import { TypeUrl } from '../../xds/snapshot'
import { HTTP_FILTER, httpFilter, httpRateLimit, TCP_FILTER, tcpFilter } from './envoy'
import type { Conf, Match } from './types'

const KIND = 'MeshRateLimit'
const HCM = 'envoy.filters.network.http_connection_manager'
const SET_FILTER_STATE = 'envoy.filters.network.set_filter_state'
const SPIFFE_KEY = 'kuma.mesh_rate_limit.match.spiffe_id'
const SNI_KEY = 'kuma.mesh_rate_limit.match.sni'

type Warn = (w: string) => void

const hcmOf = (chain: Json): Json | undefined =>
  ((chain.filters as Json[] | undefined) ?? []).find((f) => f.name === HCM)?.typedConfig as
    Json | undefined

function routesOf(hcm: Json): Json[] {
  const rc = hcm.routeConfig as Json | undefined
  return ((rc?.virtualHosts as Json[] | undefined) ?? []).flatMap(
    (vh) => (vh.routes as Json[] | undefined) ?? [],
  )
}

/** upsertHttpFilter replaces a filter of the same name, else puts it right before the router. */
function upsertHttpFilter(hcm: Json, filter: Json): void {
  const filters = (hcm.httpFilters as Json[] | undefined) ?? []
  const same = filters.findIndex((f) => f.name === filter.name)
  if (same >= 0) filters[same] = filter
  else {
    const router = filters.findIndex((f) => f.name === 'envoy.filters.http.router')
    filters.splice(router >= 0 ? router : filters.length, 0, filter)
  }
  hcm.httpFilters = filters
}

function addRateLimitToRoute(route: Json, rl: Json): void {
  const per = (route.typedPerFilterConfig as Json | undefined) ?? {}
  if (per[HTTP_FILTER] === undefined) per[HTTP_FILTER] = structuredClone(rl)
  route.typedPerFilterConfig = per
}

/** configureFilterChain is Kuma's `ConfigureFilterChain`: the catch-all conf on one chain. */
function configureFilterChain(conf: Conf, chain: Json, warn: Warn): void {
  const local = conf.local
  if (!local) return
  if (local.http) {
    const rl = httpRateLimit(local.http, warn)
    const hcm = hcmOf(chain)
    if (rl && hcm?.routeConfig) {
      for (const route of routesOf(hcm)) addRateLimitToRoute(route, rl)
      upsertHttpFilter(hcm, httpFilter())
    }
  }
  if (local.tcp) {
    const f = tcpFilter(local.tcp)
    if (f) {
      const filters = (chain.filters as Json[] | undefined) ?? []
      const same = filters.findIndex((x) => x.name === TCP_FILTER)
      if (same >= 0) filters[same] = f
      else filters.unshift(f)
      chain.filters = filters
    }
  }
}

// ---- rules matching a SPIFFE ID: one route copy per client group ----

interface Effective {
  match: Match
  rateLimit?: Json
}

const matchOf = (r: InboundRule) => r.match as Match | null
const hasHttp = (c: Conf) => !!c.local?.http

function effectiveRules(base: Conf, rules: readonly InboundRule[], warn: Warn): Effective[] {
  const matched = rules
    .filter((r) => !!matchOf(r)?.spiffeID && hasHttp(r.conf as Conf))
    .map((r, i) => ({ r, i }))
    .sort((a, b) => compareSpecificity(matchOf(a.r), matchOf(b.r), true) || a.i - b.i)
    .map((x) => x.r)
  const out: Effective[] = []
  for (const rule of matched) {
    const target = matchOf(rule)!
    if (out.some((e) => sameMatch(e.match, target))) continue
    const applicable = matched
      .filter((r) => subsumes(matchOf(r), target))
      .map((r, i) => ({ r, i }))
      .sort((a, b) => compareSpecificity(matchOf(a.r), matchOf(b.r), false) || a.i - b.i)
      .map((x) => x.r.conf as Conf)
    if (applicable.length === 0 && !hasHttp(base)) continue
    const confs = [...(hasHttp(base) ? [base] : []), ...applicable]
    const merged = (mergeConfs(confs as Json[])[0] ?? {}) as Conf
    const http = merged.local?.http
    out.push({ match: target, rateLimit: http ? httpRateLimit(http, warn) : undefined })
  }
  return out
}

function filterStateValue(key: string, format: string): Json {
  return {
    objectKey: key,
    factoryKey: 'envoy.string',
    formatString: { textFormatSource: { inlineString: format } },
    readOnly: true,
    skipIfEmpty: true,
  }
}

/** ensureMatchFilterState puts the client's SPIFFE ID / SNI in filter state for route matching. */
function ensureMatchFilterState(chain: Json, effective: readonly Effective[]): void {
  const required: Json[] = []
  if (effective.some((e) => e.match.spiffeID)) {
    required.push(filterStateValue(SPIFFE_KEY, '%DOWNSTREAM_PEER_URI_SAN%'))
  }
  if (effective.some((e) => e.match.sni)) {
    required.push(filterStateValue(SNI_KEY, '%REQUESTED_SERVER_NAME%'))
  }
  if (required.length === 0) return
  const filters = (chain.filters as Json[] | undefined) ?? []
  const existing = filters.find((f) => f.name === SET_FILTER_STATE)
  if (existing) {
    const tc = existing.typedConfig as Json
    const values = (tc.onDownstreamTlsHandshake as Json[] | undefined) ?? []
    for (const v of required) {
      if (!values.some((x) => x.objectKey === v.objectKey)) values.push(v)
    }
    tc.onDownstreamTlsHandshake = values
    return
  }
  filters.unshift({
    name: SET_FILTER_STATE,
    typedConfig: {
      '@type': 'type.googleapis.com/envoy.extensions.filters.network.set_filter_state.v3.Config',
      onDownstreamTlsHandshake: required,
    },
  })
  chain.filters = filters
}

function filterStateMatchers(m: Match): Json[] {
  const out: Json[] = []
  if (m.spiffeID) {
    out.push({
      key: SPIFFE_KEY,
      stringMatch:
        m.spiffeID.type === 'Prefix' ? { prefix: m.spiffeID.value } : { exact: m.spiffeID.value },
    })
  }
  if (m.sni) out.push({ key: SNI_KEY, stringMatch: { exact: m.sni.value } })
  return out
}

function routeSupportsRateLimit(route: Json): boolean {
  const action = route.route as Json | undefined
  if (!action) return false
  if (typeof action.cluster === 'string') return action.cluster !== ''
  if (typeof action.clusterHeader === 'string') return action.clusterHeader !== ''
  const wc = ((action.weightedClusters as Json | undefined)?.clusters as Json[] | undefined) ?? []
  return wc.length > 0 && wc.every((c) => !!c.name || !!c.clusterHeader)
}

/** configureMatchedRoutes is Kuma's `ConfigureMatchedRoutesOnFilterChain`. */
function configureMatchedRoutes(
  chain: Json,
  base: Conf,
  rules: readonly InboundRule[],
  warn: Warn,
) {
  const effective = effectiveRules(base, rules, warn)
  if (effective.length === 0) return
  const baseRl = hasHttp(base) ? httpRateLimit(base.local!.http!, () => undefined) : undefined
  const anyMatched = effective.some((e) => e.rateLimit)
  if (!baseRl && !anyMatched) return
  ensureMatchFilterState(chain, effective)
  const hcm = hcmOf(chain)
  if (!hcm) return
  if (anyMatched) upsertHttpFilter(hcm, httpFilter())
  const rc = hcm.routeConfig as Json | undefined
  for (const vh of (rc?.virtualHosts as Json[] | undefined) ?? []) {
    const routes: Json[] = []
    for (const route of (vh.routes as Json[] | undefined) ?? []) {
      for (const e of effective) {
        if (!route.match || !routeSupportsRateLimit(route)) continue
        const clone = structuredClone(route)
        const match = clone.match as Json
        match.filterState = [
          ...((match.filterState as Json[] | undefined) ?? []),
          ...filterStateMatchers(e.match),
        ]
        const per = (clone.typedPerFilterConfig as Json | undefined) ?? {}
        if (e.rateLimit) per[HTTP_FILTER] = structuredClone(e.rateLimit)
        else delete per[HTTP_FILTER]
        if (Object.keys(per).length > 0) clone.typedPerFilterConfig = per
        else delete clone.typedPerFilterConfig
        routes.push(clone)
      }
      routes.push(route)
    }
    vh.routes = routes
  }
}

/**
 * plugin is MeshRateLimit's PolicyPlugin. For every inbound listener, the merged catch-all conf
 * (rules without `matches`) goes on every filter chain; rules matching clients by SPIFFE ID get
 * copies of each route keyed on the client's URI SAN. Nothing matched: nothing changes.
 */
export const plugin: PolicyPlugin = {
  kind: KIND,
  order: PLUGIN_ORDER[KIND],
  apply(rs, _ctx, proxy) {
    const m = matchedOf(proxy, KIND)
    const warnings: string[] = []
    const warn: Warn = (w) => {
      if (!warnings.includes(w)) warnings.push(w)
    }
    for (const inbound of proxy.inbounds) {
      const res = rs.get(TypeUrl.Listener, inbound.listenerName)
      if (!res || res.origin !== 'inbound') continue
      const rules = m.fromRules.inboundRules[`${inbound.address}:${inbound.port}`] ?? []
      const catchAll = rules.filter((r) => r.match === null).map((r) => r.conf)
      const conf = (mergeConfs(catchAll)[0] ?? {}) as Conf
      const applyCommon = rules.length === 0 || catchAll.length > 0
      for (const chain of (res.resource.filterChains as Json[] | undefined) ?? []) {
        if (applyCommon) configureFilterChain(conf, chain, warn)
        configureMatchedRoutes(chain, conf, rules, warn)
      }
    }
    return warnings.length > 0 ? { warnings } : undefined
  },
}
