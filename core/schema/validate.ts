/**
 * @module The structural schema validator: k8s.io/kube-openapi `pkg/validation/validate` as Kuma
 * runs it on PUT, with the same messages, item paths and error order.
 */
import { ValidationError } from '../validators/validation-error'
import { formatChecker, goFloat, goQuote, goValue } from './formats'
import type { JSONSchemaProps } from './types'

export { applyDefaults, pruneUnknown, resourceSchema } from './structural'

const IN = 'body'

/** Result mirrors kube-openapi's validate.Result: deduplicated messages and a match count. */
interface Result {
  errors: string[]
  matchCount: number
}

const newResult = (): Result => ({ errors: [], matchCount: 0 })

function addErrors(r: Result, ...errs: (string | undefined)[]): void {
  for (const e of errs) if (e !== undefined && !r.errors.includes(e)) r.errors.push(e)
}

function merge(r: Result, ...others: (Result | undefined)[]): Result {
  for (const o of others) {
    if (!o) continue
    addErrors(r, ...o.errors)
    r.matchCount += o.matchCount
  }
  return r
}

const single = (e: string): Result => ({ errors: [e], matchCount: 0 })

type Kind = 'null' | 'string' | 'number' | 'boolean' | 'array' | 'object'

function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v)) return 'array'
  const t = typeof v
  if (t === 'string' || t === 'number' || t === 'boolean') return t
  return 'object'
}

/** Messages of kube-openapi `pkg/validation/errors/schema.go`, always with `in body`. */
const msg = {
  type: (path: string, type: string, data: string) =>
    `${path} in ${IN} must be of type ${type}: ${goQuote(data)}`,
  required: (path: string) => `${path} in ${IN} is required`,
  tooLong: (path: string, n: number) => `${path} in ${IN} should be at most ${n} chars long`,
  tooShort: (path: string, n: number) => `${path} in ${IN} should be at least ${n} chars long`,
  pattern: (path: string, p: string) => `${path} in ${IN} should match '${p}'`,
  enum: (path: string, values: unknown[]) => `${path} in ${IN} should be one of ${goValue(values)}`,
  max: (path: string, m: number, exc: boolean) =>
    `${path} in ${IN} should be less than ${exc ? '' : 'or equal to '}${goFloat(m)}`,
  min: (path: string, m: number, exc: boolean) =>
    `${path} in ${IN} should be greater than ${exc ? '' : 'or equal to '}${goFloat(m)}`,
  unique: (path: string) => `${path} in ${IN} shouldn't contain duplicates`,
  maxItems: (path: string, n: number) => `${path} in ${IN} should have at most ${n} items`,
  minItems: (path: string, n: number) => `${path} in ${IN} should have at least ${n} items`,
  minProps: (path: string, n: number) => `${path} in ${IN} should have at least ${n} properties`,
  maxProps: (path: string, n: number) => `${path} in ${IN} should have at most ${n} properties`,
  forbidden: (path: string, key: string) => `${path}.${key} in ${IN} is a forbidden property`,
  anyOf: (path: string) => `${goQuote(path)} must validate at least one schema (anyOf)`,
  oneOf: (path: string, more: string) =>
    `${goQuote(path)} must validate one and only one schema (oneOf). ${more}`,
  allOf: (path: string, more: string) =>
    `${goQuote(path)} must validate all the schemas (allOf)${more}`,
  not: (path: string) => `${goQuote(path)} must not validate the schema (not)`,
}

/** anyOfOf is the schema's anyOf; a bare `x-kubernetes-int-or-string` means integer or string. */
function anyOfOf(s: JSONSchemaProps): JSONSchemaProps[] | undefined {
  if (s.anyOf) return s.anyOf
  if (s['x-kubernetes-int-or-string'] && !s.type) return [{ type: 'integer' }, { type: 'string' }]
  return undefined
}

function isJSONInteger(v: number): boolean {
  return Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER
}

