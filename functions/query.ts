/** @module Kuma's list query parameters: size, offset, name, filter[labels.K], and Dataplane tags. */
import { invalid, KumaError } from '../core/api/errors'
import type { ResourceKind } from '../core/resources/kind'
import type { ListOptions, ResourceRecord } from '../core/store/store'
import { PathBuilder, ValidationError } from '../core/validators/validation-error'

const DEFAULT_SIZE = 100
const MAX_SIZE = 1000
const TITLE = 'Could not retrieve resources'

/** pageSize parses `size` with kuma-cp's errors. */
export function pageSize(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_SIZE
  if (!/^[+-]?\d+$/.test(raw)) throw sizeError('invalid format')
  const n = Number(raw)
  if (n <= 0) throw sizeError('must be greater than 0')
  if (n > MAX_SIZE) throw sizeError(`invalid page size of ${n}. Maximum page size is ${MAX_SIZE}`)
  return n
}

function sizeError(reason: string) {
  return new KumaError(400, TITLE, 'Invalid page size', [{ field: 'size', reason }])
}

/**
 * listOptions reads a list request. `routePath` is the route pattern Kuma names in filter
 * errors (`/meshes/{mesh}/dataplanes`).
 */
export function listOptions(url: URL, kind: ResourceKind, routePath: string): ListOptions {
  const q = url.searchParams
  const size = pageSize(q.get('size') ?? undefined)
  const offset = q.get('offset') ?? undefined
  const err = new ValidationError()
  const labels: Record<string, string> = {}
  for (const k of new Set(q.keys())) {
    if (!k.startsWith('filter[')) continue
    const values = q.getAll(k)
    const path = PathBuilder.rootedAt(routePath).field(k)
    if (!k.startsWith('filter[labels.')) {
      err.addViolation(path, 'filters are only supported on labels')
      continue
    }
    const close = k.indexOf(']')
    if (close !== k.length - 1) {
      err.addViolation(path, 'advanced filters are not supported')
      continue
    }
    labels[k.slice('filter[labels.'.length, close)] = values[values.length - 1]
  }
  let filter: ((r: ResourceRecord) => boolean) | undefined
  if (kind.name === 'Dataplane') filter = dataplaneFilter(q, routePath, err)
  if (err.hasViolations()) throw invalid(TITLE, err)
  return {
    size,
    offset,
    nameContains: q.get('name') || undefined,
    labels,
    filter,
  }
}

/** dataplaneFilter is Kuma's `tag=k:v` (fuzzy: value contains) and `gateway=` filters. */
function dataplaneFilter(q: URLSearchParams, routePath: string, err: ValidationError) {
  const tags: [string, string][] = []
  for (const t of q.getAll('tag')) {
    const i = t.indexOf(':')
    if (i > 0) tags.push([t.slice(0, i), t.slice(i + 1)])
  }
  const mode = (q.get('gateway') ?? '').toLowerCase()
  if (mode && !['true', 'false', 'builtin', 'delegated'].includes(mode)) {
    err.addViolation(
      PathBuilder.rootedAt(routePath).field('gateway'),
      "shoud use `true`, `false`, 'builtin' or 'delegated' instead of " + mode,
    )
  }
  if (tags.length === 0 && !mode) return undefined
  return (r: ResourceRecord) => {
    const networking = (r.spec.networking ?? {}) as Record<string, unknown>
    const gateway = networking.gateway as { type?: string } | undefined
    if (mode === 'true' && !gateway) return false
    if (mode === 'false' && gateway) return false
    if (mode === 'builtin' && gateway?.type !== 'BUILTIN') return false
    if (mode === 'delegated' && (!gateway || (gateway.type ?? 'DELEGATED') !== 'DELEGATED'))
      return false
    if (tags.length === 0) return true
    const tagSets: Record<string, string>[] = []
    for (const inb of (networking.inbound ?? []) as { tags?: Record<string, string> }[]) {
      tagSets.push(inb.tags ?? {})
    }
    if (gateway) tagSets.push((gateway as { tags?: Record<string, string> }).tags ?? {})
    return tagSets.some((set) => tags.every(([k, v]) => set[k] !== undefined && set[k].includes(v)))
  }
}

/** nextLink is Kuma's `next`: the same URL with the new offset, or null. */
export function nextLink(url: URL, nextOffset: string | undefined): string | null {
  if (!nextOffset) return null
  const next = new URL(url.toString())
  next.searchParams.set('offset', nextOffset)
  const sorted = new URLSearchParams(
    [...next.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  )
  return `${next.protocol}//${next.host}${next.pathname}?${sorted.toString()}`
}
