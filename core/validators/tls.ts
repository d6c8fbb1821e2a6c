/** @module Kuma's common TLS version rule (`api/common/v1alpha1/tls` ValidateVersion), for MeshTLS and MeshExternalService. */
import { isDefined } from './json'
import { mustBeOneOf } from './messages'
import { ValidationError } from './validation-error'

/** TLS_VERSIONS in Kuma's enum order. */
export const TLS_VERSIONS = ['TLSAuto', 'TLS10', 'TLS11', 'TLS12', 'TLS13'] as const

const versionOrder: Record<string, number> = { TLS10: 0, TLS11: 1, TLS12: 2, TLS13: 3 }

/** validateTlsVersion is tls.ValidateVersion: known versions, and min not above max. */
export function validateTlsVersion(version: { min?: unknown; max?: unknown }): ValidationError {
  const err = new ValidationError()
  const known: readonly unknown[] = TLS_VERSIONS
  let specificMin = false
  let specificMax = false
  if (isDefined(version.min)) {
    if (!known.includes(version.min)) err.addViolation('min', mustBeOneOf('min', ...TLS_VERSIONS))
    else specificMin = version.min !== 'TLSAuto'
  }
  if (isDefined(version.max)) {
    if (!known.includes(version.max)) err.addViolation('max', mustBeOneOf('max', ...TLS_VERSIONS))
    else specificMax = version.max !== 'TLSAuto'
  }
  if (
    specificMin &&
    specificMax &&
    versionOrder[version.min as string] > versionOrder[version.max as string]
  ) {
    err.addViolation('min', 'min version must be lower than max')
  }
  return err
}