function typeValidate(s: JSONSchemaProps, data: unknown, path: string): Result {
  const result: Result = { errors: [], matchCount: 1 }
  const kind = kindOf(data)
  if (kind === 'null') {
    if (s.type && !s.nullable) return single(msg.type(path, s.type, 'null'))
    return result
  }
  const schType = kind === 'object' ? 'object' : kind === 'array' ? 'array' : kind
  const format = kind === 'number' ? 'float64' : ''
  const has = (t: string) => s.type === t
  const isFloatInt = kind === 'number' && has('integer') && isJSONInteger(data as number)
  if (kind !== 'string' && kind !== 'array' && s.format) {
    if (!(has(schType) || format === s.format || isFloatInt)) {
      return single(msg.type(path, s.format, format))
    }
  }
  if (!(has('number') || has('integer')) && s.format && (kind === 'string' || kind === 'array')) {
    return result
  }
  if (!(has(schType) || isFloatInt)) return single(msg.type(path, s.type ?? '', schType))
  return result
}

/** rangeError mirrors IsValueValidAgainstRange: can a bound or value be parsed with the format. */
function rangeError(
  v: number,
  s: JSONSchemaProps,
  prefix: string,
  path: string,
): string | undefined {
  const typeName = s.type === 'integer' || s.type === 'number' ? s.type : ''
  let format = ''
  if (typeName === 'integer' && (s.format === 'int32' || s.format === 'int64')) format = s.format
  if (typeName === 'number' && (s.format === 'float' || s.format === 'double')) format = s.format
  let ok = true
  if (typeName === 'integer') {
    const [lo, hi] = format === 'int32' ? [-(2 ** 31), 2 ** 31] : [-(2 ** 63), 2 ** 63]
    ok = Number.isInteger(v) && v >= lo && v < hi
  } else if (format === 'float') {
    ok = Math.abs(v) <= 3.4028235677973366e38
  }
  if (ok) return undefined
  return format
    ? `${prefix} value must be of type ${typeName} with format ${format} in ${path}`
    : `${prefix} value must be of type ${typeName} (default format) in ${path}`
}

function numberValidate(s: JSONSchemaProps, v: number, path: string): Result {
  const res = newResult()
  addErrors(res, rangeError(v, s, 'Checked', path))
  const resMin = newResult()
  const resMax = newResult()
  if (s.minimum !== undefined) {
    addErrors(resMin, rangeError(s.minimum, s, 'Minimum boundary', path))
    const exc = !!s.exclusiveMinimum
    if ((!exc && v < s.minimum) || (exc && v <= s.minimum)) {
      addErrors(resMin, msg.min(path, s.minimum, exc))
    }
  }
  if (s.maximum !== undefined) {
    addErrors(resMax, rangeError(s.maximum, s, 'Maximum boundary', path))
    const exc = !!s.exclusiveMaximum
    if ((!exc && v > s.maximum) || (exc && v >= s.maximum)) {
      addErrors(resMax, msg.max(path, s.maximum, exc))
    }
  }
  merge(res, resMin, resMax)
  res.matchCount++
  return res
}

/** compilePattern reads an RE2 pattern as a JS RegExp; a leading `(?i)` becomes the `i` flag. */
function compilePattern(p: string): RegExp | Error {
  const caseless = p.startsWith('(?i)')
  const source = caseless ? p.slice(4) : p
  const flags = caseless ? 'i' : ''
  try {
    return new RegExp(source, flags + 'u')
  } catch {
    try {
      return new RegExp(source, flags)
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e))
    }
  }
}

