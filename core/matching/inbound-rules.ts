/** @module Inbound rules (Kuma `rules/inbound`): `spec.rules` entries, one rule per match. */
import { kindByName } from '../resources/registry'
import type { ResourceRecord } from '../store/store'
import { itemConf, type PolicyItem } from './conf'
import { mergeConfs } from './merge'
import { compareByDisplayName, compareByPolicyAttributes, compareMatch } from './sort'
import { topLevelOf } from './targetref'
import type { Conf, InboundRule } from './types'

interface Entry {
  conf: Conf
  matches: Record<string, unknown>[]
  topLevel: ReturnType<typeof topLevelOf>
  meta: ResourceRecord
  ruleIndex: number
}

function entriesOf(policies: readonly ResourceRecord[]): Entry[] {
  const out: Entry[] = []
  for (const p of policies) {
    const kind = kindByName(p.type)
    if (!kind?.hasRulesTargetRef || !kind.hasFromTargetRef) return []
    const rules = (p.spec.rules as PolicyItem[] | undefined) ?? []
    const from = (p.spec.from as PolicyItem[] | undefined) ?? []
    const topLevel = topLevelOf(p.spec)
    if (rules.length > 0) {
      rules.forEach((r, j) =>
        out.push({
          conf: itemConf(p.type, 'rules', r),
          matches: r.matches ?? [],
          topLevel,
          meta: p,
          ruleIndex: j,
        }),
      )
    } else if (kind.isFromAsRules && from.length > 0) {
      from.forEach((f, j) =>
        out.push({
          conf: itemConf(p.type, 'from', f),
          matches: [],
          topLevel,
          meta: p,
          ruleIndex: j,
        }),
      )
    }
  }
  return out
}

/** buildInboundRules orders entries least to most specific, then by match (most precise first). */
export function buildInboundRules(policies: readonly ResourceRecord[]): InboundRule[] {
  const entries = entriesOf(policies)
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) => compareByPolicyAttributes(a.e, b.e) || compareByDisplayName(a.e, b.e) || a.i - b.i,
    )
    .map((x) => x.e)
  const rules: InboundRule[] = []
  for (const e of entries) {
    const origin = { resource: e.meta, ruleIndex: e.ruleIndex }
    if (e.matches.length === 0) rules.push({ match: null, conf: e.conf, origin })
    else for (const m of e.matches) rules.push({ match: m, conf: e.conf, origin })
  }
  return rules
    .map((r, i) => ({ r, i }))
    .sort((a, b) => compareMatch(a.r.match, b.r.match) || a.i - b.i)
    .map((x) => x.r)
}

/** matchesAllIncomingTraffic merges the confs of catch-all rules (those without a match). */
export function matchesAllIncomingTraffic(rules: InboundRule[]): Conf | undefined {
  const confs = rules.filter((r) => r.match === null).map((r) => r.conf)
  return mergeConfs(confs)[0]
}
