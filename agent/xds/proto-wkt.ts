/**
 * @module Proto3 JSON of the well-known types (Any, Duration, Timestamp, FieldMask,
 * Struct/Value/ListValue, wrappers, Empty), following Go's protojson.
 */
import protobuf from 'protobufjs'
import type { PathBuilder, Violation } from '../../core/validators/validation-error'
import type { ProtoJson } from './proto-json'
import { BAD, defaultOf, int64Bits, scalarFromJson, scalarToJson, toBigInt } from './proto-scalar'

export { BAD }

type Msg = Record<string, unknown>
type Type = protobuf.Type

/** NOT_WKT says a type has no special JSON form. */
export const NOT_WKT: unique symbol = Symbol('not-wkt')

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k)
const isObject = (v: unknown): v is Msg => typeof v === 'object' && v !== null && !Array.isArray(v)
const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)
const fail = (problems: Violation[], at: PathBuilder, message: string): typeof BAD => {
  problems.push({ field: at.toString(), message })
  return BAD
}

const WRAPPERS: Record<string, string> = {
  '.google.protobuf.DoubleValue': 'double',
  '.google.protobuf.FloatValue': 'float',
  '.google.protobuf.Int64Value': 'int64',
  '.google.protobuf.UInt64Value': 'uint64',
  '.google.protobuf.Int32Value': 'int32',
  '.google.protobuf.UInt32Value': 'uint32',
  '.google.protobuf.BoolValue': 'bool',
  '.google.protobuf.StringValue': 'string',
  '.google.protobuf.BytesValue': 'bytes',
}

/** hasSpecialJson: Any packs these as `{ "@type", "value" }`. */
export function hasSpecialJson(type: Type): boolean {
  return type.fullName in WRAPPERS || SPECIAL.has(type.fullName)
}
const SPECIAL = new Set(
  ['Any', 'Duration', 'Timestamp', 'FieldMask', 'Struct', 'Value', 'ListValue', 'Empty'].map(
    (n) => `.google.protobuf.${n}`,
  ),
)

// ---------------------------------------------------------------------------------------------
// JSON -> message (google.protobuf.Value's fields are camelCase in protobufjs' bundled struct.proto)

export function fromJson(
  pj: ProtoJson,
  type: Type,
  json: unknown,
  at: PathBuilder,
  problems: Violation[],
): unknown {
  const wrapped = WRAPPERS[type.fullName]
  if (wrapped) {
    const v = scalarFromJson(wrapped, json, at, problems)
    return v === BAD ? BAD : { value: v }
  }
  switch (type.fullName) {
    case '.google.protobuf.Any':
      return anyFromJson(pj, json, at, problems)
    case '.google.protobuf.Duration':
      return durationFromJson(json, at, problems)
    case '.google.protobuf.Timestamp':
      return timestampFromJson(json, at, problems)
    case '.google.protobuf.FieldMask':
      if (typeof json !== 'string')
        return fail(problems, at, `must be a string (FieldMask), got ${kind(json)}`)
      return {
        paths:
          json === ''
            ? []
            : json.split(',').map((p) => p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)),
      }
    case '.google.protobuf.Empty':
      if (!isObject(json) || Object.keys(json).length > 0)
        return fail(problems, at, 'must be {} (Empty)')
      return {}
    case '.google.protobuf.Struct':
      return structFromJson(json, at, problems)
    case '.google.protobuf.ListValue':
      return listFromJson(json, at, problems)
    case '.google.protobuf.Value':
      return valueFromJson(json, at, problems)
  }
  return NOT_WKT
}