function stringValidate(s: JSONSchemaProps, v: string, path: string): Result | undefined {
  const runes = [...v].length
  if (s.maxLength !== undefined && runes > s.maxLength)
    return single(msg.tooLong(path, s.maxLength))
  if (s.minLength !== undefined && runes < s.minLength) {
    return single(msg.tooShort(path, s.minLength))
  }
  if (s.pattern) {
    const re = compilePattern(s.pattern)
    if (re instanceof Error) {
      return single(msg.pattern(path, `${s.pattern}, but pattern is invalid: ${re.message}`))
    }
    if (!re.test(v)) return single(msg.pattern(path, s.pattern))
  }
  return undefined
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  const ka = kindOf(a)
  if (ka !== kindOf(b)) return false
  if (ka === 'array') {
    const x = a as unknown[]
    const y = b as unknown[]
    return x.length === y.length && x.every((v, i) => deepEqual(v, y[i]))
  }
  if (ka === 'object') {
    const x = a as Record<string, unknown>
    const y = b as Record<string, unknown>
    const keys = Object.keys(x)
    return (
      keys.length === Object.keys(y).length && keys.every((k) => k in y && deepEqual(x[k], y[k]))
    )
  }
  return false
}

function enumValidate(s: JSONSchemaProps, data: unknown, path: string): Result | undefined {
  if (!s.enum || s.enum.length === 0) return undefined
  if (data !== null && data !== undefined && s.enum.some((e) => e !== null && deepEqual(data, e))) {
    return undefined
  }
  return single(msg.enum(path, s.enum))
}

function sliceValidate(s: JSONSchemaProps, v: unknown[], path: string): Result {
  const result = newResult()
  if (s.items) {
    v.forEach((item, i) => merge(result, validateNode(s.items!, item, `${path}[${i}]`)))
  }
  if (s.minItems !== undefined && v.length < s.minItems) {
    addErrors(result, msg.minItems(path, s.minItems))
  }
  if (s.maxItems !== undefined && v.length > s.maxItems) {
    addErrors(result, msg.maxItems(path, s.maxItems))
  }
  if (s.uniqueItems && v.some((x, i) => v.slice(0, i).some((y) => deepEqual(x, y)))) {
    addErrors(result, msg.unique(path))
  }
  result.matchCount++
  return result
}

function objectValidate(s: JSONSchemaProps, v: Record<string, unknown>, path: string): Result {
  const res = newResult()
  const keys = Object.keys(v).filter((k) => v[k] !== undefined)
  const props = s.properties ?? {}
  const declared = (k: string) => Object.prototype.hasOwnProperty.call(props, k)
  if (s.minProperties !== undefined && keys.length < s.minProperties) {
    addErrors(res, msg.minProps(path, s.minProperties))
  }
  if (s.maxProperties !== undefined && keys.length > s.maxProperties) {
    addErrors(res, msg.maxProps(path, s.maxProperties))
  }
  if (s.additionalProperties === false) {
    for (const k of keys) if (!declared(k)) addErrors(res, msg.forbidden(path, k))
  } else if (typeof s.additionalProperties === 'object') {
    for (const k of keys) {
      if (!declared(k)) merge(res, validateNode(s.additionalProperties, v[k], `${path}.${k}`))
    }
  }
  for (const [name, prop] of Object.entries(props)) {
    if (v[name] === undefined) continue
    merge(res, validateNode(prop, v[name], path ? `${path}.${name}` : name))
  }
  for (const k of s.required ?? []) {
    if (v[k] === undefined) addErrors(res, msg.required(`${path}.${k}`))
  }
  return res
}

