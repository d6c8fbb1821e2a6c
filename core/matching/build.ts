/** @module Building From, To, Gateway and single-item rules from matched policies (Kuma `rules.go`). */
import { kindByName } from '../resources/registry'
import type { TargetRef } from '../policies/common/targetref'
import type { ResourceRecord } from '../store/store'
import { confShape, isRouteConf, itemConf, type PolicyItem, SINGLE_ITEM_KINDS } from './conf'
import { hashMatches } from './hash'
import { buildInboundRules } from './inbound-rules'
import { isReferenced } from './meta'
import { buildResourceRules } from './resource-rules'
import type { MeshResources } from './resources'
import { buildRules, RuleError, type RuleItem } from './rules'
import { topLevelOf } from './targetref'
import type { FromRules, GatewayRules, Rule, ToRules } from './types'

/** RULE_MATCHES_HASH_TAG tags the subset of a MeshHTTPRoute rule in legacy to rules. */
export const RULE_MATCHES_HASH_TAG = '__rule-matches-hash__'

const listOf = (p: ResourceRecord, section: 'to' | 'from') =>
  (p.spec[section] as PolicyItem[] | undefined) ?? []

/** buildFromRules builds, for each inbound, legacy `from` rules and `rules`-based inbound rules. */
export function buildFromRules(byInbound: Map<string, ResourceRecord[]>): FromRules {
  const out: FromRules = { rules: {}, inboundRules: {} }
  for (const [inbound, policies] of byInbound) {
    if (policies.some((p) => !kindByName(p.type)?.hasFromTargetRef))
      return { rules: {}, inboundRules: {} }
    const items: RuleItem[] = policies.flatMap((p) =>
      listOf(p, 'from').map((f, i) => ({
        targetRef: f.targetRef,
        conf: itemConf(p.type, 'from', f),
        meta: p,
        ruleIndex: i,
      })),
    )
    out.rules[inbound] = buildRules(items, true, confShape(policies[0]?.type ?? '', 'from'))
    out.inboundRules[inbound] = buildInboundRules(policies)
  }
  return out
}

function findRoute(policy: ResourceRecord, name: string, reader: MeshResources) {
  let found: ResourceRecord | undefined
  for (const r of reader.list('MeshHTTPRoute')) if (isReferenced(policy.mesh, name, r)) found = r
  return found
}

/** toItemsWithRoutes expands a policy aimed at a MeshHTTPRoute into one item per route rule. */
function toItemsWithRoutes(policy: ResourceRecord, reader: MeshResources): RuleItem[] {
  const top = topLevelOf(policy.spec)
  const to = listOf(policy, 'to')
  const plain = (items: { targetRef: TargetRef; conf: Record<string, unknown> }[]) =>
    items.map((it, i) => ({
      ...it,
      meta: policy,
      ruleIndex: i,
      routeConf: isRouteConf(policy.type, 'to'),
    }))
  if (top.kind !== 'MeshHTTPRoute') {
    return plain(to.map((t) => ({ targetRef: t.targetRef, conf: itemConf(policy.type, 'to', t) })))
  }
  const route = findRoute(policy, top.name ?? '', reader)
  if (!route) throw new RuleError("can't resolve MeshHTTPRoute policy")
  const items: { targetRef: TargetRef; conf: Record<string, unknown> }[] = []
  for (const routeTo of listOf(route, 'to')) {
    for (const rule of routeTo.rules ?? []) {
      const hashTags = { [RULE_MATCHES_HASH_TAG]: hashMatches(rule.matches) }
      for (const t of to) {
        const kind = routeTo.targetRef.kind
        const targetRef: TargetRef =
          kind === 'Mesh' || kind === 'MeshSubset'
            ? { kind: 'MeshSubset', tags: hashTags }
            : { kind: 'MeshServiceSubset', name: routeTo.targetRef.name, tags: hashTags }
        items.push({ targetRef, conf: itemConf(policy.type, 'to', t) })
      }
    }
  }
  return plain(items)
}

function legacyToRules(policies: readonly ResourceRecord[], reader: MeshResources): Rule[] {
  if (policies.some((p) => !kindByName(p.type)?.hasToTargetRef)) return []
  const items: RuleItem[] = []
  for (const p of policies) {
    if (listOf(p, 'to').some((t) => t.targetRef?.kind === 'MeshHTTPRoute')) continue
    items.push(...toItemsWithRoutes(p, reader))
  }
  return buildRules(items, false, confShape(policies[0]?.type ?? '', 'to'))
}

/** buildToRules builds legacy to rules and resource rules (top-level MeshHTTPRoute excluded). */
export function buildToRules(policies: readonly ResourceRecord[], reader: MeshResources): ToRules {
  const rules = legacyToRules(policies, reader)
  const resourceRules = buildResourceRules(
    policies.filter((p) => topLevelOf(p.spec).kind !== 'MeshHTTPRoute'),
    reader,
  )
  return { rules, resourceRules }
}

/** buildGatewayRules builds to rules per listener (and hostname) and from rules per listener. */
export function buildGatewayRules(
  byInbound: Map<string, ResourceRecord[]>,
  byListenerHostname: Map<string, ResourceRecord[]>,
  reader: MeshResources,
  toRules: (ps: readonly ResourceRecord[], reader: MeshResources) => ToRules = buildToRules,
): GatewayRules {
  const byListenerAndHostname: Record<string, ToRules> = {}
  for (const [k, ps] of byListenerHostname) byListenerAndHostname[k] = toRules(ps, reader)
  const byListener: Record<string, ToRules> = {}
  for (const [k, ps] of byInbound) byListener[k] = toRules(ps, reader)
  const from = buildFromRules(byInbound)
  return {
    toRules: { byListener, byListenerAndHostname },
    fromRules: from.rules,
    inboundRules: from.inboundRules,
  }
}

/** buildSingleItemRules merges the top-level `default` of single-item kinds (MeshTrace...). */
export function buildSingleItemRules(policies: readonly ResourceRecord[]): { rules: Rule[] } {
  if (policies.some((p) => !SINGLE_ITEM_KINDS.has(p.type))) return { rules: [] }
  const items: RuleItem[] = policies.map((p) => ({
    targetRef: { kind: 'Mesh' },
    conf: (p.spec.default as Record<string, unknown>) ?? {},
    meta: p,
    ruleIndex: 0,
  }))
  return { rules: buildRules(items, false) }
}
