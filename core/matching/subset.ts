/** @module Subsets of proxies as tag conjunctions, with negations (Kuma `subsetutils`). */
import type { Subset, Tag } from './types'

export const SERVICE_TAG = 'kuma.io/service'

/** numPositive counts tags without negation. */
export const numPositive = (ss: Subset) => ss.filter((t) => !t.not).length

/** containsElement tells whether a proxy (or destination) with these tags is in the subset. */
export function containsElement(ss: Subset, el: Record<string, string>): boolean {
  if (ss.length === 0) return true
  if (Object.keys(el).length === 0) return false
  let overlap = false
  for (const t of ss) {
    const v = el[t.key]
    if (v !== undefined) {
      overlap = true
      if ((t.value === v) === t.not) return false
    } else if (!t.not) return false
  }
  if (!overlap && numPositive(ss) === 0) return true
  return overlap
}

function tagIsSubset(t1: Tag, t2: Tag): boolean {
  if (t1.key !== t2.key) return false
  if (t1.not === t2.not) return t1.value === t2.value
  if (t1.not) return t1.value !== t2.value
  return false
}

/** isSubset tells whether `other` lies within `ss`; the empty subset contains everything. */
export function isSubset(ss: Subset, other: Subset): boolean {
  if (ss.length === 0) return true
  for (const tag of ss) {
    const o = other.filter((t) => t.key === tag.key)
    if (o.length === 0) return false
    for (const ot of o) if (!tagIsSubset(tag, ot)) return false
  }
  return true
}

/** intersect tells whether some proxy may belong to both subsets. */
export function intersect(a: Subset, b: Subset): boolean {
  if (a.length === 0 || b.length === 0) return true
  for (const tag of a) {
    if (tag.not) continue
    for (const ot of b) {
      if (ot.not || ot.key !== tag.key) continue
      if (ot.value !== tag.value) return false
    }
  }
  return true
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** sortSubset sorts in place by key, value, positive first (Kuma `Subset.Sorted`). */
export function sortSubset(ss: Subset): Subset {
  return ss.sort(
    (a, b) =>
      cmpStr(a.key, b.key) || cmpStr(a.value, b.value) || (a.not === b.not ? 0 : a.not ? 1 : -1),
  )
}

/** subsetFromTags is a positive subset, keys sorted. */
export function subsetFromTags(tags: Record<string, string> | undefined): Subset {
  return Object.keys(tags ?? {})
    .sort()
    .map((key) => ({ key, value: (tags as Record<string, string>)[key], not: false }))
}

/** deduplicate keeps the first of equal subsets; like Kuma it sorts each subset in place. */
export function deduplicate(subsets: Subset[]): Subset[] {
  const seen = new Set<string>()
  const out: Subset[] = []
  for (const s of subsets) {
    const key = sortSubset(s)
      .map((t) => `${t.key}:${t.value}:${t.not ? 1 : 0}`)
      .join('|')
    if (!seen.has(key)) {
      seen.add(key)
      out.push(s)
    }
  }
  return out
}

/**
 * subsetCombinations enumerates, in Kuma's `SubsetIter` order, every combination where each key
 * takes one of its values, or the negation of all of them.
 */
export function subsetCombinations(tags: Tag[]): Subset[] {
  const dims: { key: string; vals: string[] }[] = []
  for (const t of tags) {
    let d = dims.find((x) => x.key === t.key)
    if (!d) dims.push((d = { key: t.key, vals: [] }))
    if (!d.vals.includes(t.value)) d.vals.push(t.value)
  }
  const idx = dims.map(() => 0)
  const current = (): Subset => {
    const out: Subset = []
    dims.forEach((d, i) => {
      if (idx[i] === d.vals.length) {
        for (const v of d.vals) out.push({ key: d.key, value: v, not: true })
      } else out.push({ key: d.key, value: d.vals[d.vals.length - idx[i] - 1], not: false })
    })
    return out
  }
  const result: Subset[] = []
  for (;;) {
    let advanced = false
    for (let i = 0; i < idx.length; i++) {
      idx[i]++
      if (idx[i] < dims[i].vals.length + 1) {
        advanced = true
        break
      }
      idx[i] = 0
    }
    result.push(current())
    if (!advanced) return result
  }
}
