/** @module Kuma's shared validators for proto-defined kinds (`pkg/core/resources/apis/mesh/validators.go`). */
import { DNS1123_SUBDOMAIN } from '../../../validators/names'
import { type PathBuilder, ValidationError } from '../../../validators/validation-error'

/** validatePort checks a TCP/UDP port number. */
export function validatePort(path: PathBuilder, port: number | undefined): ValidationError {
  const err = new ValidationError()
  const p = port ?? 0
  if (p === 0 || p > 65535) err.addViolation(path, 'port must be in the range [1, 65535]')
  return err
}

/** validateDuration checks a set Duration is valid and positive (nanoseconds). */
export function validateDuration(path: PathBuilder, nanos: bigint | undefined): ValidationError {
  const err = new ValidationError()
  if (nanos === undefined || nanos === 0n) err.addViolation(path, 'must have a positive value')
  return err
}

export function validateThreshold(
  path: PathBuilder,
  threshold: number | undefined,
): ValidationError {
  const err = new ValidationError()
  if (!threshold) err.addViolation(path, 'must have a positive value')
  return err
}

/** validateHostname accepts `*`, `*.domain.name` and `domain.name`. */
export function validateHostname(path: PathBuilder, hostname: string): ValidationError {
  const err = new ValidationError()
  if (hostname === '*') return err
  if (hostname.length > 253) err.addViolation(path, 'must be at most 253 characters')
  if (hostname.startsWith('*.')) {
    if (!DNS1123_SUBDOMAIN.test(hostname.slice(2)))
      err.addViolation(path, 'invalid wildcard domain')
    return err
  }
  if (!DNS1123_SUBDOMAIN.test(hostname)) err.addViolation(path, 'invalid hostname')
  return err
}

export function allowedValuesHint(...values: string[]): string {
  return `Allowed values: ${values.length === 0 ? '(none)' : values.join(', ')}`
}

/** SUPPORTED_PROTOCOLS is the list Kuma shows users (core_meta.SupportedProtocols). */
export const SUPPORTED_PROTOCOLS = ['grpc', 'http', 'http2', 'kafka', 'tcp']
const KNOWN_PROTOCOLS = ['http', 'http2', 'tcp', 'tls', 'grpc', 'kafka', 'mysql']

/** parseProtocol lower-cases a protocol name, `<unknown>` when Kuma does not know it. */
export function parseProtocol(protocol: string): string {
  const p = protocol.toLowerCase()
  return KNOWN_PROTOCOLS.includes(p) ? p : '<unknown>'
}

const IDENTIFIER_MSG =
  "invalid characters. A lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"

/** validateIdentifier checks a resource name as Kuma's meta validator does (violation at the root). */
export function validateIdentifier(identifier: string): ValidationError {
  const err = new ValidationError()
  if (identifier === '') err.addViolation('', 'cannot be empty')
  else if (identifier.length > 253) err.addViolation('', 'value length must less or equal 253')
  else if (!DNS1123_SUBDOMAIN.test(identifier)) err.addViolation('', IDENTIFIER_MSG)
  return err
}
