/** @module Kuma's tag and selector rules (`mesh.ValidateTags`, `mesh.ValidateSelector` in `pkg/core/resources/apis/mesh/validators.go`), shared by proto kinds and targetRefs. */
import { PathBuilder, ValidationError } from './validation-error'

export const SERVICE_TAG = 'kuma.io/service'
export const PROTOCOL_TAG = 'kuma.io/protocol'
export const ZONE_TAG = 'kuma.io/zone'
export const EXTERNAL_SERVICE_TAG = 'kuma.io/external-service-name'

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

/** valueChars is a TagValueValidator: each value must match `chars`. */
function valueChars(chars: RegExp, message: string): TagValueValidator {
  return (path, key, value) => {
    const err = new ValidationError()
    if (!chars.test(value)) err.addViolation(path.key(key), message)
    return err
  }
}

const tagValueChars = valueChars(
  TAG_VALUE_CHARS,
  'tag value must consist of alphanumeric characters, dots, dashes and underscores',
)
const selectorValueChars = valueChars(
  SELECTOR_CHARS,
  'tag value must consist of alphanumeric characters, dots, dashes, slashes and underscores or be "*"',
)

/** validateTags checks tag names and values (values without `*`). */
export function validateTags(
  path: PathBuilder,
  tags: Tags,
  opts: ValidateTagsOpts = {},
): ValidationError {
  return validateTagKeyValues(path, tags ?? {}, {
    ...opts,
    extraTagValueValidators: [tagValueChars, ...(opts.extraTagValueValidators ?? [])],
  })
}

/** validateSelector checks a tag selector (values may be `*`). */
export function validateSelector(
  path: PathBuilder,
  tags: Tags,
  opts: ValidateTagsOpts = {},
): ValidationError {
  return validateTagKeyValues(path, tags ?? {}, {
    ...opts,
    extraTagValueValidators: [selectorValueChars, ...(opts.extraTagValueValidators ?? [])],
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
