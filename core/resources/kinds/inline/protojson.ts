/**
 * @module Proto JSON decoding for Kuma's protobuf-defined kinds, as `github.com/golang/protobuf/jsonpb`
 * (v1.5.4, `AllowUnknownFields: true`) reads them: shape check with Go's error texts, and the
 * canonical form `jsonpb.Marshaler{}` writes back (camelCase names, zero values left out).
 */
import { formatDuration, parseGoDuration } from '../../../validators/duration'

export type Scalar =
  'string' | 'bool' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'double' | 'float' | 'bytes'
/** Wrapper is a google.protobuf wrapper type: present even when it holds the zero value. */
export type Wrapper =
  'BoolValue' | 'UInt32Value' | 'Int32Value' | 'DoubleValue' | 'StringValue' | 'BytesValue'

export interface EnumDesc {
  fullName: string
  /** values maps each value name to its number, in declaration order. */
  values: Record<string, number>
}

export interface MessageDesc {
  fullName: string
  /** fields in declaration order: jsonpb reports the first bad one in this order. */
  fields: FieldDesc[]
}

export type FieldType =
  | { scalar: Scalar }
  | { wrapper: Wrapper }
  | { enum: EnumDesc }
  | { message: MessageDesc }
  | { wkt: 'Duration' | 'Struct' }

export interface FieldDesc {
  /** name is the proto field name (`redirect_port_inbound`). */
  name: string
  /** json is the lowerCamelCase JSON name protoc derives (`redirectPortInbound`). */
  json: string
  type: FieldType
  repeated?: boolean
  /** map marks `map<string, type>`. */
  map?: boolean
  /** oneof names the oneof group: a member is present even when zero, and the last one set wins. */
  oneof?: string
}

/** jsonName is protoc's default json_name: underscores dropped, the next letter upper-cased. */
export function jsonName(protoName: string): string {
  return protoName.replace(/_(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))
}

type FieldOpts = { repeated?: boolean; map?: boolean; oneof?: string }

/** field builds a FieldDesc from a proto field name. */
export function field(name: string, type: FieldType, opts: FieldOpts = {}): FieldDesc {
  return { name, json: jsonName(name), type, ...opts }
}

export const str: FieldType = { scalar: 'string' }
export const bool: FieldType = { scalar: 'bool' }
export const uint32: FieldType = { scalar: 'uint32' }
export const bytes: FieldType = { scalar: 'bytes' }
export const duration: FieldType = { wkt: 'Duration' }
export const struct: FieldType = { wkt: 'Struct' }
export const wrapper = (w: Wrapper): FieldType => ({ wrapper: w })
export const message = (m: MessageDesc): FieldType => ({ message: m })
export const enumOf = (e: EnumDesc): FieldType => ({ enum: e })

/** DecodeResult is the canonical form of a message, or the first error jsonpb would report. */
export type DecodeResult = { value: Record<string, unknown>; error?: undefined } | { error: string }

class DecodeError extends Error {}

/**
 * decodeMessage reads `raw` (parsed JSON) as message `md`. Unknown fields are ignored, as Kuma's
 * jsonpb unmarshaler is set to allow them; `null` means unset.
 */
export function decodeMessage(raw: unknown, md: MessageDesc): DecodeResult {
  try {
    return { value: (readMessage(raw, md) ?? {}) as Record<string, unknown> }
  } catch (e) {
    if (e instanceof DecodeError) return { error: e.message }
    throw e
  }
}

function fail(msg: string): never {
  throw new DecodeError(msg)
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array'
  if (v === null) return 'null'
  if (typeof v === 'boolean') return 'bool'
  return typeof v === 'object' ? 'object' : typeof v
}

function cannot(v: unknown, goType: string): never {
  fail(`json: cannot unmarshal ${jsonType(v)} into Go value of type ${goType}`)
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function readObject(
  raw: unknown,
  bad: (msg: string) => string = (m) => m,
): Record<string, unknown> {
  if (raw === null) return {}
  if (!isObject(raw)) {
    fail(
      bad(
        `json: cannot unmarshal ${jsonType(raw)} into Go value of type map[string]json.RawMessage`,
      ),
    )
  }
  return raw
}

function readMessage(raw: unknown, md: MessageDesc): Record<string, unknown> | undefined {
  if (raw === null) return undefined
  const obj = readObject(raw)
  const out: Record<string, unknown> = {}
  for (const fd of md.fields) {
    // jsonpb looks the proto name up first, then the JSON name, which wins.
    let value: unknown = undefined
    if (Object.hasOwn(obj, fd.name)) value = obj[fd.name]
    if (Object.hasOwn(obj, fd.json)) value = obj[fd.json]
    if (value === undefined || value === null) continue
    const decoded = readField(value, fd)
    if (decoded === undefined) continue
    if (fd.oneof) {
      for (const other of md.fields) if (other.oneof === fd.oneof) delete out[other.json]
    }
    out[fd.json] = decoded
  }
  return out
}

function readField(raw: unknown, fd: FieldDesc): unknown {
  if (fd.repeated) {
    if (!Array.isArray(raw)) cannot(raw, '[]json.RawMessage')
    const items = raw.map((item) => readSingular(item, fd.type, true))
    return items.length > 0 ? items : undefined
  }
  if (fd.map) {
    if (!isObject(raw)) cannot(raw, 'map[string]json.RawMessage')
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(raw)) out[k] = readSingular(v, fd.type, true)
    return Object.keys(out).length > 0 ? out : undefined
  }
  return readSingular(raw, fd.type, !!fd.oneof)
}

