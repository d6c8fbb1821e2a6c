/** @module EgressMatchedPolicies: rules a ZoneEgress applies for one external service (Kuma `egress.go`). */
import type { TargetRef } from '../policies/common/targetref'
import { kindByName } from '../resources/registry'
import type { ResourceRecord } from '../store/store'
import { buildFromRules } from './build'
import { itemConf, type PolicyItem } from './conf'
import { tagSelectorMatches } from './dataplane'
import { isShadow } from './meta'
import { buildResourceRules } from './resource-rules'
import type { MeshResources } from './resources'
import { buildRules, type RuleItem } from './rules'
import { sortPolicies } from './sort'
import { SERVICE_TAG } from './subset'
import { topLevelOf } from './targetref'
import type { FromRules, MatchOptions, ToRules } from './types'

/** EGRESS_LISTENER is the key of egress' only listener (Kuma's empty InboundListener). */
export const EGRESS_LISTENER = ':0'

function serviceSelected(tr: TargetRef, tags: Record<string, string>): boolean {
  switch (tr.kind) {
    case 'Mesh':
      return true
    case 'MeshSubset':
      return tagSelectorMatches(tr.tags, tags)
    case 'MeshService':
      return (tr.name ?? '') === tags[SERVICE_TAG]
    case 'MeshServiceSubset':
      return (tr.name ?? '') === tags[SERVICE_TAG] && tagSelectorMatches(tr.tags, tags)
    default:
      return false
  }
}

function fromRulesFor(tags: Record<string, string>, policies: ResourceRecord[]): FromRules {
  const matched = sortPolicies(policies.filter((p) => serviceSelected(topLevelOf(p.spec), tags)))
  return buildFromRules(new Map([[EGRESS_LISTENER, matched]]))
}

/** toAsFromRules turns `to` items aimed at the service into from rules of the policy's top level. */
function toAsFromRules(tags: Record<string, string>, policies: ResourceRecord[]): FromRules {
  const toOf = (p: ResourceRecord) => (p.spec.to as PolicyItem[] | undefined) ?? []
  const matched: ResourceRecord[] = []
  for (const p of policies) {
    for (const item of toOf(p)) if (serviceSelected(item.targetRef, tags)) matched.push(p)
  }
  const items: RuleItem[] = []
  for (const p of sortPolicies(matched)) {
    for (const item of toOf(p)) {
      if (!serviceSelected(item.targetRef, tags)) continue
      items.push({
        targetRef: topLevelOf(p.spec),
        conf: itemConf(p.type, 'to', item),
        meta: p,
        ruleIndex: 0,
      })
    }
  }
  return { rules: { [EGRESS_LISTENER]: buildRules(items, false) }, inboundRules: {} }
}

/** egressMatchedPolicies returns from rules and to resource rules for the service `tags`. */
export function egressMatchedPolicies(
  type: string,
  tags: Record<string, string>,
  resources: MeshResources,
  opts: MatchOptions = {},
): { type: string; fromRules: FromRules; toRules: ToRules } {
  const policies = resources.list(type).filter((p) => opts.includeShadow || !isShadow(p))
  const empty = { rules: {}, inboundRules: {} }
  const kind = kindByName(type)
  if (policies.length === 0 || !kind)
    return { type, fromRules: empty, toRules: { rules: [], resourceRules: {} } }
  const isFrom = kind.hasFromTargetRef
  const isTo = kind.hasToTargetRef
  const toRules: ToRules = { rules: [], resourceRules: {} }
  if (isTo) toRules.resourceRules = buildResourceRules(policies, resources)
  if (isFrom) return { type, fromRules: fromRulesFor(tags, policies), toRules }
  if (isTo) return { type, fromRules: toAsFromRules(tags, policies), toRules }
  return { type, fromRules: empty, toRules }
}
