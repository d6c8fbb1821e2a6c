/** @module Readers for decoded JSON of unknown shape, as validators walk a spec that passed only the structural schema. */

/** Obj is a decoded JSON object. */
export type Obj = Record<string, unknown>

/** asObj returns `v` when it is a plain object (not null, not an array). */
export const asObj = (v: unknown): Obj | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined

/** asArr returns `v` when it is an array, else an empty one (Go's nil slice). */
export const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/** str returns `v` when it is a string, else '' (Go's zero value). */
export const str = (v: unknown): string => (typeof v === 'string' ? v : '')

/** num returns `v` when it is a number, else 0 (Go's zero value). */
export const num = (v: unknown): number => (typeof v === 'number' ? v : 0)

/** isDefined is Go's `v != nil` for an optional field: neither absent nor null. */
export const isDefined = (v: unknown): boolean => v !== undefined && v !== null

/** isNonEmpty is Go's `len(v) > 0` / `v != ""`: a non-empty string, array or object. */
export function isNonEmpty(v: unknown): boolean {
  if (typeof v === 'string') return v !== ''
  if (Array.isArray(v)) return v.length > 0
  if (v !== null && typeof v === 'object') return Object.keys(v).length > 0
  return false
}