function anyFromJson(
  pj: ProtoJson,
  json: unknown,
  at: PathBuilder,
  problems: Violation[],
): unknown {
  if (!isObject(json)) return fail(problems, at, `must be an object (Any), got ${kind(json)}`)
  if (Object.keys(json).length === 0) return {}
  const url = json['@type']
  if (typeof url !== 'string')
    return fail(problems, at.field('@type'), 'Any needs a string "@type"')
  const type = pj.resolveTypeUrl(url)
  if (!type)
    return fail(
      problems,
      at.field('@type'),
      `unknown type URL "${url}": no such message in the loaded Envoy protos`,
    )
  const rest: Msg = {}
  for (const [k, v] of Object.entries(json)) if (k !== '@type') rest[k] = v
  let msg: unknown
  if (hasSpecialJson(type)) {
    const extra = Object.keys(rest).filter((k) => k !== 'value')
    for (const k of extra) fail(problems, at.field(k), `unknown field "${k}" in Any of ${url}`)
    if (!('value' in rest)) return fail(problems, at.field('value'), `Any of ${url} needs "value"`)
    msg = pj.fromJson(type, rest.value, at.field('value'), problems)
    if (extra.length > 0) return BAD
  } else {
    msg = pj.fromJson(type, rest, at, problems)
  }
  return msg === BAD ? BAD : pj.encodeAny(url, type, msg as Msg)
}

const MAX_DURATION_SECONDS = 315_576_000_000

function durationFromJson(json: unknown, at: PathBuilder, problems: Violation[]): unknown {
  const m = typeof json === 'string' ? /^(-)?(\d+)(?:\.(\d{1,9}))?s$/.exec(json) : null
  if (!m) {
    const got = typeof json === 'string' ? JSON.stringify(json) : kind(json)
    return fail(
      problems,
      at,
      `invalid Duration ${got}: want seconds with an "s" suffix, like "5s" or "0.250s"`,
    )
  }
  const seconds = Number(m[2])
  if (seconds > MAX_DURATION_SECONDS) return fail(problems, at, `Duration ${json} is out of range`)
  const nanos = Number((m[3] ?? '').padEnd(9, '0'))
  const sign = m[1] ? -1 : 1
  return { seconds: int64Bits(BigInt(sign * seconds), false), nanos: sign * nanos || 0 }
}

function timestampFromJson(json: unknown, at: PathBuilder, problems: Violation[]): unknown {
  const re = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i
  const m = typeof json === 'string' ? re.exec(json) : null
  const d = new Date(0)
  if (m) d.setUTCFullYear(+m[1], +m[2] - 1, +m[3])
  if (m) d.setUTCHours(+m[4], +m[5], +m[6], 0)
  const ms =
    m && +m[2] >= 1 && +m[2] <= 12 && +m[4] < 24 && +m[5] < 60 && +m[6] < 60 ? d.getTime() : NaN
  if (!m || Number.isNaN(ms) || +m[1] < 1) {
    return fail(
      problems,
      at,
      `invalid Timestamp ${JSON.stringify(json)}: want RFC 3339, like "2024-01-02T03:04:05Z"`,
    )
  }
  let seconds = Math.floor(ms / 1000)
  if (m[8].toUpperCase() !== 'Z') {
    const off = (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4, 6))) * 60
    seconds -= m[8][0] === '+' ? off : -off
  }
  return { seconds: int64Bits(BigInt(seconds), false), nanos: Number((m[7] ?? '').padEnd(9, '0')) }
}

function valueFromJson(json: unknown, at: PathBuilder, problems: Violation[]): unknown {
  if (json === null) return { nullValue: 0 }
  if (typeof json === 'number') {
    if (!Number.isFinite(json)) return fail(problems, at, 'Value cannot hold NaN or Infinity')
    return { numberValue: json }
  }
  if (typeof json === 'string') return { stringValue: json }
  if (typeof json === 'boolean') return { boolValue: json }
  if (Array.isArray(json)) {
    const l = listFromJson(json, at, problems)
    return l === BAD ? BAD : { listValue: l }
  }
  if (isObject(json)) {
    const s = structFromJson(json, at, problems)
    return s === BAD ? BAD : { structValue: s }
  }
  return fail(problems, at, `must be a JSON value, got ${kind(json)}`)
}

function structFromJson(json: unknown, at: PathBuilder, problems: Violation[]): unknown {
  if (!isObject(json)) return fail(problems, at, `must be an object (Struct), got ${kind(json)}`)
  const fields: Msg = {}
  let bad = false
  for (const [k, v] of Object.entries(json)) {
    const c = valueFromJson(v, at.field(k), problems)
    if (c === BAD) bad = true
    else fields[k] = c
  }
  return bad ? BAD : { fields }
}

