/**
 * @module Kuma's matched-route helpers for inbound rules that match clients by SPIFFE ID / SNI
 * (MeshTimeout and MeshRateLimit copy an inbound's routes once per client group).
 */
import { compareMatch } from '../../matching/sort'
import type { Match } from './types'

const prefixLen = (m: Match | null) =>
  m?.spiffeID?.type === 'Prefix' ? m.spiffeID.value.length : 0

/** compareSpecificity is Kuma's `compareMatchedRouteSpecificity`: by match, then longer prefix. */
export function compareSpecificity(a: Match | null, b: Match | null, descending: boolean): number {
  const c = compareMatch(a as Record<string, unknown> | null, b as Record<string, unknown> | null)
  if (c !== 0) return descending ? c : -c
  const [al, bl] = [prefixLen(a), prefixLen(b)]
  if (al === 0 || bl === 0 || al === bl) return 0
  return al > bl === descending ? -1 : 1
}

/** sameMatch tells two matches select the same clients (both null, or equal SPIFFE ID and SNI). */
export const sameMatch = (a: Match | null, b: Match | null) =>
  a === null || b === null
    ? a === b
    : a.spiffeID?.type === b.spiffeID?.type &&
      a.spiffeID?.value === b.spiffeID?.value &&
      a.sni?.type === b.sni?.type &&
      a.sni?.value === b.sni?.value

/** subsumes is Kuma's `matchedRouteSubsumes`: every client `target` matches also `candidate`. */
export function subsumes(candidate: Match | null, target: Match | null): boolean {
  if (!candidate?.spiffeID || !target?.spiffeID) return false
  const c = candidate.spiffeID
  const t = target.spiffeID
  const spiffe =
    c.type === 'Exact'
      ? t.type === 'Exact' && c.value === t.value
      : c.type === 'Prefix' && t.value.startsWith(c.value)
  if (!spiffe) return false
  if (!candidate.sni) return true
  return (
    !!target.sni &&
    candidate.sni.type === target.sni.type &&
    candidate.sni.value === target.sni.value
  )
}
