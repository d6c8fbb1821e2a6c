/**
 * @module Per-kind knowledge of policy items: what an item's conf is and how confs of a kind merge.
 * Kuma gets this from each kind's Go types (`GetDefault`, `policyMerge` tags); Kumo keeps the few
 * exceptions in one table here.
 */
import type { TargetRef } from '../policies/common/targetref'
import type { ConfShape } from './merge'
import type { Conf } from './types'

export type Section = 'to' | 'from' | 'rules' | 'default'

/** PolicyItem is one entry of `to`, `from` or `rules` (or the single `default` of a policy). */
export interface PolicyItem {
  targetRef: TargetRef
  default?: Conf
  matches?: Record<string, unknown>[]
  rules?: Record<string, unknown>[]
  hostnames?: string[]
}

interface KindConf {
  conf: (item: PolicyItem) => Conf
  shape: ConfShape
}

const ROUTE_SHAPE: ConfShape = {
  mergeValues: 'hostnames',
  mergeValuesByKey: { field: 'rules', key: 'matches' },
  reverseAfterMerge: true,
}

/** SPECIAL lists the items whose conf is not simply their `default`. */
const SPECIAL: Record<string, KindConf> = {
  'MeshHTTPRoute/to': {
    // Reversed so that, once merged by matches and reversed back, the first rule still wins.
    conf: (item) => {
      const out: Conf = {}
      const rules = [...(item.rules ?? [])].reverse()
      if (rules.length > 0) out.rules = rules
      if (item.hostnames && item.hostnames.length > 0) out.hostnames = item.hostnames
      return out
    },
    shape: ROUTE_SHAPE,
  },
  'MeshTCPRoute/to': {
    conf: (item) =>
      item.rules && item.rules.length > 0
        ? (item.rules[0] as Conf)
        : { default: { backendRefs: [{ ...item.targetRef, weight: 1 }] } },
    shape: {},
  },
}

/** itemConf is the conf an item contributes (Kuma `GetDefault`). */
export function itemConf(kind: string, section: Section, item: PolicyItem): Conf {
  const special = SPECIAL[`${kind}/${section}`]
  if (special) return special.conf(item)
  return item.default ?? {}
}

/** confShape tells how confs of a kind's section merge. */
export function confShape(kind: string, section: Section): ConfShape {
  return SPECIAL[`${kind}/${section}`]?.shape ?? {}
}

/** isRouteConf tells confs that carry MeshHTTPRoute rules (for originByMatches). */
export const isRouteConf = (kind: string, section: Section) =>
  kind === 'MeshHTTPRoute' && section === 'to'

/** SINGLE_ITEM_KINDS have one top-level `default` instead of to/from/rules lists. */
export const SINGLE_ITEM_KINDS = new Set([
  'MeshMetric',
  'MeshPassthrough',
  'MeshProxyPatch',
  'MeshTrace',
])
