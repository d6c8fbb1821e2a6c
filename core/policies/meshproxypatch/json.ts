/**
 * @module The JSON operations MeshProxyPatch applies to proto3 JSON resources: Kuma's
 * `util_proto.Merge` (proto.Merge with Durations replaced), RFC 6902 JSON patches with Kuma's
 * options, and the reading of a modification's YAML `value` into proto3 JSON field names.
 * Without Envoy's descriptors in core, proto semantics are approximated from the JSON shape:
 * arrays are repeated fields, `@type` objects are Anys, strings/numbers/booleans are scalars.
 */
import { parse } from 'yaml'
import type { JsonPatchBlock } from './types'
import type { Json } from '../../xds/resource-set'

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * ONEOFS lists Envoy oneof groups (camelCase field names) whose members replace each other on
 * merge, as proto.Merge does when `src` sets a different member.
 */
const ONEOFS: readonly (readonly string[])[] = [
  ['type', 'clusterType'],
  ['routeConfig', 'rds', 'scopedRoutes'],
  ['typedConfig', 'configDiscovery'],
  ['route', 'redirect', 'directResponse', 'filterAction', 'nonForwardingAction'],
  ['prefix', 'path', 'safeRegex', 'connectMatcher', 'pathSeparatedPrefix', 'pathMatchPolicy'],
  ['socketAddress', 'pipe', 'envoyInternalAddress'],
  ['exact', 'prefix', 'suffix', 'safeRegex', 'contains', 'custom'],
  [
    'cluster',
    'clusterHeader',
    'weightedClusters',
    'clusterSpecifierPlugin',
    'inlineClusterSpecifierPlugin',
  ],
]

const DURATION = /^-?\d+(\.\d+)?s$/

/**
 * mergeProto merges `src` into `dst` in place the way Kuma's `util_proto.Merge` does: repeated
 * fields append, messages and maps merge key by key, scalars set when non-zero (proto3 fields
 * without presence), Anys and Durations replace. Members of a oneof clear their siblings.
 */
export function mergeProto(dst: Json, src: Json): Json {
  for (const [k, v] of Object.entries(src)) {
    if (v === undefined) continue
    for (const group of ONEOFS) {
      if (!group.includes(k)) continue
      for (const other of group) if (other !== k) delete dst[other]
    }
    const cur = dst[k]
    if (Array.isArray(v)) {
      dst[k] = [...(Array.isArray(cur) ? cur : []), ...structuredClone(v)]
    } else if (isObject(v)) {
      if ('@type' in v || !isObject(cur) || ('@type' in cur && cur['@type'] !== v['@type'])) {
        dst[k] = structuredClone(v)
      } else {
        mergeProto(cur, v)
      }
    } else if (typeof v === 'string' && DURATION.test(v)) {
      dst[k] = v
    } else if (v !== '' && v !== 0 && v !== false && v !== null) {
      dst[k] = v
    }
  }
  return dst
}

/**
 * mergeAnys is Kuma's `MergeAnys`: both typed configs must have the same `@type`; their
 * messages are merged. Returns an error string when the types differ.
 */
export function mergeAnys(dst: Json | undefined, src: Json | undefined): Json | string {
  if (!src) return dst ?? {}
  if (!dst) return src
  if (src['@type'] !== dst['@type']) {
    return `type URL of dst ${JSON.stringify(dst['@type'])} is different than src ${JSON.stringify(src['@type'])}`
  }
  const { '@type': t, ...rest } = src
  return mergeProto({ ...structuredClone(dst), '@type': t }, rest)
}

/** STRUCT_VALUED name map fields whose values are google.protobuf.Struct: their keys stay verbatim. */
const STRUCT_VALUED = new Set(['filterMetadata', 'fields', 'jsonFormat'])
/** ANY_VALUED name map fields whose keys stay verbatim but whose values are messages. */
const ANY_VALUED = new Set([
  'typedExtensionProtocolOptions',
  'typedPerFilterConfig',
  'typedFilterMetadata',
  'typedMetadata',
])

const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())

/**
 * protoJsonNames rewrites snake_case field names to proto3 JSON's lowerCamelCase, as protojson
 * accepts both. Map keys (metadata, typed options) and Struct contents are left as written.
 */
