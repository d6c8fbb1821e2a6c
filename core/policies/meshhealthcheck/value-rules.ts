/**
 * @module Kuma's shared value rules (`pkg/core/validators/common_validators.go` and messages),
 * used by the validators of this folder and five sibling policies. Candidate for `core/validators/`.
 */
import { type PathBuilder, ValidationError } from '../../validators/validation-error'

export type Obj = Record<string, unknown>

export const MUST_BE_DEFINED = 'must be defined'
export const MUST_NOT_BE_DEFINED = 'must not be defined'
export const PERCENTAGE_RANGE = 'must be in inclusive range [0.0, 100.0]'
export const UINT_PERCENTAGE_RANGE = 'must be in inclusive range [0, 100]'
const GREATER_THAN_ZERO_WHEN_DEFINED = 'must be greater than zero when defined'

/** asObj returns `v` when it is a plain object. */
export const asObj = (v: unknown): Obj | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined
export const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
export const str = (v: unknown): string => (typeof v === 'string' ? v : '')

export const mustHaveAtLeastOne = (...names: string[]) =>
  `must have at least one defined: ${names.join(', ')}`
export const mustHaveOnlyOne = (entity: string, ...names: string[]) =>
  `${entity} must have only one type defined: ${names.join(', ')}`

const UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
}

/** parseDuration is Go's time.ParseDuration in nanoseconds; undefined when Go would fail. */
export function parseDuration(s: string): number | undefined {
  const m = /^([-+]?)(.*)$/.exec(s)!
  let rest = m[2]
  if (rest === '0') return 0
  if (rest === '') return undefined
  let total = 0
  while (rest !== '') {
    const part = /^(\d*)(?:\.(\d*))?([^\d.]+)/.exec(rest)
    if (!part || (part[1] === '' && (part[2] ?? '') === '')) return undefined
    const unit = UNITS[part[3]]
    if (unit === undefined) return undefined
    total += Number(`${part[1] || '0'}.${part[2] || '0'}`) * unit
    rest = rest.slice(part[0].length)
  }
  return m[1] === '-' ? -total : total
}

/** validateDurationGreaterThanZeroOrNil: absent is fine, zero or negative is not. */
export function durationGreaterThanZeroOrNil(path: PathBuilder, v: unknown): ValidationError {
  const err = new ValidationError()
  if (typeof v !== 'string') return err
  const d = parseDuration(v)
  if (d !== undefined && d <= 0) err.addViolation(path, GREATER_THAN_ZERO_WHEN_DEFINED)
  return err
}

/** durationNotNegative: Kuma's ValidateDurationNotNegative (required). */
export function durationNotNegative(path: PathBuilder, v: unknown): ValidationError {
  const err = new ValidationError()
  if (typeof v !== 'string') return err.addViolation(path, MUST_BE_DEFINED)
  const d = parseDuration(v)
  if (d !== undefined && d < 0) err.addViolation(path, 'must not be negative when defined')
  return err
}

/** valueGreaterThanZeroOrNil is Kuma's ValidateValueGreaterThanZeroOrNil. */
export function valueGreaterThanZeroOrNil(path: PathBuilder, v: unknown): ValidationError {
  const err = new ValidationError()
  if (typeof v === 'number' && v <= 0) err.addViolation(path, GREATER_THAN_ZERO_WHEN_DEFINED)
  return err
}

/** intPercentageOrNil is Kuma's ValidateIntPercentageOrNil. */
export function intPercentageOrNil(path: PathBuilder, v: unknown): ValidationError {
  const err = new ValidationError()
  if (typeof v === 'number' && (v < 0 || v > 100)) err.addViolation(path, UINT_PERCENTAGE_RANGE)
  return err
}

/** decimal parses an IntOrString like shopspring's decimal.NewFromString; undefined if invalid. */
export function decimal(v: unknown): number | undefined {
  if (typeof v === 'number') return v
  if (typeof v !== 'string') return undefined
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v) ? Number(v) : undefined
}

/** percentage is Kuma's ValidatePercentage (required) or ValidatePercentageOrNil. */
export function percentage(
  path: PathBuilder,
  v: unknown,
  opts: { required: boolean; allow0?: boolean },
): ValidationError {
  const err = new ValidationError()
  if (v === undefined || v === null) {
    return opts.required ? err.addViolation(path, MUST_BE_DEFINED) : err
  }
  const d = decimal(v)
  if (d === undefined) return err.addViolation(path, 'string must be a valid number')
  if (d < 0 || d > 100) err.addViolation(path, PERCENTAGE_RANGE)
  else if (opts.required && opts.allow0 === false && d === 0) {
    err.addViolation(path, 'must be greater than 0')
  }
  return err
}

/** statusCode is Kuma's ValidateStatusCode: [100, 599]; a missing code counts as 0. */
export function statusCode(path: PathBuilder, v: unknown): ValidationError {
  const err = new ValidationError()
  const n = typeof v === 'number' ? v : 0
  if (n < 100 || n >= 600) err.addViolation(path, 'must be in inclusive range [100, 599]')
  return err
}

/** pathOrNil is Kuma's ValidatePathOrNil (govalidator.IsFilePath: Windows or Unix path). */
export function pathOrNil(path: PathBuilder, v: unknown): ValidationError {
  const err = new ValidationError()
  if (typeof v !== 'string') return err
  const win = /^[a-zA-Z]:\\(?:[^\\/:*?"<>|\r\n]+\\)*[^\\/:*?"<>|\r\n]*$/
  const unix = /^(\/[^/\x00]*)+\/?$/
  if (!win.test(v) && !unix.test(v)) err.addViolation(path, 'must be a valid path when defined')
  return err
}

/** bandwidth is Kuma's ValidateBandwidth. */
export function bandwidth(path: PathBuilder, v: unknown): ValidationError {
  const err = new ValidationError()
  const s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : ''
  if (s === '') return err.addViolation(path, MUST_BE_DEFINED)
  if (!/^(\d*)\s?([GMk]+bps)$/.test(s)) err.addViolation(path, 'must be in kbps/Mbps/Gbps units')
  return err
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

/** isDNS1123Subdomain is k8s validation.IsDNS1123Subdomain: the list of problems. */
export function isDNS1123Subdomain(v: string): string[] {
  const problems: string[] = []
  if (v.length > 253) problems.push('must be no more than 253 characters')
  if (!DNS1123_SUBDOMAIN.test(v)) {
    problems.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    )
  }
  return problems
}
