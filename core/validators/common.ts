/** @module Kuma's shared value validators (`pkg/core/validators/common_validators.go`), with its paths and messages. */
import { parseDuration } from './duration'
import { isFilePath } from './formats'
import { isDefined } from './json'
import {
  HAS_TO_BE_GREATER_THAN_ZERO,
  INVALID_PORT,
  MUST_BE_DEFINED,
  PERCENTAGE_RANGE,
  STRING_HAS_TO_BE_VALID_NUMBER,
  UINT_PERCENTAGE_RANGE,
  WHEN_DEFINED_HAS_TO_BE_GREATER_THAN_ZERO,
  WHEN_DEFINED_HAS_TO_BE_NON_NEGATIVE,
} from './messages'
import { byteLength } from './names'
import { type PathBuilder, ValidationError } from './validation-error'

/** durationGreaterThanZeroOrNil is Kuma's ValidateDurationGreaterThanZeroOrNil. */
export function durationGreaterThanZeroOrNil(path: PathBuilder, v: unknown): ValidationError {
  const err = new ValidationError()
  if (typeof v !== 'string') return err
  const d = parseDuration(v)
  if (d !== undefined && d <= 0) err.addViolation(path, WHEN_DEFINED_HAS_TO_BE_GREATER_THAN_ZERO)
  return err
}

/** durationNotNegative is Kuma's ValidateDurationNotNegative: the duration is required. */
export function durationNotNegative(path: PathBuilder, v: unknown): ValidationError {
  const err = new ValidationError()
  if (typeof v !== 'string') return err.addViolation(path, MUST_BE_DEFINED)
  return durationNotNegativeOrNil(path, v)
}

/** durationNotNegativeOrNil is Kuma's ValidateDurationNotNegativeOrNil. */
export function durationNotNegativeOrNil(path: PathBuilder, v: unknown): ValidationError {
  const err = new ValidationError()
  const d = typeof v === 'string' ? parseDuration(v) : undefined
  if (d !== undefined && d < 0) err.addViolation(path, WHEN_DEFINED_HAS_TO_BE_NON_NEGATIVE)
  return err
}

/** valueGreaterThanZeroOrNil is Kuma's ValidateValueGreaterThanZeroOrNil. */
export function valueGreaterThanZeroOrNil(path: PathBuilder, v: unknown): ValidationError {
  const err = new ValidationError()
  if (typeof v === 'number' && v <= 0)
    err.addViolation(path, WHEN_DEFINED_HAS_TO_BE_GREATER_THAN_ZERO)
  return err
}

/** integerGreaterThanZeroOrNil is Kuma's ValidateIntegerGreaterThanZeroOrNil (uint32). */
export function integerGreaterThanZeroOrNil(path: PathBuilder, v: unknown): ValidationError {
  const err = new ValidationError()
  if (typeof v === 'number' && v <= 0) err.addViolation(path, HAS_TO_BE_GREATER_THAN_ZERO)
  return err
}

/** intPercentageOrNil is Kuma's ValidateIntPercentageOrNil. */
export function intPercentageOrNil(path: PathBuilder, v: unknown): ValidationError {
  const err = new ValidationError()
  if (typeof v === 'number' && (v < 0 || v > 100)) err.addViolation(path, UINT_PERCENTAGE_RANGE)
  return err
}

/** uint32PercentageOrNil is Kuma's ValidateUInt32PercentageOrNil. */
export function uint32PercentageOrNil(path: PathBuilder, v: unknown): ValidationError {
  const err = new ValidationError()
  if (typeof v === 'number' && v > 100) err.addViolation(path, UINT_PERCENTAGE_RANGE)
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
  if (d === undefined) return err.addViolation(path, STRING_HAS_TO_BE_VALID_NUMBER)
  if (d < 0 || d > 100) err.addViolation(path, PERCENTAGE_RANGE)
  else if (opts.required && opts.allow0 === false && d === 0) {
    err.addViolation(path, HAS_TO_BE_GREATER_THAN_ZERO)
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
  if (typeof v === 'string' && !isFilePath(v)) {
    err.addViolation(path, 'must be a valid path when defined')
  }
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

/** mustBeNil is Kuma's ValidateNil: the field must be absent, with `msg` as the reason. */
export function mustBeNil(path: PathBuilder, v: unknown, msg: string): ValidationError {
  const err = new ValidationError()
  if (isDefined(v)) err.addViolation(path, msg)
  return err
}

/** validatePort is Kuma's validators.ValidatePort: a TCP/UDP port in [1, 65535]. */
export function validatePort(path: PathBuilder, port: unknown): ValidationError {
  const p = typeof port === 'number' ? port : 0
  const err = new ValidationError()
  if (p <= 0 || p > 65535) err.addViolation(path, INVALID_PORT)
  return err
}

/** validateLength is Kuma's ValidateLength: at most `max` bytes, as Go's len counts them. */
export function validateLength(
  path: PathBuilder | string,
  max: number,
  v: string,
): ValidationError {
  const err = new ValidationError()
  if (byteLength(v) > max) {
    err.addViolation(path, `must not be longer than ${max} characters`)
  }
  return err
}
