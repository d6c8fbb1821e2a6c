/**
 * @module MeshHTTPRoute match hashes as Kuma computes them (`HashMatches`): sha256 of the matches
 * marshalled by Go's encoding/json (struct field order, HTML-safe escaping), base64.
 */
import { sha256Base64 } from './sha256'

/** GoStruct is the JSON field order of a Go struct; nested structs and lists of structs by field. */
interface GoStruct {
  fields: readonly string[]
  nested?: Record<string, GoStruct>
}

const KEY_VALUE: GoStruct = { fields: ['type', 'name', 'value'] }

/** MATCH is `meshhttproute_api.Match`. */
const MATCH: GoStruct = {
  fields: ['path', 'method', 'queryParams', 'headers'],
  nested: {
    path: { fields: ['value', 'type'] },
    queryParams: KEY_VALUE,
    headers: KEY_VALUE,
  },
}

/** goString quotes a string as Go's encoding/json does (it also escapes <, >, &, U+2028, U+2029). */
export function goString(s: string): string {
  return JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

function goJson(v: unknown, shape?: GoStruct): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'string') return goString(v)
  if (typeof v !== 'object') return JSON.stringify(v)
  if (Array.isArray(v)) return `[${v.map((x) => goJson(x, shape)).join(',')}]`
  const o = v as Record<string, unknown>
  const keys = shape ? shape.fields.filter((k) => o[k] !== undefined) : Object.keys(o).sort()
  return `{${keys.map((k) => `${goString(k)}:${goJson(o[k], shape?.nested?.[k])}`).join(',')}}`
}

/** hashHttpMatches is Kuma's `meshhttproute_api.HashMatches`. */
export function hashHttpMatches(matches: unknown): string {
  return sha256Base64(goJson(matches ?? null, MATCH))
}
