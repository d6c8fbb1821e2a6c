/** @module Kuma's shared validators for proto-defined kinds (`pkg/core/resources/apis/mesh/validators.go`). */
import { PathBuilder, ValidationError } from '../../../validators/validation-error'

export const SERVICE_TAG = 'kuma.io/service'
export const PROTOCOL_TAG = 'kuma.io/protocol'
export const ZONE_TAG = 'kuma.io/zone'
export const EXTERNAL_SERVICE_TAG = 'kuma.io/external-service-name'

const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?'
export const DOMAIN_REGEXP = new RegExp(`^${DNS_LABEL}(\\.${DNS_LABEL})*$`)
const TAG_NAME_CHARS = /^[a-zA-Z0-9.\-_:/]*$/
const TAG_VALUE_CHARS = /^[a-zA-Z0-9.\-_:]*$/
const SELECTOR_CHARS = /^([a-zA-Z0-9.\-_:/]*|\*)$/

export type Tags = Record<string, string> | undefined
export type TagsValidator = (path: PathBuilder, tags: Record<string, string>) => ValidationError
export type TagKeyValidator = (path: PathBuilder, key: string) => ValidationError
export type TagValueValidator = (path: PathBuilder, key: string, value: string) => ValidationError

/** ValidateTagsOpts mirrors Kuma's option struct of the same name. */
export interface ValidateTagsOpts {
  requireAtLeastOneTag?: boolean
  requireService?: boolean
  forbidService?: boolean
  extraTagsValidators?: TagsValidator[]
  extraTagKeyValidators?: TagKeyValidator[]
  extraTagValueValidators?: TagValueValidator[]
}

/** validateTags checks tag names and values (values without `*`). */
export function validateTags(
  path: PathBuilder,
  tags: Tags,
  opts: ValidateTagsOpts = {},
): ValidationError {
  const valueChars: TagValueValidator = (p, key, value) => {
    const err = new ValidationError()
    if (!TAG_VALUE_CHARS.test(value)) {
      err.addViolation(
        p.key(key),
        'tag value must consist of alphanumeric characters, dots, dashes and underscores',
      )
    }
    return err
  }
  return validateTagKeyValues(path, tags ?? {}, {
    ...opts,
    extraTagValueValidators: [valueChars, ...(opts.extraTagValueValidators ?? [])],
  })
}

/** validateSelector checks a tag selector (values may be `*`). */
export function validateSelector(
  path: PathBuilder,
  tags: Tags,
  opts: ValidateTagsOpts = {},
): ValidationError {
  const valueChars: TagValueValidator = (p, key, value) => {
    const err = new ValidationError()
    if (!SELECTOR_CHARS.test(value)) {
      err.addViolation(
        p.key(key),
        'tag value must consist of alphanumeric characters, dots, dashes, slashes and underscores or be "*"',
      )
    }
    return err
  }
  return validateTagKeyValues(path, tags ?? {}, {
    ...opts,
    extraTagValueValidators: [valueChars, ...(opts.extraTagValueValidators ?? [])],
  })
}

function validateTagKeyValues(
  path: PathBuilder,
  tags: Record<string, string>,
  opts: ValidateTagsOpts,
): ValidationError {
  const err = new ValidationError()
  if (opts.requireAtLeastOneTag && Object.keys(tags).length === 0) {
    err.addViolation(path, 'must have at least one tag')
  }
  for (const validate of opts.extraTagsValidators ?? []) err.add(validate(path, tags))
  for (const key of Object.keys(tags).sort()) {
    if (key === '') err.addViolation(path, 'tag name must be non-empty')
    if (!TAG_NAME_CHARS.test(key)) {
      err.addViolation(
        path.key(key),
        'tag name must consist of alphanumeric characters, dots, dashes, slashes and underscores',
      )
    }
    for (const validate of opts.extraTagKeyValidators ?? []) err.add(validate(path, key))
    const value = tags[key] ?? ''
    if (value === '') err.addViolation(path.key(key), 'tag value must be non-empty')
    for (const validate of opts.extraTagValueValidators ?? []) err.add(validate(path, key, value))
  }
  const defined = Object.hasOwn(tags, SERVICE_TAG)
  if (opts.forbidService && defined) err.addViolation(path, `"${SERVICE_TAG}" must not be defined`)
  if (opts.requireService && !defined)
    err.addViolation(path, `mandatory tag "${SERVICE_TAG}" is missing`)
  return err
}

/** selectorKeyNotInSet rejects the given tag names (Kuma SelectorKeyNotInSet). */
export function selectorKeyNotInSet(...names: string[]): TagKeyValidator {
  return (path, key) => {
    const err = new ValidationError()
    if (names.includes(key)) err.addViolation(path.key(key), `tag name must not be "${key}"`)
    return err
  }
}

export interface Selector {
  match?: Record<string, string>
}

export interface ValidateSelectorsOpts extends ValidateTagsOpts {
  requireAtMostOneSelector?: boolean
  requireAtLeastOneSelector?: boolean
}

/** validateSelectors checks a list of `{ match: tags }` selectors. */
export function validateSelectors(
  path: PathBuilder,
  selectors: Selector[] | undefined,
  opts: ValidateSelectorsOpts,
): ValidationError {
  const err = new ValidationError()
  const list = selectors ?? []
  if (opts.requireAtLeastOneSelector && list.length === 0) {
    err.addViolation(path, 'must have at least one element')
  }
  list.forEach((selector, i) => {
    err.add(validateSelector(path.index(i).field('match'), selector.match, opts))
    if (i > 0 && opts.requireAtMostOneSelector) {
      err.addViolation(path.index(i), 'there can be at most one selector')
    }
  })
  return err
}

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
    if (!DOMAIN_REGEXP.test(hostname.slice(2))) err.addViolation(path, 'invalid wildcard domain')
    return err
  }
  if (!DOMAIN_REGEXP.test(hostname)) err.addViolation(path, 'invalid hostname')
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

const IDENTIFIER = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const IDENTIFIER_MSG =
  "invalid characters. A lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"

/** validateIdentifier checks a resource name as Kuma's meta validator does (violation at the root). */
export function validateIdentifier(identifier: string): ValidationError {
  const err = new ValidationError()
  if (identifier === '') err.addViolation('', 'cannot be empty')
  else if (identifier.length > 253) err.addViolation('', 'value length must less or equal 253')
  else if (!IDENTIFIER.test(identifier)) err.addViolation('', IDENTIFIER_MSG)
  return err
}

/** violationAt builds a one-violation error (handy in validators). */
export function violation(path: PathBuilder | string, message: string): ValidationError {
  return new ValidationError().addViolation(path, message)
}
