/**
 * @module The `_policies` and `_routes` answers (Kuma `matchedPoliciesTo*`): the conf each policy
 * kind gives a proxy, one of its inbounds, one of its outbounds or a route of an outbound.
 */
import { formatKri, type Identifier } from '../kri/kri'
import type { MatchedPolicies, ResourceRule as MatchingResourceRule } from '../matching'
import { hashMatches } from '../matching/hash'
import { networkingOf } from '../matching/dataplane'
import { kriOfRecord } from '../matching/resources'
import { kindByShortName } from '../resources/registry'
import type { ResourceRecord } from '../store/store'
import { kriOrigin, renderConf } from './meta'
import type {
  InboundPoliciesList,
  InboundPolicyConf,
  PoliciesList,
  PolicyConf,
  RouteConf,
  RouteRules,
  RoutesList,
} from './types'

/** InspectResult is an answer, or why there is none (`inbound-not-found` is Kuma's 500). */
export type InspectResult<T> = { ok: true; value: T } | { ok: false; reason: 'inbound-not-found' }

const ok = <T>(value: T): InspectResult<T> => ({ ok: true, value })

const noSection = (id: Identifier) => formatKri({ ...id, sectionName: '' })

/** proxyPolicies answers `_policies`: the single-item (whole proxy) rule of each kind. */
export function proxyPolicies(matched: MatchedPolicies[]): PoliciesList {
  const policies: PolicyConf[] = []
  for (const m of matched) {
    const rule = m.singleItemRules.rules[0]
    if (!rule) continue
    policies.push({
      conf: renderConf(m.type, rule.conf),
      kind: m.type,
      origins: rule.origin.map((o) => kriOrigin(m.type, o)),
    })
  }
  return { policies }
}

/** firstRule is Kuma's `ResourceContext.ResourceRule`: the rule of the first id that has one. */
function firstRule(m: MatchedPolicies, ids: string[]): MatchingResourceRule | undefined {
  for (const id of ids) {
    const r = m.toRules.resourceRules[id]
    if (r) return r
  }
  return undefined
}

function resourceRulePolicies(matched: MatchedPolicies[], ids: string[]): PoliciesList {
  const policies: PolicyConf[] = []
  for (const m of matched) {
    const r = firstRule(m, ids)
    if (!r) continue
    policies.push({
      conf: r.conf.map((c) => renderConf(m.type, c)),
      kind: m.type,
      origins: r.origin.map((o) => kriOrigin(m.type, o.resource)),
    })
  }
  return { policies }
}

/** outboundPolicies answers `_outbounds/{kri}/_policies`: outbound, then its service, then mesh. */
export function outboundPolicies(
  matched: MatchedPolicies[],
  mesh: ResourceRecord,
  outbound: Identifier,
): PoliciesList {
  return resourceRulePolicies(matched, [
    formatKri(outbound),
    noSection(outbound),
    kriOfRecord(mesh),
  ])
}

/** routePolicies answers `_outbounds/{kri}/_routes/{route}/_policies`: route first, then outbound. */
export function routePolicies(
  matched: MatchedPolicies[],
  mesh: ResourceRecord,
  outbound: Identifier,
  route: Identifier,
): PoliciesList {
  return resourceRulePolicies(matched, [
    formatKri(route),
    formatKri(outbound),
    noSection(outbound),
    kriOfRecord(mesh),
  ])
}

/** inboundKeyOf finds the inbound (or embedded listener) named by a section, as `address:port`. */
function inboundKeyOf(dataplane: ResourceRecord, sectionName: string): string | undefined {
  const net = networkingOf(dataplane)
  const sectionOf = (x: { name?: string; port: number }) => x.name || String(x.port)
  const inbound = (net.inbound ?? []).find((i) => !sectionName || sectionOf(i) === sectionName)
  if (inbound) return `${inbound.address || net.address || ''}:${inbound.port}`
  const listener = (net.listeners ?? []).find((l) => !sectionName || sectionOf(l) === sectionName)
  if (listener) return `${listener.address || net.address || ''}:${listener.port}`
  return undefined
}

/** inboundPolicies answers `_inbounds/{kri}/_policies`: each kind's inbound rules, in order. */
export function inboundPolicies(
  matched: MatchedPolicies[],
  dataplane: ResourceRecord,
  inbound: Identifier,
): InspectResult<InboundPoliciesList> {
  const key = inboundKeyOf(dataplane, inbound.sectionName)
  if (key === undefined) return { ok: false, reason: 'inbound-not-found' }
  const policies: InboundPolicyConf[] = []
  for (const m of matched) {
    const rules = m.fromRules.inboundRules[key] ?? []
    if (rules.length === 0) continue
    const seen = new Set<string>()
    const origins = []
    for (const r of rules) {
      const k = `${r.origin.resource.mesh}/${r.origin.resource.name}`
      if (seen.has(k)) continue
      seen.add(k)
      origins.push(kriOrigin(m.type, r.origin.resource))
    }
    policies.push({
      kind: m.type,
      origins,
      rules: rules.map((r) => ({
        conf: renderConf(m.type, r.conf),
        kri: kriOrigin(m.type, r.origin.resource).kri,
      })),
    })
  }
  return ok({ policies })
}

const COMPUTED_KINDS = new Set([
  'MeshService',
  'MeshExternalService',
  'MeshMultiZoneService',
  'MeshHTTPRoute',
])

/**
 * computeResourceRule is Kuma's `ResourceRules.Compute`: the rule of the resource, else of the
 * resource without its section, else (for services and routes) of the mesh.
 */
export function computeResourceRule(
  m: MatchedPolicies,
  id: Identifier,
  mesh: ResourceRecord | undefined,
): MatchingResourceRule | undefined {
  const exact = m.toRules.resourceRules[formatKri(id)]
  if (exact) return exact
  if (!COMPUTED_KINDS.has(kindByShortName(id.shortName)?.name ?? '')) return undefined
  if (id.sectionName !== '') return computeResourceRule(m, { ...id, sectionName: '' }, mesh)
  if (!mesh || mesh.name !== id.mesh) return undefined
  return m.toRules.resourceRules[kriOfRecord(mesh)]
}

/** routes answers `_outbounds/{kri}/_routes`: MeshHTTPRoute rules by match, MeshTCPRoute rules. */
export function routes(
  matched: MatchedPolicies[],
  mesh: ResourceRecord | undefined,
  outbound: Identifier,
): RoutesList {
  const out: RouteConf[] = []
  for (const m of matched) {
    const conf = computeResourceRule(m, outbound, mesh)
    if (!conf) continue
    const rules: RouteRules[] = []
    const push = (r: RouteRules) => rules.push(r)
    if (m.type === 'MeshHTTPRoute') {
      for (const c of conf.conf) {
        for (const rr of (c.rules as Record<string, unknown>[] | undefined) ?? []) {
          const origin = conf.originByMatches[hashMatches(rr.matches)]
          push({
            conf: renderConf(m.type, rr.default ?? {}),
            kri: origin ? kriOrigin(m.type, origin.resource).kri : '',
            matches: (rr.matches as unknown[] | undefined) ?? [],
          })
        }
      }
    } else if (m.type === 'MeshTCPRoute') {
      for (const c of conf.conf) push({ conf: c.default ?? null, kri: '', matches: null })
    }
    out.push({
      kind: m.type,
      origins: conf.origin.map((o) => kriOrigin(m.type, o.resource)),
      // Go's nil slice: a route conf without rules prints `null`
      rules: rules.length > 0 ? rules : null,
    })
  }
  return { routes: out }
}
