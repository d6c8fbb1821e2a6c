/** @module Kuma's backend reference rules (`ValidateBackendRef`, `ValidateBackendResourceRef`, `ValidateOtelBackendRefOrEndpoint`, `ValidateOtelAttributeName` in `pkg/core/validators`). */
import { asObj, isNonEmpty } from './json'
import {
  MUST_BE_DEFINED,
  fieldMustBeOneOf,
  mustHaveExactlyOneOf,
  mustHaveOnlyOne,
} from './messages'
import { type PathBuilder, ValidationError } from './validation-error'

/** validateBackendRef is Kuma's ValidateBackendRef: a MeshMultiZoneService backend needs a port. */
export function validateBackendRef(value: unknown): ValidationError {
  const err = new ValidationError()
  const ref = asObj(value) ?? {}
  if (ref.kind === 'MeshMultiZoneService' && ref.port === undefined) {
    err.addViolation('port', `${MUST_BE_DEFINED} with kind MeshMultiZoneService`)
  }
  return err
}

/** BackendResourceRef is common_api.BackendResourceRef. */
export interface BackendResourceRef {
  kind?: string
  labels?: Record<string, string>
}

/** validateBackendResourceRef is Kuma's ValidateBackendResourceRef. */
export function validateBackendResourceRef(ref: BackendResourceRef): ValidationError {
  const err = new ValidationError()
  if (ref.kind !== 'MeshOpenTelemetryBackend') {
    err.addErrorAt('kind', fieldMustBeOneOf('kind', 'MeshOpenTelemetryBackend'))
  }
  if (!isNonEmpty(ref.labels)) err.addViolation('', mustHaveExactlyOneOf('backendRef', 'labels'))
  return err
}

/**
 * validateOtelBackendRefOrEndpoint is Kuma's ValidateOtelBackendRefOrEndpoint: exactly one of
 * endpoint (host:port, not a URL) or backendRef; paths relative to `openTelemetry`.
 */
export function validateOtelBackendRefOrEndpoint(
  endpoint: string | undefined,
  backendRef: BackendResourceRef | undefined,
  ...extraEndpointValidators: ((endpoint: string) => ValidationError)[]
): ValidationError {
  const err = new ValidationError()
  const ep = endpoint ?? ''
  if (ep !== '' && backendRef) {
    return err.addViolation('', mustHaveOnlyOne('openTelemetry', 'endpoint', 'backendRef'))
  }
  if (ep === '' && !backendRef) {
    return err.addViolation('', mustHaveExactlyOneOf('openTelemetry', 'endpoint', 'backendRef'))
  }
  if (backendRef) err.addErrorAt('backendRef', validateBackendResourceRef(backendRef))
  else if (/[/?#]/.test(ep)) err.addViolation('endpoint', 'must be in host:port format, not a URL')
  else for (const v of extraEndpointValidators) err.add(v(ep))
  return err
}

export const MUST_BE_STATIC_OTEL_ATTRIBUTE_NAME =
  'must be a static OpenTelemetry attribute name; placeholders are only supported in values'
export const MUST_NOT_USE_RESERVED_OTEL_PREFIX =
  "must not use the reserved OpenTelemetry prefix 'otel.'"
export const MUST_MATCH_OTEL_ATTRIBUTE_NAME_FORMAT =
  "must start with a lowercase letter, use only lowercase letters, digits, '.' or '_', avoid consecutive delimiters, and end with a letter or digit"

/** validateOtelAttributeName is Kuma's ValidateOtelAttributeName. */
export function validateOtelAttributeName(path: PathBuilder, value: string): ValidationError {
  const err = new ValidationError()
  if (value === '') return err.addViolation(path, MUST_BE_DEFINED)
  if (value.includes('%')) return err.addViolation(path, MUST_BE_STATIC_OTEL_ATTRIBUTE_NAME)
  if (value.startsWith('otel.')) return err.addViolation(path, MUST_NOT_USE_RESERVED_OTEL_PREFIX)
  if (!/^[a-z](?:[a-z0-9]|[._][a-z0-9])*$/.test(value)) {
    err.addViolation(path, MUST_MATCH_OTEL_ATTRIBUTE_NAME_FORMAT)
  }
  return err
}