function schemaPropsValidate(s: JSONSchemaProps, data: unknown, path: string): Result {
  const main = newResult()
  const anyOf = anyOfOf(s)
  if (anyOf && anyOf.length > 0) {
    let best: Result | undefined
    let firstSuccess: Result | undefined
    for (const sub of anyOf) {
      const r = validateNode(sub, data, path)
      if (r.errors.length === 0) {
        best = undefined
        firstSuccess = r
        break
      }
      if (!best || r.matchCount > best.matchCount) best = r
    }
    if (!firstSuccess) addErrors(main, msg.anyOf(path))
    merge(main, best ?? firstSuccess)
  }
  if (s.oneOf && s.oneOf.length > 0) {
    let best: Result | undefined
    let firstSuccess: Result | undefined
    let validated = 0
    for (const sub of s.oneOf) {
      const r = validateNode(sub, data, path)
      if (r.errors.length === 0) {
        validated++
        best = undefined
        firstSuccess ??= r
        continue
      }
      if (validated === 0 && (!best || r.matchCount > best.matchCount)) best = r
    }
    if (validated !== 1) {
      const more = validated === 0 ? 'Found none valid' : `Found ${validated} valid alternatives`
      addErrors(main, msg.oneOf(path, more))
      merge(main, best)
    } else {
      merge(main, firstSuccess)
    }
  }
  if (s.allOf && s.allOf.length > 0) {
    let validated = 0
    for (const sub of s.allOf) {
      const r = validateNode(sub, data, path)
      if (r.errors.length === 0) validated++
      merge(main, r)
    }
    if (validated !== s.allOf.length) {
      addErrors(main, msg.allOf(path, validated === 0 ? '. None validated' : ''))
    }
  }
  if (s.not && validateNode(s.not, data, path).errors.length === 0) {
    addErrors(main, msg.not(path))
  }
  main.matchCount++
  return main
}

/** validateNode is kube-openapi's SchemaValidator.Validate: every applicable check, in its order. */
function validateNode(s: JSONSchemaProps, data: unknown, path: string): Result {
  const result = newResult()
  const kind = kindOf(data)
  if (kind === 'null') {
    if (s.type || s.format) merge(result, typeValidate(s, data, path))
    return merge(result, enumValidate(s, data, path))
  }
  const run = (r: Result | undefined) => {
    merge(result, r)
    result.matchCount++
  }
  if (s.type || s.format) run(typeValidate(s, data, path))
  run(schemaPropsValidate(s, data, path))
  if (kind === 'string') {
    run(stringValidate(s, data as string, path))
    const check = formatChecker(s.format)
    if (check)
      run(check(data as string) ? undefined : single(msg.type(path, s.format!, data as string)))
  }
  if (kind === 'number') run(numberValidate(s, data as number, path))
  if (kind === 'array') run(sliceValidate(s, data as unknown[], path))
  run(enumValidate(s, data, path))
  if (kind === 'object') run(objectValidate(s, data as Record<string, unknown>, path))
  result.matchCount++
  return result
}

/**
 * schemaErrors returns kube-openapi's error texts for `value` against `schema`, e.g.
 * `spec.targetRef.name in body must be of type string: "number"`. `path` names the value
 * ("" for a whole resource, whose properties are then addressed without a leading dot).
 */
export function schemaErrors(value: unknown, schema: JSONSchemaProps, path: string): string[] {
  return validateNode(schema, value, path).errors
}

/**
 * toViolation splits one kube-openapi error as Kuma's toValidationError does: a first word
 * starting with `spec.` is the field, anything else stays whole in the message with field "".
 */
export function toViolation(error: string): { field: string; message: string } {
  const parts = error.split(' ')
  if (parts.length > 1 && parts[0].startsWith('spec.')) {
    return { field: parts[0], message: parts.slice(1).join(' ') }
  }
  return { field: '', message: error }
}

/**
 * validateSchema checks `value` against a structural schema and reports every violation as
 * Kuma's REST API does (`spec.targetRef.name`: `in body must be of type string: "number"`;
 * outside `spec.`, field "" and the whole text as message). Run applyDefaults first, as Kuma does.
 */
export function validateSchema(
  value: unknown,
  schema: JSONSchemaProps,
  path: string,
): ValidationError {
  const err = new ValidationError()
  for (const e of schemaErrors(value, schema, path)) {
    const v = toViolation(e)
    err.addViolation(v.field, v.message)
  }
  return err
}