/** readSingular returns the canonical value; `keepZero` keeps zero values (list items, map values, wrappers). */
function readSingular(raw: unknown, type: FieldType, keepZero: boolean): unknown {
  if ('message' in type) return readMessage(raw, type.message) ?? (keepZero ? {} : undefined)
  if ('wrapper' in type) return readWrapper(raw, type.wrapper)
  if ('wkt' in type) {
    if (type.wkt === 'Struct') {
      return readObject(raw, (m) => `bad StructValue: ${m}`)
    }
    if (raw === null) return keepZero ? '0s' : undefined
    if (typeof raw !== 'string') cannot(raw, 'string')
    const d = parseGoDuration(raw)
    if ('error' in d) fail(`bad Duration: ${d.error}`)
    return formatDuration(d.nanos)
  }
  if ('enum' in type) return readEnum(raw, type.enum, keepZero)
  const v = readScalar(raw, type.scalar)
  return keepZero || !isZero(v) ? v : undefined
}

function readWrapper(raw: unknown, w: Wrapper): unknown {
  const scalar: Record<Wrapper, Scalar> = {
    BoolValue: 'bool',
    UInt32Value: 'uint32',
    Int32Value: 'int32',
    DoubleValue: 'double',
    StringValue: 'string',
    BytesValue: 'bytes',
  }
  return readScalar(raw, scalar[w])
}

function isZero(v: unknown): boolean {
  return v === '' || v === false || v === 0 || v === '0'
}

function readEnum(raw: unknown, ed: EnumDesc, keepZero: boolean): unknown {
  const names = Object.keys(ed.values)
  let num: number
  if (typeof raw === 'string') {
    if (!Object.hasOwn(ed.values, raw)) {
      fail(`unknown value ${JSON.stringify(JSON.stringify(raw))} for enum ${ed.fullName}`)
    }
    num = ed.values[raw]
  } else {
    num = readInteger(raw, 'protoreflect.EnumNumber', -(2 ** 31), 2 ** 31 - 1)
  }
  if (num === 0 && !keepZero) return undefined
  return names.find((n) => ed.values[n] === num) ?? num
}

const INT_RANGES = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  int64: [-(2 ** 63), 2 ** 63 - 1],
  uint64: [0, 2 ** 64 - 1],
} as const

function readScalar(raw: unknown, scalar: Scalar): unknown {
  switch (scalar) {
    case 'string':
      if (raw === null) return ''
      if (typeof raw !== 'string') cannot(raw, 'string')
      return raw
    case 'bool':
      if (raw === null) return false
      if (typeof raw !== 'boolean') cannot(raw, 'bool')
      return raw
    case 'bytes':
      if (raw === null) return ''
      if (typeof raw !== 'string') cannot(raw, '[]uint8')
      return readBase64(raw)
    case 'double':
    case 'float': {
      if (raw === 'NaN' || raw === 'Infinity' || raw === '-Infinity') return raw
      const goType = scalar === 'double' ? 'float64' : 'float32'
      const v = unquoteNumber(raw)
      if (v === null) return 0
      if (typeof v !== 'number') cannot(v, goType)
      return v
    }
    default: {
      const [min, max] = INT_RANGES[scalar]
      const v = readInteger(raw, scalar, min, max)
      // jsonpb writes 64-bit integers as strings
      return scalar === 'int64' || scalar === 'uint64' ? String(v) : v
    }
  }
}

function readInteger(raw: unknown, goType: string, min: number, max: number): number {
  const v = unquoteNumber(raw)
  if (v === null) return 0
  if (typeof v !== 'number') cannot(v, goType)
  if (!Number.isInteger(v) || v < min || v > max) {
    fail(`json: cannot unmarshal number ${String(v)} into Go value of type ${goType}`)
  }
  return v
}

/** unquoteNumber mimics jsonpb's trimQuote: `"12"` is read as the JSON text `12`. */
function unquoteNumber(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw
  const text = raw
  if (text.trim() === '') fail('unexpected end of JSON input')
  try {
    return JSON.parse(text)
  } catch {
    fail(syntaxError(text))
  }
}

function syntaxError(text: string): string {
  const s = text.trimStart()
  const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(s)
  const literal = /^(true|false|null)/.exec(s)
  const consumed = number?.[0] ?? literal?.[0]
  if (!consumed) return `invalid character ${quoteChar(s[0])} looking for beginning of value`
  const rest = s.slice(consumed.length).trimStart()
  return `invalid character ${quoteChar(rest[0])} after top-level value`
}

function quoteChar(c: string): string {
  if (c === "'") return `'\\''`
  if (c === '"') return `'"'`
  return `'${c}'`
}

const B64 = /^[A-Za-z0-9+/]$/

/** readBase64 checks standard padded base64 as Go's decoder does, reporting its byte offset. */
function readBase64(s: string): string {
  const clean = s.replace(/[\r\n]/g, '')
  let i = 0
  while (i < clean.length) {
    const quantum = clean.slice(i, i + 4)
    for (let j = 0; j < quantum.length; j++) {
      const c = quantum[j]
      if (c === '=') {
        const padOk =
          j >= 2 &&
          i + 4 === clean.length &&
          quantum.length === 4 &&
          (j === 3 || quantum[3] === '=')
        if (!padOk) fail(`illegal base64 data at input byte ${i + j}`)
        return clean
      }
      if (!B64.test(c)) fail(`illegal base64 data at input byte ${i + j}`)
    }
    if (quantum.length < 4) fail(`illegal base64 data at input byte ${i}`)
    i += 4
  }
  return clean
}