export function protoJsonNames(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(protoJsonNames)
  if (!isObject(v)) return v
  const out: Json = {}
  for (const [k, val] of Object.entries(v)) {
    const name = k.startsWith('@') ? k : camel(k)
    if (STRUCT_VALUED.has(name) && isObject(val)) out[name] = structuredClone(val)
    else if (ANY_VALUED.has(name) && isObject(val)) {
      out[name] = Object.fromEntries(
        Object.entries(val).map(([mk, mv]) => [mk, protoJsonNames(mv)]),
      )
    } else out[name] = protoJsonNames(val)
  }
  return out
}

/** PARSED caches parsed values: a policy's YAML is read once, not once per proxy and resource. */
const PARSED = new Map<string, Json>()
const PARSED_LIMIT = 1024

/** parseValue reads a modification's YAML `value` as a proto3 JSON object (a fresh copy). */
export function parseValue(value: string | undefined): Json {
  if (!value) return {}
  let parsed = PARSED.get(value)
  if (!parsed) {
    const v = parse(value) as unknown
    parsed = isObject(v) ? (protoJsonNames(v) as Json) : {}
    if (PARSED.size >= PARSED_LIMIT) PARSED.clear()
    PARSED.set(value, parsed)
  }
  return structuredClone(parsed)
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~')

function pointer(path: string): string[] {
  if (path === '') return []
  return path.replace(/^\//, '').split('/').map(unescape)
}

function index(arr: unknown[], token: string, forAdd: boolean): number {
  if (token === '-' && forAdd) return arr.length
  let i = Number(token)
  if (!/^-?\d+$/.test(token)) throw new Error(`invalid index ${JSON.stringify(token)}`)
  if (i < 0) i += arr.length
  if (i < 0 || i > arr.length || (!forAdd && i === arr.length))
    throw new Error(`index ${token} out of bounds`)
  return i
}

/**
 * parentOf walks to the container of the last token; `ensure` creates missing objects on the
 * way (evanphx/json-patch `EnsurePathExistsOnAdd`).
 */
function parentOf(doc: Json, tokens: string[], ensure: boolean): unknown {
  let cur: unknown = doc
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) {
      cur = cur[index(cur, t, false)]
    } else if (isObject(cur)) {
      if (!(t in cur)) {
        if (!ensure) return undefined
        cur[t] = {}
      }
      cur = cur[t]
    } else return undefined
  }
  return cur
}

function get(doc: Json, path: string): unknown {
  let cur: unknown = doc
  for (const t of pointer(path)) {
    if (Array.isArray(cur)) cur = cur[index(cur, t, false)]
    else if (isObject(cur) && t in cur) cur = cur[t]
    else throw new Error(`path ${JSON.stringify(path)} does not exist`)
  }
  return cur
}

function add(doc: Json, path: string, value: unknown): void {
  const tokens = pointer(path)
  const parent = parentOf(doc, tokens, true)
  const last = tokens[tokens.length - 1]
  if (Array.isArray(parent)) parent.splice(index(parent, last, true), 0, value)
  else if (isObject(parent)) parent[last] = value
  else throw new Error(`cannot add at ${JSON.stringify(path)}`)
}

function remove(doc: Json, path: string, allowMissing: boolean): unknown {
  const tokens = pointer(path)
  const parent = parentOf(doc, tokens, false)
  const last = tokens[tokens.length - 1]
  if (Array.isArray(parent)) {
    const i = index(parent, last, false)
    return parent.splice(i, 1)[0]
  }
  if (isObject(parent) && last in parent) {
    const v = parent[last]
    delete parent[last]
    return v
  }
  if (allowMissing) return undefined
  throw new Error(`path ${JSON.stringify(path)} does not exist`)
}

/**
 * applyJsonPatch applies RFC 6902 operations to `doc` in place with Kuma's options (negative
 * indices, missing paths ignored on remove, missing parents created on add). Values are read
 * with proto3 JSON field names. Throws on the first operation that cannot apply.
 */
export function applyJsonPatch(doc: Json, blocks: readonly JsonPatchBlock[]): void {
  for (const b of blocks) {
    const value = protoJsonNames(b.value)
    switch (b.op) {
      case 'add':
        add(doc, b.path, structuredClone(value))
        break
      case 'remove':
        remove(doc, b.path, true)
        break
      case 'replace':
        get(doc, b.path)
        remove(doc, b.path, false)
        add(doc, b.path, structuredClone(value))
        break
      case 'move': {
        const v = remove(doc, b.from ?? '', false)
        add(doc, b.path, v)
        break
      }
      case 'copy':
        add(doc, b.path, structuredClone(get(doc, b.from ?? '')))
        break
    }
  }
}
