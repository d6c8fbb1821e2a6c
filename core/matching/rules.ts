/**
 * @module Legacy rules (Kuma `rules.BuildRules`): items targeting tag subsets turned into
 * non-overlapping subsets, each with the merge of every item that covers it.
 */
import type { TargetRef } from '../policies/common/targetref'
import type { ResourceRecord } from '../store/store'
import { maximalCliques } from './cliques'
import { hashMatches } from './hash'
import { type ConfShape, mergeConfs } from './merge'
import {
  deduplicate,
  intersect,
  isSubset,
  numPositive,
  SERVICE_TAG,
  sortSubset,
  subsetCombinations,
} from './subset'
import { isOldKind } from './targetref'
import type { Conf, Rule, Subset, Tag } from './types'

/** RuleItem is one conf aimed at a targetRef, from a policy, ordered least to most specific. */
export interface RuleItem {
  targetRef: TargetRef
  conf: Conf
  meta: ResourceRecord
  ruleIndex: number
  /** routeConf marks MeshHTTPRoute confs, whose rules feed originByMatches. */
  routeConf?: boolean
}

/** RuleError is returned when an item's targetRef cannot be expressed as tags. */
export class RuleError extends Error {}

/** asSubset is the tag subset a legacy targetRef selects. */
export function asSubset(tr: TargetRef): Subset {
  const tags = (t?: Record<string, string>): Tag[] =>
    Object.entries(t ?? {}).map(([key, value]) => ({ key, value, not: false }))
  switch (tr.kind) {
    case 'Mesh':
      return []
    case 'MeshSubset':
      return tags(tr.tags)
    case 'MeshService':
      return [{ key: SERVICE_TAG, value: tr.name ?? '', not: false }]
    case 'MeshServiceSubset':
      return [{ key: SERVICE_TAG, value: tr.name ?? '', not: false }, ...tags(tr.tags)]
    default:
      throw new RuleError(`can't represent ${tr.kind} as tags`)
  }
}

/** originsOf lists the contributing policies once each, in order. */
function originsOf(items: RuleItem[]): ResourceRecord[] {
  const seen = new Set<string>()
  const out: ResourceRecord[] = []
  for (const i of items) {
    const k = `${i.meta.mesh}/${i.meta.name}`
    if (!seen.has(k)) {
      seen.add(k)
      out.push(i.meta)
    }
  }
  return out
}

/** routeOrigins maps each MeshHTTPRoute rule (by matches hash) to the item it came from. */
export function routeOrigins<T>(
  items: { conf: Conf; routeConf?: boolean; meta: ResourceRecord; ruleIndex: number }[],
  origin: (i: { meta: ResourceRecord; ruleIndex: number }) => T,
): Record<string, T> {
  const out: Record<string, T> = {}
  const seen = new Set<string>()
  for (const i of items) {
    const k = `${i.meta.mesh}/${i.meta.name}/${i.ruleIndex}`
    if (seen.has(k)) continue
    seen.add(k)
    if (!i.routeConf) continue
    for (const r of (i.conf.rules as { matches?: unknown }[] | undefined) ?? []) {
      out[hashMatches(r.matches)] = origin(i)
    }
  }
  return out
}

function createRules(ss: Subset, items: RuleItem[], shape: ConfShape): Rule[] {
  const relevant = items.filter((i) => isSubset(asSubset(i.targetRef), ss))
  if (relevant.length === 0) return []
  const origin = originsOf(relevant)
  const originByMatches = routeOrigins(relevant, (i) => i.meta)
  return mergeConfs(
    relevant.map((i) => i.conf),
    shape,
  ).map((conf) => ({ subset: ss, conf, origin, originByMatches }))
}

const stableSortBy = <T>(xs: T[], key: (x: T) => number) =>
  xs
    .map((x, i) => ({ x, i }))
    .sort((a, b) => key(b.x) - key(a.x) || a.i - b.i)
    .map((e) => e.x)

/**
 * buildRules turns items into rules sorted most specific first. With negations (from rules) every
 * combination of intersecting subsets is enumerated; without, each distinct subset is one rule.
 * Items of kinds that are not tag-based are ignored.
 */
export function buildRules(
  list: RuleItem[],
  withNegations: boolean,
  shape: ConfShape = {},
): Rule[] {
  const items = list.filter((i) => isOldKind(i.targetRef.kind))
  if (items.length === 0) return []
  const subsets = items.map((i) => asSubset(i.targetRef))
  const uniqueKeys = new Set(subsets.flatMap((s) => s.map((t) => t.key)))

  if (!withNegations && uniqueKeys.size <= 1) {
    const rules = deduplicate(subsets).flatMap((ss) => createRules(ss, items, shape))
    return stableSortBy(rules, (r) => r.subset.length)
  }

  const groups = maximalCliques(subsets.length, (i, j) => intersect(subsets[i], subsets[j]))
  const rules: Rule[] = []
  for (const group of groups) {
    const seen = new Map<string, Tag>()
    for (const node of group) for (const t of subsets[node]) seen.set(`${t.key}\u0000${t.value}`, t)
    const tags = sortSubset([...seen.values()].map((t) => ({ ...t, not: false })))
    for (const ss of subsetCombinations(tags)) rules.push(...createRules(ss, items, shape))
  }
  return stableSortBy(rules, (r) => numPositive(r.subset))
}
