/**
 * @module The protoc-gen-validate rules Envoy checks on every resource it receives (`required`,
 * string lengths and header regexes, numeric and duration bounds, list and map sizes, required
 * oneofs), applied to proto3 JSON. A resource that breaks one is NACKed by Envoy; Kumo reports it
 * first, with PGV's wording. Rules Kuma never comes near (patterns, `in` on Anys) are skipped.
 */
import protobuf from 'protobufjs'
import type { PathBuilder, Violation } from '../../core/validators/validation-error'

type Rules = Record<string, unknown>
const isObject = (v: unknown): v is Rules =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const rulesCache = new WeakMap<protobuf.Field, Rules | null>()

/** rulesOf merges a field's `(validate.rules)` options into one object, or null. */
function rulesOf(field: protobuf.Field): Rules | null {
  let rules = rulesCache.get(field)
  if (rules !== undefined) return rules
  rules = null
  const declared = field.options?.['(validate.rules)']
  if (isObject(declared)) rules = declared
  for (const opt of (field.parsedOptions ?? []) as Rules[]) {
    const r = (opt as Rules)['(validate.rules)']
    if (isObject(r)) rules = deepMerge(rules ?? {}, r)
  }
  rulesCache.set(field, rules)
  return rules
}

function deepMerge(a: Rules, b: Rules): Rules {
  const out: Rules = { ...a }
  for (const [k, v] of Object.entries(b)) {
    out[k] = isObject(v) && isObject(out[k]) ? deepMerge(out[k] as Rules, v) : v
  }
  return out
}

const REQUIRED_KINDS = ['message', 'duration', 'any', 'timestamp']

/**
 * validateField checks one field's rules against its JSON value (undefined when absent). An
 * absent implicit scalar is checked as its default, as PGV does; an absent message or oneof
 * member only against `required`.
 */
export function validateField(
  field: protobuf.Field,
  raw: unknown,
  at: PathBuilder,
  problems: Violation[],
): void {
  const rules = rulesOf(field)
  if (!rules) return
  const add = (message: string, where: PathBuilder = at) =>
    problems.push({ field: where.toString(), message })
  if (field.map) {
    const map = isObject(raw) ? raw : {}
    const r = isObject(rules.map) ? rules.map : {}
    const n = Object.keys(map).length
    if (typeof r.min_pairs === 'number' && n < r.min_pairs) {
      add(`value must contain at least ${r.min_pairs} pair(s)`)
    }
    for (const [k, v] of Object.entries(map)) {
      if (isObject(r.keys)) checkValue(r.keys, k, field, at.key(k), add)
      if (isObject(r.values)) checkValue(r.values, v, field, at.key(k), add)
    }
    return
  }
  if (field.repeated) {
    const list = Array.isArray(raw) ? raw : []
    const r = isObject(rules.repeated) ? rules.repeated : {}
    if (typeof r.min_items === 'number' && list.length < r.min_items) {
      add(`value must contain at least ${r.min_items} item(s)`)
    }
    if (typeof r.max_items === 'number' && list.length > r.max_items) {
      add(`value must contain no more than ${r.max_items} item(s)`)
    }
    if (r.unique === true && new Set(list.map((e) => JSON.stringify(e))).size !== list.length) {
      add('repeated value must contain unique items')
    }
    if (isObject(r.items))
      list.forEach((e, i) => checkValue(r.items as Rules, e, field, at.index(i), add))
    return
  }
  if (raw === undefined) {
    if (field.partOf) return
    const required = REQUIRED_KINDS.some((k) => isObject(rules[k]) && rules[k].required === true)
    if (required) add('value is required')
    if (field.resolvedType instanceof protobuf.Type) return
    raw = defaultJson(field)
  }
  checkValue(rules, raw, field, at, add)
}

/** validateOneofs reports each `(validate.required)` oneof with no member set. */
export function validateOneofs(
  type: protobuf.Type,
  present: Set<string>,
  at: PathBuilder,
  problems: Violation[],
): void {
  for (const oneof of type.oneofsArray) {
    if (oneof.options?.['(validate.required)'] !== true) continue
    if (oneof.oneof.some((n) => present.has(n))) continue
    const names = oneof.fieldsArray.map((f) => camel(f.name)).join(', ')
    problems.push({
      field: at.field(camel(oneof.name)).toString(),
      message: `value is required: set one of ${names}`,
    })
  }
}

const camel = (s: string) => s.replace(/_(.)/g, (_, c: string) => c.toUpperCase())

function defaultJson(field: protobuf.Field): unknown {
  if (field.resolvedType instanceof protobuf.Enum) return 0
  if (field.type === 'bool') return false
  if (field.type === 'string' || field.type === 'bytes') return ''
  return 0
}

