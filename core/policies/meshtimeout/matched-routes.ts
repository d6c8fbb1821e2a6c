/**
 * @module MeshTimeout `rules` that match clients by SPIFFE ID (Kuma `ConfigureMatchedRoutes`):
 * each inbound route is duplicated once per matching rule, the copy matching the client's
 * SPIFFE ID (and SNI) through filter state set on the TLS handshake, with the rule's timeouts.
 */
import type { InboundRule } from '../../matching'
import { mergeConfs } from '../../matching'
import { confShape } from '../../matching/conf'
import { compareSpecificity, sameMatch, subsumes } from '../common/matched-route'
import { filterChainsOf, hcmOf, virtualHostsOf } from '../../xds/envoy-edit'
import { durationOr } from '../../xds/policy-conf'
import type { Json } from '../../xds/resource-set'
import type { Conf, Match } from './types'

const SET_FILTER_STATE = 'envoy.filters.network.set_filter_state'
const SET_FILTER_STATE_TYPE =
  'type.googleapis.com/envoy.extensions.filters.network.set_filter_state.v3.Config'
const SPIFFE_ID_KEY = 'kuma.mesh_timeout.match.spiffe_id'
const SNI_KEY = 'kuma.mesh_timeout.match.sni'

const matchOf = (r: InboundRule) => r.match as Match | null
const confOf = (r: InboundRule) => r.conf as Conf

/** matchedRouteRules are the rules with a SPIFFE ID match and an HTTP timeout, most specific first. */
export function matchedRouteRules(rules: readonly InboundRule[]): InboundRule[] {
  return rules
    .filter((r) => {
      const http = confOf(r).http
      return matchOf(r)?.spiffeID && (http?.requestTimeout ?? http?.streamIdleTimeout) !== undefined
    })
    .map((r, i) => ({ r, i }))
    .sort((a, b) => compareSpecificity(matchOf(a.r), matchOf(b.r), true) || a.i - b.i)
    .map((x) => x.r)
}

interface Effective {
  match: Match
  conf: Conf
}

/** effectiveRules merges, for each distinct match, the confs of every rule subsuming it. */
function effectiveRules(matched: readonly InboundRule[]): Effective[] {
  const out: Effective[] = []
  for (const rule of matched) {
    const match = matchOf(rule)!
    if (out.some((e) => sameMatch(e.match, match))) continue
    const applicable = matched
      .filter((r) => subsumes(matchOf(r), match))
      .map((r, i) => ({ r, i }))
      .sort((a, b) => compareSpecificity(matchOf(a.r), matchOf(b.r), false) || a.i - b.i)
      .map((x) => x.r.conf)
    if (applicable.length === 0) continue
    const merged = mergeConfs(applicable, confShape('MeshTimeout', 'rules'))[0]
    if (merged) out.push({ match, conf: merged as Conf })
  }
  return out
}

const supportsTimeouts = (action: Json | undefined): boolean => {
  if (!action) return false
  if (typeof action.cluster === 'string') return action.cluster !== ''
  if (typeof action.clusterHeader === 'string') return action.clusterHeader !== ''
  const weighted = (action.weightedClusters as Json | undefined)?.clusters as Json[] | undefined
  if (!weighted || weighted.length === 0) return false
  return weighted.every((c) => c.name || c.clusterHeader)
}

function filterStateMatchers(match: Match): Json[] {
  const out: Json[] = []
  if (match.spiffeID) {
    out.push({
      key: SPIFFE_ID_KEY,
      stringMatch:
        match.spiffeID.type === 'Prefix'
          ? { prefix: match.spiffeID.value }
          : { exact: match.spiffeID.value },
    })
  }
  if (match.sni) out.push({ key: SNI_KEY, stringMatch: { exact: match.sni.value } })
  return out
}

function duplicate(route: Json, rules: readonly Effective[]): Json[] {
  const out: Json[] = []
  for (const rule of rules) {
    const clone = structuredClone(route)
    const match = clone.match as Json | undefined
    const action = clone.route as Json | undefined
    if (!match || !supportsTimeouts(action)) continue
    match.filterState = [
      ...((match.filterState as Json[]) ?? []),
      ...filterStateMatchers(rule.match),
    ]
    if (rule.conf.http?.requestTimeout !== undefined) {
      action!.timeout = durationOr(rule.conf.http.requestTimeout, 0n)
    }
    if (rule.conf.http?.streamIdleTimeout !== undefined) {
      action!.idleTimeout = durationOr(rule.conf.http.streamIdleTimeout, 0n)
    }
    out.push(clone)
  }
  return out
}

const stateValue = (key: string, format: string): Json => ({
  objectKey: key,
  factoryKey: 'envoy.string',
  formatString: { textFormatSource: { inlineString: format } },
  readOnly: true,
  skipIfEmpty: true,
})

/** ensureMatchFilterState puts the set_filter_state filter first on the chain, once. */
function ensureMatchFilterState(fc: Json, matched: readonly InboundRule[]): void {
  const filters = (fc.filters as Json[] | undefined) ?? []
  if (filters.some((f) => f.name === SET_FILTER_STATE)) return
  const values: Json[] = []
  if (matched.some((r) => matchOf(r)?.spiffeID)) {
    values.push(stateValue(SPIFFE_ID_KEY, '%DOWNSTREAM_PEER_URI_SAN%'))
  }
  if (matched.some((r) => matchOf(r)?.sni))
    values.push(stateValue(SNI_KEY, '%REQUESTED_SERVER_NAME%'))
  const config: Json = { '@type': SET_FILTER_STATE_TYPE }
  if (values.length > 0) config.onDownstreamTlsHandshake = values
  fc.filters = [{ name: SET_FILTER_STATE, typedConfig: config }, ...filters]
}

/**
 * configureMatchedRoutes is Kuma's `ConfigureMatchedRoutesOnFilterChain` over a listener: for
 * rules with a SPIFFE ID match and an HTTP timeout, the filter state filter and the duplicated
 * routes. Nothing changes when no rule qualifies.
 */
export function configureMatchedRoutes(listener: Json, rules: readonly InboundRule[]): void {
  const matched = matchedRouteRules(rules)
  if (matched.length === 0) return
  const effective = effectiveRules(matched)
  for (const fc of filterChainsOf(listener)) {
    ensureMatchFilterState(fc, matched)
    const hcm = hcmOf(fc)
    if (!hcm) continue
    for (const vh of virtualHostsOf(hcm)) {
      const routes = (vh.routes as Json[] | undefined) ?? []
      vh.routes = routes.flatMap((r) => [...duplicate(r, effective), r])
    }
  }
}
