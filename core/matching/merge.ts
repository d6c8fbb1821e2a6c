/**
 * @module Merging confs from least to most specific (Kuma `rules/merge`): RFC 7396 JSON merge patch,
 * `append*` lists concatenated, MeshHTTPRoute rules grouped by their matches and hostnames as values.
 */
import type { Conf } from './types'

/**
 * ConfShape says which fields of a conf merge specially. Kuma reads it from Go struct tags
 * (`policyMerge:"mergeValues"`, `mergeValuesByKey`, `mergeKey`); Kumo lists it per kind in conf.ts.
 */
export interface ConfShape {
  /** mergeValues is a string-list field: confs are merged separately for each of its values. */
  mergeValues?: string
  /** mergeValuesByKey is a list of `{ [key]: ..., default }` merged per equal key. */
  mergeValuesByKey?: { field: string; key: string }
  /** reverseAfterMerge reverses the mergeValuesByKey list (MeshHTTPRoute's `Transform`). */
  reverseAfterMerge?: boolean
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** mergePatch applies an RFC 7396 JSON merge patch to a copy of target. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {}
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k]
    else out[k] = mergePatch(out[k], v)
  }
  return out
}

const isAppendKey = (k: string) => /^append[A-Z]/.test(k)

function clearAppend(obj: Record<string, unknown>, byKey?: string) {
  for (const [k, v] of Object.entries(obj)) {
    if ((isAppendKey(k) || k === byKey) && (Array.isArray(v) || v === null)) obj[k] = []
    else if (isObject(v)) clearAppend(v)
  }
}

function appendFrom(dst: Record<string, unknown>, src: unknown, byKey?: string) {
  if (!isObject(src)) return
  for (const [k, v] of Object.entries(dst)) {
    if (isAppendKey(k) || k === byKey) {
      if (Array.isArray(v) && Array.isArray(src[k])) v.push(...(src[k] as unknown[]))
    } else if (isObject(v)) appendFrom(v, src[k])
  }
}

function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls)
  if (!isObject(v)) return v
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = dropNulls(x)
  return out
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))
}

/** canonical sorts object keys so equal JSON values stringify equally. */
export function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical)
  if (!isObject(v)) return v
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(v).sort()) out[k] = canonical(v[k])
  return out
}

function groupByMergeValues(confs: Conf[], field: string | undefined): Conf[][] {
  const groups = new Map<string, Conf[]>()
  for (const conf of confs) {
    const values = field ? ((conf[field] as string[] | undefined) ?? []) : []
    const keys = values.length > 0 ? values : ['']
    for (const key of keys) {
      const copy = key !== '' && field ? { ...conf, [field]: [key] } : conf
      const list = groups.get(key) ?? []
      list.push(copy)
      groups.set(key, list)
    }
  }
  return [...groups.values()]
}

function mergeByKey(items: Record<string, unknown>[], key: string): Record<string, unknown>[] {
  const acc: { skip: boolean; key?: unknown; defaults: Conf[] }[] = []
  for (const item of items) {
    let defaults: Conf[] = [(item.default as Conf) ?? {}]
    for (let i = 0; i < acc.length; i++) {
      if (acc[i].skip || !deepEqual(acc[i].key, item[key])) continue
      defaults = [...acc[i].defaults, ...defaults]
      acc[i] = { skip: true, defaults: [] }
    }
    acc.push({ skip: false, key: item[key], defaults })
  }
  const out: Record<string, unknown>[] = []
  for (const a of acc) {
    if (a.skip) continue
    for (const merged of mergeConfs(a.defaults)) out.push({ [key]: a.key, default: merged })
  }
  return out
}

/**
 * mergeConfs merges confs ordered from least to most specific. It returns one conf, or one per
 * value of the shape's mergeValues field (MeshHTTPRoute hostnames); none for no confs.
 */
export function mergeConfs(confs: Conf[], shape: ConfShape = {}): Conf[] {
  if (confs.length === 0) return []
  const byKey = shape.mergeValuesByKey
  const out: Conf[] = []
  for (const group of groupByMergeValues(confs, shape.mergeValues)) {
    let merged: unknown = structuredClone(group[0])
    for (const c of group.slice(1)) merged = mergePatch(merged, structuredClone(c))
    const result = (dropNulls(merged) ?? {}) as Conf
    clearAppend(result, byKey?.field)
    for (const c of group) appendFrom(result, structuredClone(c), byKey?.field)
    if (byKey && Array.isArray(result[byKey.field])) {
      const list = mergeByKey(result[byKey.field] as Record<string, unknown>[], byKey.key)
      if (shape.reverseAfterMerge) list.reverse()
      if (list.length > 0) result[byKey.field] = list
      else delete result[byKey.field]
    }
    out.push(result)
  }
  return out
}