function listFromJson(json: unknown, at: PathBuilder, problems: Violation[]): unknown {
  if (!Array.isArray(json))
    return fail(problems, at, `must be an array (ListValue), got ${kind(json)}`)
  const values = json.map((v, i) => valueFromJson(v, at.index(i), problems))
  return values.includes(BAD) ? BAD : { values }
}

// ---------------------------------------------------------------------------------------------
// message -> JSON

export function toJson(
  pj: ProtoJson,
  type: Type,
  msg: Msg,
  at: PathBuilder,
  problems: Violation[],
): unknown {
  const wrapped = WRAPPERS[type.fullName]
  if (wrapped) return scalarToJson(wrapped, msg.value ?? defaultOf(wrapped))
  switch (type.fullName) {
    case '.google.protobuf.Any':
      return anyToJson(pj, msg, at, problems)
    case '.google.protobuf.Duration':
      return formatDuration(toBigInt(msg.seconds), Number(msg.nanos ?? 0))
    case '.google.protobuf.Timestamp':
      return formatTimestamp(toBigInt(msg.seconds), Number(msg.nanos ?? 0))
    case '.google.protobuf.FieldMask':
      return ((msg.paths as string[] | undefined) ?? [])
        .map((p) => p.replace(/_(.)/g, (_, c: string) => c.toUpperCase()))
        .join(',')
    case '.google.protobuf.Empty':
      return {}
    case '.google.protobuf.Struct':
      return structToJson(msg)
    case '.google.protobuf.ListValue':
      return ((msg.values as Msg[] | undefined) ?? []).map(valueToJson)
    case '.google.protobuf.Value':
      return valueToJson(msg)
  }
  return NOT_WKT
}

function anyToJson(pj: ProtoJson, msg: Msg, at: PathBuilder, problems: Violation[]): unknown {
  const url = (msg.type_url as string | undefined) ?? ''
  if (url === '') return {}
  const type = pj.resolveTypeUrl(url)
  if (!type)
    return fail(
      problems,
      at.field('@type'),
      `unknown type URL "${url}": no such message in the loaded Envoy protos`,
    )
  const inner = type.decode(
    (msg.value as Uint8Array | undefined) ?? new Uint8Array(),
  ) as unknown as Msg
  const json = pj.toJson(type, inner, at, problems)
  return hasSpecialJson(type) ? { '@type': url, value: json } : { '@type': url, ...(json as Msg) }
}

function structToJson(msg: Msg): Msg {
  const out: Msg = {}
  for (const [k, v] of Object.entries((msg.fields as Record<string, Msg> | undefined) ?? {}))
    out[k] = valueToJson(v)
  return out
}

function valueToJson(v: Msg): unknown {
  if (hasOwn(v, 'structValue') && v.structValue) return structToJson(v.structValue as Msg)
  if (hasOwn(v, 'listValue') && v.listValue)
    return (((v.listValue as Msg).values as Msg[]) ?? []).map(valueToJson)
  if (hasOwn(v, 'stringValue')) return v.stringValue
  if (hasOwn(v, 'numberValue')) return v.numberValue
  if (hasOwn(v, 'boolValue')) return v.boolValue
  return null
}

const trimNanos = (nanos: number) => {
  let f = `.${String(nanos).padStart(9, '0')}`
  for (let i = 0; i < 2 && f.endsWith('000'); i++) f = f.slice(0, -3)
  return f === '.000' ? '' : f
}

/** formatDuration writes 0, 3, 6 or 9 fractional digits, like Go's protojson. */
export function formatDuration(seconds: bigint, nanos: number): string {
  const neg = seconds < 0n || nanos < 0
  const s = seconds < 0n ? -seconds : seconds
  return `${neg ? '-' : ''}${s}${trimNanos(Math.abs(nanos))}s`
}

export function formatTimestamp(seconds: bigint, nanos: number): string {
  const iso = new Date(Number(seconds) * 1000).toISOString().slice(0, 19)
  return `${iso}${trimNanos(nanos)}Z`
}
