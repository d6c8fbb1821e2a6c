/** @module Kuma's shared violation messages (`pkg/core/validators/messages.go`). */
import { ValidationError } from './validation-error'

export const MUST_BE_DEFINED = 'must be defined'
export const MUST_NOT_BE_DEFINED = 'must not be defined'
export const MUST_NOT_BE_EMPTY = 'must not be empty'
export const HAS_TO_BE_GREATER_THAN_ZERO = 'must be greater than 0'
export const MUST_BE_DEFINED_AND_GREATER_THAN_ZERO = 'must be defined and greater than zero'
export const WHEN_DEFINED_HAS_TO_BE_NON_NEGATIVE = 'must not be negative when defined'
export const WHEN_DEFINED_HAS_TO_BE_GREATER_THAN_ZERO = 'must be greater than zero when defined'
export const PERCENTAGE_RANGE = 'must be in inclusive range [0.0, 100.0]'
export const UINT_PERCENTAGE_RANGE = 'must be in inclusive range [0, 100]'
export const STRING_HAS_TO_BE_VALID_NUMBER = 'string must be a valid number'
export const INVALID_PORT = 'port must be a valid (1-65535)'

/** mustBeOneOf is Kuma's MustBeOneOf plus MakeFieldMustBeOneOfErr's text: `"mode" must be one of ["A", "B"]`. */
export function mustBeOneOf(field: string, ...allowed: string[]): string {
  return `${JSON.stringify(field)} must be one of [${allowed.map((a) => JSON.stringify(a)).join(', ')}]`
}

/** mustHaveOnlyOne is Kuma's MustHaveOnlyOne. */
export function mustHaveOnlyOne(entity: string, ...allowed: string[]): string {
  return `${entity} must have only one type defined: ${allowed.join(', ')}`
}

/** mustHaveExactlyOneOf is Kuma's MustHaveExactlyOneOf. */
export function mustHaveExactlyOneOf(entity: string, ...allowed: string[]): string {
  return `${entity} must have exactly one defined: ${allowed.join(', ')}`
}

/** mustHaveAtLeastOne is Kuma's MustHaveAtLeastOne. */
export function mustHaveAtLeastOne(...allowed: string[]): string {
  return `must have at least one defined: ${allowed.join(', ')}`
}

/** fieldMustBeOneOf is Kuma's MakeFieldMustBeOneOfErr: the violation sits at the root. */
export function fieldMustBeOneOf(field: string, ...allowed: string[]): ValidationError {
  return new ValidationError().addViolation('', mustBeOneOf(field, ...allowed))
}

/** oneOfErr is Kuma's MakeOneOfErr with a second field: `"from" is allowed only when "op" is one of [...]`. */
export function oneOfErr(
  fieldA: string,
  fieldB: string,
  msg: string,
  allowed: string[],
): ValidationError {
  const quoted = allowed.map((a) => JSON.stringify(a)).join(', ')
  return new ValidationError().addViolation(
    '',
    `${JSON.stringify(fieldA)} ${msg} when ${JSON.stringify(fieldB)} is one of [${quoted}]`,
  )
}
