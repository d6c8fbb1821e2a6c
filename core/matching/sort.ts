/** @module Kuma's ordering of policies and entries, from least to most specific. */
import type { TargetRef } from '../policies/common/targetref'
import type { ResourceRecord } from '../store/store'
import { compareOrigin, comparePolicyRole, displayNameOf, originOf, policyRoleOf } from './meta'
import { compareDataplaneKind, compareKind, topLevelOf } from './targetref'

/** Attributed is an item together with the policy it comes from and its index there. */
export interface Attributed<T> {
  entry: T
  topLevel: TargetRef
  meta: ResourceRecord
  ruleIndex: number
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** compareByPolicyAttributes: top-level kind, Dataplane refinements, origin, policy role. */
export function compareByPolicyAttributes(
  a: { topLevel: TargetRef; meta: ResourceRecord },
  b: { topLevel: TargetRef; meta: ResourceRecord },
): number {
  return (
    compareKind(a.topLevel.kind, b.topLevel.kind) ||
    compareDataplaneKind(a.topLevel, b.topLevel) ||
    compareOrigin(originOf(a.meta), originOf(b.meta)) ||
    comparePolicyRole(policyRoleOf(a.meta), policyRoleOf(b.meta))
  )
}

/** compareByDisplayName puts names later in the alphabet first: `a` wins over `b`. */
export const compareByDisplayName = (a: { meta: ResourceRecord }, b: { meta: ResourceRecord }) =>
  cmpStr(displayNameOf(b.meta), displayNameOf(a.meta))

/**
 * comparePolicies is Kuma's `SortByTargetRef`: kind, Dataplane name/labels/sectionName, origin
 * (global < zone), MeshGateway listener tags, role, then display name.
 */
export function comparePolicies(r1: ResourceRecord, r2: ResourceRecord): number {
  const t1 = topLevelOf(r1.spec)
  const t2 = topLevelOf(r2.spec)
  return (
    compareKind(t1.kind, t2.kind) ||
    compareDataplaneKind(t1, t2) ||
    compareOrigin(originOf(r1), originOf(r2)) ||
    (t1.kind === 'MeshGateway'
      ? Object.keys(t1.tags ?? {}).length - Object.keys(t2.tags ?? {}).length
      : 0) ||
    comparePolicyRole(policyRoleOf(r1), policyRoleOf(r2)) ||
    cmpStr(displayNameOf(r2), displayNameOf(r1))
  )
}

/** sortPolicies returns the policies from least to most specific. */
export const sortPolicies = (rs: readonly ResourceRecord[]) => [...rs].sort(comparePolicies)

/** compareByToEntry: the to-targetRef's kind, then MeshService with sectionName after without. */
export function compareByToEntry(a: TargetRef, b: TargetRef): number {
  const k = compareKind(a.kind, b.kind)
  if (k !== 0) return k
  if (a.kind === 'MeshService') return (a.sectionName ? 1 : 0) - (b.sectionName ? 1 : 0)
  return 0
}

const SPIFFE_SCORE: Record<string, number> = { Exact: 2, Prefix: 1 }

/** compareMatch orders inbound rule matches: spiffeID (exact, prefix) and SNI first, catch-all last. */
export function compareMatch(
  a: Record<string, unknown> | null,
  b: Record<string, unknown> | null,
): number {
  const sa = a?.spiffeID as { type?: string } | undefined
  const sb = b?.spiffeID as { type?: string } | undefined
  if (sa && !sb) return -1
  if (!sa && sb) return 1
  if (sa && sb) {
    const c = (SPIFFE_SCORE[sb.type ?? ''] ?? 0) - (SPIFFE_SCORE[sa.type ?? ''] ?? 0)
    if (c !== 0) return c
  }
  const na = a?.sni
  const nb = b?.sni
  if (na && !nb) return -1
  if (!na && nb) return 1
  return 0
}
