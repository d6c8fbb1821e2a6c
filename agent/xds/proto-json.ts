/**
 * @module ProtoJson: a strict proto3 JSON codec over protobufjs reflection. JSON to message
 * reports the path of every unknown field, wrong type, bad enum, bad duration and unresolvable
 * Any type URL (protobufjs' own `fromObject` silently drops or coerces them); message to JSON
 * writes what Go's protojson writes, so Kuma's golden YAML round-trips.
 */
import protobuf from 'protobufjs'
import { PathBuilder, type Violation } from '../../core/validators/validation-error'
import { validateField, validateOneofs } from './proto-validate'
import * as wkt from './proto-wkt'
import { BAD, enumFromJson, enumToJson, scalarFromJson, scalarToJson, mapKey } from './proto-scalar'

type Type = protobuf.Type
type Field = protobuf.Field
type Msg = Record<string, unknown>
type Bad = typeof BAD

const isObject = (v: unknown): v is Msg => typeof v === 'object' && v !== null && !Array.isArray(v)
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k)

const jsonNames = new WeakMap<Field, string>()

/**
 * jsonName is a field's proto3 JSON name: its `json_name` option or protoc's lowerCamelCase.
 * Memoized: it is asked for every absent field of every message checked (a hot path).
 */
export function jsonName(field: Field): string {
  let name = jsonNames.get(field)
  if (name === undefined) {
    const explicit = field.options?.json_name
    name =
      typeof explicit === 'string'
        ? explicit
        : field.name.replace(/_(.)/g, (_, c: string) => c.toUpperCase()).replace(/_$/, '')
    jsonNames.set(field, name)
  }
  return name
}

/** typeName drops protobufjs' leading dot: `envoy.config.listener.v3.Listener`. */
export const typeName = (t: protobuf.ReflectionObject) => t.fullName.replace(/^\./, '')

/** ProtoJson converts between proto3 JSON and protobufjs-encodable objects for one Root. */
export class ProtoJson {
  private readonly fieldsByKey = new Map<Type, Map<string, Field>>()
  private readonly typeCache = new Map<string, Type | null>()

  /** rules turns protoc-gen-validate checks on; conversion alone ignores them. */
  rules = true

  constructor(readonly root: protobuf.Root) {}

  /** resolveTypeUrl finds the message a type URL names (the part after its last `/`). */
  resolveTypeUrl(url: string): Type | undefined {
    const cached = this.typeCache.get(url)
    if (cached !== undefined) return cached ?? undefined
    const slash = url.lastIndexOf('/')
    let found: Type | null = null
    if (slash >= 0 && slash < url.length - 1) {
      try {
        const t = this.root.lookup(`.${url.slice(slash + 1)}`)
        if (t instanceof protobuf.Type) found = t
      } catch {
        found = null
      }
    }
    this.typeCache.set(url, found)
    return found ?? undefined
  }

  /**
   * fromJson converts `json` of message `type` to an object `type.encode` accepts (enums as
   * numbers, 64-bit integers as `{ low, high }`, Anys encoded), pushing every problem found.
   * Returns BAD when anything under it is wrong.
   */
  fromJson(type: Type, json: unknown, at: PathBuilder, problems: Violation[]): Msg | Bad {
    const special = wkt.fromJson(this, type, json, at, problems)
    if (special !== wkt.NOT_WKT) return special as Msg | Bad
    if (!isObject(json)) {
      problems.push({
        field: at.toString(),
        message: `must be an object (${typeName(type)}), got ${kind(json)}`,
      })
      return BAD
    }
    const before = problems.length
    const out: Msg = {}
    const seen = new Map<string, string>()
    const present = new Set<string>()
    const byKey = this.fieldIndex(type)
    for (const [key, raw] of Object.entries(json)) {
      const fieldAt = at.field(key)
      const field = byKey.get(key)
      if (!field) {
        problems.push({
          field: fieldAt.toString(),
          message: `unknown field "${key}" in ${typeName(type)}`,
        })
        continue
      }
      const prior = seen.get(field.name)
      if (prior !== undefined) {
        problems.push({ field: fieldAt.toString(), message: `field is already set as "${prior}"` })
        continue
      }
      seen.set(field.name, key)
      if (raw === null && !isValueType(field)) continue
      present.add(field.name)
      if (field.partOf) {
        const other = field.partOf.oneof.find((n) => n !== field.name && present.has(n))
        if (other !== undefined) {
          const otherKey = seen.get(other)
          problems.push({
            field: fieldAt.toString(),
            message: `oneof ${field.partOf.name} is already set by "${otherKey}"`,
          })
          continue
        }
      }
      const value = this.fieldValue(field, raw, fieldAt, problems)
      if (value === BAD) continue
      if (isImplicit(field) && isDefault(value)) continue
      out[field.name] = value
      if (this.rules) validateField(field, raw, fieldAt, problems)
    }
    if (this.rules) {
      for (const field of type.fieldsArray) {
        if (!present.has(field.name))
          validateField(field, undefined, at.field(jsonName(field)), problems)
      }
      validateOneofs(type, present, at, problems)
    }
    return problems.length > before ? BAD : out
  }

