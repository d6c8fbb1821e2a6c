/**
 * @module Proto3 JSON of scalars and enums, following Go's protojson: 64-bit integers as decimal
 * strings, floats as their shortest float32 decimal, bytes as base64, enums by name.
 */
import protobuf from 'protobufjs'
import type { PathBuilder, Violation } from '../../core/validators/validation-error'

/** BAD marks a value that failed to convert; its problems are already reported. */
export const BAD: unique symbol = Symbol('bad')

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)
const fail = (problems: Violation[], at: PathBuilder, message: string): typeof BAD => {
  problems.push({ field: at.toString(), message })
  return BAD
}
export function enumFromJson(
  e: protobuf.Enum,
  json: unknown,
  at: PathBuilder,
  problems: Violation[],
): unknown {
  if (e.fullName === '.google.protobuf.NullValue' && (json === null || json === 'NULL_VALUE'))
    return 0
  if (typeof json === 'string' && hasOwn(e.values, json)) return e.values[json]
  // proto3 enums are open: undefined numbers are valid JSON; PGV's defined_only rejects them.
  if (typeof json === 'number' && Number.isInteger(json) && Math.abs(json) <= 0x7fffffff)
    return json
  const known = Object.keys(e.values).join(', ')
  const got =
    typeof json === 'string' || typeof json === 'number' ? JSON.stringify(json) : kind(json)
  return fail(
    problems,
    at,
    `invalid value ${got} for enum ${e.fullName.slice(1)} (one of ${known})`,
  )
}

const INT32: Record<string, [number, number]> = {
  int32: [-0x80000000, 0x7fffffff],
  sint32: [-0x80000000, 0x7fffffff],
  sfixed32: [-0x80000000, 0x7fffffff],
  uint32: [0, 0xffffffff],
  fixed32: [0, 0xffffffff],
}
const INT64: Record<string, boolean> = {
  int64: false,
  sint64: false,
  sfixed64: false,
  uint64: true,
  fixed64: true,
}

export function scalarFromJson(
  t: string,
  json: unknown,
  at: PathBuilder,
  problems: Violation[],
): unknown {
  const wrong = (want: string) => fail(problems, at, `must be ${want}, got ${describe(json)}`)
  if (t in INT32) {
    const [lo, hi] = INT32[t]
    const n = typeof json === 'string' && /^-?\d+$/.test(json) ? Number(json) : json
    if (typeof n !== 'number' || !Number.isInteger(n)) return wrong(`an integer (${t})`)
    if (n < lo || n > hi) return fail(problems, at, `${n} is out of range for ${t}`)
    return n
  }
  if (t in INT64) {
    const unsigned = INT64[t]
    let b: bigint
    if (typeof json === 'number' && Number.isSafeInteger(json)) b = BigInt(json)
    else if (typeof json === 'string' && /^-?\d+$/.test(json)) b = BigInt(json)
    else return wrong(`an integer (${t}, a number or a decimal string)`)
    const ok = unsigned ? b >= 0n && b < 1n << 64n : b >= -(1n << 63n) && b < 1n << 63n
    if (!ok) return fail(problems, at, `${b} is out of range for ${t}`)
    return int64Bits(b, unsigned)
  }
  switch (t) {
    case 'double':
    case 'float': {
      const n = typeof json === 'string' ? parseFloatJson(json) : json
      if (typeof n !== 'number' || (Number.isNaN(n) && json !== 'NaN'))
        return wrong(`a number (${t})`)
      if (t === 'float' && Number.isFinite(n) && Math.abs(n) > 3.4028234663852886e38) {
        return fail(problems, at, `${n} is out of range for float`)
      }
      return n
    }
    case 'bool':
      return typeof json === 'boolean' ? json : wrong('true or false')
    case 'string':
      return typeof json === 'string' ? json : wrong('a string')
    case 'bytes':
      if (typeof json !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(json))
        return wrong('base64 (bytes)')
      try {
        return base64Decode(json)
      } catch {
        return wrong('base64 (bytes)')
      }
  }
  return fail(problems, at, `unsupported scalar type ${t}`)
}

function parseFloatJson(s: string): number | undefined {
  if (s === 'NaN') return NaN
  if (s === 'Infinity') return Infinity
  if (s === '-Infinity') return -Infinity
  return /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : undefined
}

const describe = (v: unknown) =>
  typeof v === 'string'
    ? `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`
    : kind(v)

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k)

/** mapKey says whether a JSON object key is valid for a proto map key type. */
export function mapKey(keyType: string, k: string): boolean {
  if (keyType === 'string') return true
  if (keyType === 'bool') return k === 'true' || k === 'false'
  return (
    /^-?\d+$/.test(k) &&
    (keyType.startsWith('u') || keyType.startsWith('fixed') ? k[0] !== '-' : true)
  )
}

/** int64Bits is the `{ low, high, unsigned }` form protobufjs writes 64-bit integers from. */
export function int64Bits(b: bigint, unsigned: boolean) {
  const u = BigInt.asUintN(64, b)
  return { low: Number(u & 0xffffffffn) | 0, high: Number(u >> 32n) | 0, unsigned }
}

export function enumToJson(e: protobuf.Enum, v: number): unknown {
  if (e.fullName === '.google.protobuf.NullValue') return null
  return e.valuesById[v] ?? v
}

export function scalarToJson(t: string, v: unknown): unknown {
  if (t in INT64) return toBigInt(v, INT64[t]).toString()
  if (t === 'bytes') return base64Encode(v as Uint8Array)
  if (t === 'float' || t === 'double') {
    const n = v as number
    if (!Number.isFinite(n)) return String(n)
    return t === 'float' ? shortestFloat32(n) : n
  }
  return v
}

export function defaultOf(t: string): unknown {
  if (t === 'bool') return false
  if (t === 'string') return ''
  if (t === 'bytes') return new Uint8Array()
  return 0
}

/** shortestFloat32 is the shortest decimal that rounds to the same float32 (Go's 'g', 32). */
function shortestFloat32(n: number): number {
  for (let p = 1; p <= 9; p++) {
    const c = Number(n.toPrecision(p))
    if (Math.fround(c) === n) return c
  }
  return n
}

export function toBigInt(v: unknown, unsigned = false): bigint {
  if (v === undefined || v === null) return 0n
  if (typeof v === 'number') return BigInt(v)
  if (typeof v === 'string') return BigInt(v)
  const l = v as { low: number; high: number; unsigned?: boolean }
  const u = (BigInt(l.high >>> 0) << 32n) | BigInt(l.low >>> 0)
  return unsigned || l.unsigned ? u : BigInt.asIntN(64, u)
}

function base64Decode(s: string): Uint8Array {
  const std = s.replace(/-/g, '+').replace(/_/g, '/')
  const bin = atob(std.padEnd(Math.ceil(std.length / 4) * 4, '='))
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

function base64Encode(b: Uint8Array): string {
  let bin = ''
  for (let i = 0; i < b.length; i++) bin += String.fromCharCode(b[i])
  return btoa(bin)
}