const NUMERIC = [
  'int32',
  'int64',
  'uint32',
  'uint64',
  'sint32',
  'sint64',
  'fixed32',
  'fixed64',
  'sfixed32',
  'sfixed64',
  'float',
  'double',
]

// Envoy's header rules (validate.proto KnownRegex), strict and lax.
const HEADER_NAME = /^:?[0-9a-zA-Z!#$%&'*+\-.^_|~`]+$/
const HEADER_VALUE = /^[^\u0000-\u0008\u000A-\u001F\u007F]*$/
const LAX = /^[^\u0000\u000A\u000D]*$/

function checkValue(
  rules: Rules,
  v: unknown,
  field: protobuf.Field,
  at: PathBuilder,
  add: (message: string, where?: PathBuilder) => void,
): void {
  if (isObject(rules.string) && typeof v === 'string') {
    const r = rules.string
    if (r.ignore_empty === true && v === '') return
    const runes = [...v].length
    const bytes = new TextEncoder().encode(v).length
    if (typeof r.min_len === 'number' && runes < r.min_len)
      add(`value length must be at least ${r.min_len} runes`)
    if (typeof r.max_len === 'number' && runes > r.max_len)
      add(`value length must be at most ${r.max_len} runes`)
    if (typeof r.min_bytes === 'number' && bytes < r.min_bytes)
      add(`value length must be at least ${r.min_bytes} bytes`)
    if (typeof r.max_bytes === 'number' && bytes > r.max_bytes)
      add(`value length must be at most ${r.max_bytes} bytes`)
    if (typeof r.prefix === 'string' && !v.startsWith(r.prefix))
      add(`value does not have prefix "${r.prefix}"`)
    if (Array.isArray(r.in) && !r.in.includes(v)) add(`value must be in list [${r.in.join(' ')}]`)
    const known = r.well_known_regex
    const strict = r.strict !== false
    if (known === 'HTTP_HEADER_NAME' || known === 1) {
      if (!(strict ? HEADER_NAME : LAX).test(v))
        add('value does not match regex pattern for HTTP header name')
    }
    if (known === 'HTTP_HEADER_VALUE' || known === 2) {
      if (!(strict ? HEADER_VALUE : LAX).test(v))
        add('value does not match regex pattern for HTTP header value')
    }
  }
  for (const t of NUMERIC) {
    if (!isObject(rules[t])) continue
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN
    if (!Number.isNaN(n)) checkBounds(rules[t] as Rules, n, (x) => Number(x), String, add)
  }
  if (isObject(rules.bool) && typeof rules.bool.const === 'boolean' && v !== rules.bool.const) {
    add(`value must equal ${rules.bool.const}`)
  }
  if (isObject(rules.enum) && field.resolvedType instanceof protobuf.Enum) {
    const e = field.resolvedType
    const n = typeof v === 'string' ? e.values[v] : typeof v === 'number' ? v : undefined
    if (rules.enum.defined_only === true && n !== undefined && e.valuesById[n] === undefined) {
      add('value must be one of the defined enum values')
    }
    const notIn = rules.enum.not_in
    if (n !== undefined && Array.isArray(notIn) && notIn.map(Number).includes(n)) {
      add(`value must not be in list [${notIn.join(' ')}]`)
    }
  }
  if (isObject(rules.duration) && typeof v === 'string') {
    const nanos = durationNanos(v)
    if (nanos !== undefined) checkBounds(rules.duration, nanos, boundNanos, formatBound, add)
  }
}

function checkBounds(
  r: Rules,
  n: number,
  bound: (x: unknown) => number,
  show: (x: unknown) => string,
  add: (message: string) => void,
): void {
  if (r.ignore_empty === true && n === 0) return
  if (r.const !== undefined && n !== bound(r.const)) add(`value must equal ${show(r.const)}`)
  if (r.gt !== undefined && !(n > bound(r.gt))) add(`value must be greater than ${show(r.gt)}`)
  if (r.gte !== undefined && !(n >= bound(r.gte)))
    add(`value must be greater than or equal to ${show(r.gte)}`)
  if (r.lt !== undefined && !(n < bound(r.lt))) add(`value must be less than ${show(r.lt)}`)
  if (r.lte !== undefined && !(n <= bound(r.lte)))
    add(`value must be less than or equal to ${show(r.lte)}`)
}

function durationNanos(s: string): number | undefined {
  const m = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/.exec(s)
  if (!m) return undefined
  const n = Number(m[2]) * 1e9 + Number((m[3] ?? '').padEnd(9, '0'))
  return m[1] ? -n : n
}

const boundNanos = (x: unknown) =>
  isObject(x) ? Number(x.seconds ?? 0) * 1e9 + Number(x.nanos ?? 0) : Number(x)

function formatBound(x: unknown): string {
  const n = boundNanos(x)
  return `${n / 1e9}s`
}