  /** toJson renders a decoded message as Go's protojson would (defaults omitted). */
  toJson(type: Type, msg: Msg, at: PathBuilder, problems: Violation[]): unknown {
    const special = wkt.toJson(this, type, msg, at, problems)
    if (special !== wkt.NOT_WKT) return special
    const out: Msg = {}
    for (const field of type.fieldsArray) {
      if (!hasOwn(msg, field.name)) continue
      const v = msg[field.name]
      if (v === null || v === undefined) continue
      const name = jsonName(field)
      const fieldAt = at.field(name)
      if (field.map) {
        const entries = Object.entries(v as Msg)
        if (entries.length === 0) continue
        const m: Msg = {}
        for (const [k, e] of entries) m[k] = this.valueToJson(field, e, fieldAt.key(k), problems)
        out[name] = m
      } else if (field.repeated) {
        const arr = v as unknown[]
        if (arr.length === 0) continue
        out[name] = arr.map((e, i) => this.valueToJson(field, e, fieldAt.index(i), problems))
      } else {
        if (isImplicit(field) && isDefault(v)) continue
        out[name] = this.valueToJson(field, v, fieldAt, problems)
      }
    }
    return out
  }

  /** encodeAny packs a converted message into a google.protobuf.Any object. */
  encodeAny(typeUrl: string, type: Type, msg: Msg): Msg {
    return { type_url: typeUrl, value: type.encode(msg).finish() }
  }

  private fieldIndex(type: Type): Map<string, Field> {
    let index = this.fieldsByKey.get(type)
    if (!index) {
      index = new Map()
      for (const f of type.fieldsArray) {
        index.set(jsonName(f), f)
        index.set(f.name, f)
      }
      this.fieldsByKey.set(type, index)
    }
    return index
  }

  private fieldValue(field: Field, raw: unknown, at: PathBuilder, problems: Violation[]): unknown {
    if (field.map) {
      if (!isObject(raw)) {
        problems.push({
          field: at.toString(),
          message: `must be an object (map), got ${kind(raw)}`,
        })
        return BAD
      }
      const out: Msg = {}
      let bad = false
      for (const [k, e] of Object.entries(raw)) {
        const keyOk = mapKey((field as unknown as protobuf.MapField).keyType, k)
        if (!keyOk) {
          problems.push({
            field: at.key(k).toString(),
            message: `invalid map key for ${(field as unknown as protobuf.MapField).keyType}`,
          })
          bad = true
          continue
        }
        const v = this.single(field, e, at.key(k), problems, true)
        if (v === BAD) bad = true
        else out[k] = v
      }
      return bad ? BAD : out
    }
    if (field.repeated) {
      if (!Array.isArray(raw)) {
        problems.push({ field: at.toString(), message: `must be an array, got ${kind(raw)}` })
        return BAD
      }
      let bad = false
      const out = raw.map((e, i) => {
        const v = this.single(field, e, at.index(i), problems, true)
        if (v === BAD) bad = true
        return v
      })
      return bad ? BAD : out
    }
    return this.single(field, raw, at, problems, false)
  }

  private single(
    field: Field,
    raw: unknown,
    at: PathBuilder,
    problems: Violation[],
    element: boolean,
  ): unknown {
    const rt = field.resolvedType
    if (element && raw === null && !isValueType(field)) {
      problems.push({ field: at.toString(), message: 'must not be null' })
      return BAD
    }
    if (rt instanceof protobuf.Enum) return enumFromJson(rt, raw, at, problems)
    if (rt instanceof protobuf.Type) return this.fromJson(rt, raw, at, problems)
    return scalarFromJson(field.type, raw, at, problems)
  }

  private valueToJson(field: Field, v: unknown, at: PathBuilder, problems: Violation[]): unknown {
    const rt = field.resolvedType
    if (rt instanceof protobuf.Enum) return enumToJson(rt, v as number)
    if (rt instanceof protobuf.Type) return this.toJson(rt, v as Msg, at, problems)
    return scalarToJson(field.type, v)
  }
}

/** isImplicit: a proto3 singular scalar without `optional`, whose default is never sent. */
function isImplicit(field: Field): boolean {
  return (
    !field.repeated &&
    !field.map &&
    !(field.resolvedType instanceof protobuf.Type) &&
    !field.hasPresence
  )
}

function isValueType(field: Field): boolean {
  const rt = field.resolvedType
  return (
    rt !== null &&
    (rt.fullName === '.google.protobuf.Value' || rt.fullName === '.google.protobuf.NullValue')
  )
}

function isDefault(v: unknown): boolean {
  if (v === 0 || v === '' || v === false) return true
  if (v instanceof Uint8Array) return v.length === 0
  if (isObject(v) && 'low' in v && 'high' in v) return v.low === 0 && v.high === 0
  return false
}

/** kind names a JSON value's type for messages: `string`, `number`, `array`, `null`... */
export function kind(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  return typeof v
}
