/**
 * @module Kuma's validators shared by policy kinds (`mesh.ValidateTargetRef`, `mesh.ValidateMatch`,
 * `validators.ValidateOtelBackendRefOrEndpoint`, ...), with Kuma's paths and messages. Kept beside
 * MeshAccessLog until hoisted to `core/policies/common/`.
 */
import type { TargetRef, TargetRefKind } from '../common/targetref'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import { dns1123SubdomainErrors, spiffeIDError } from './go-checks'

export const MUST_BE_DEFINED = 'must be defined'
export const MUST_NOT_BE_DEFINED = 'must not be defined'
export const MUST_NOT_BE_EMPTY = 'must not be empty'

export function mustHaveOnlyOne(entity: string, ...allowed: string[]): string {
  return `${entity} must have only one type defined: ${allowed.join(', ')}`
}

export function mustHaveExactlyOneOf(entity: string, ...allowed: string[]): string {
  return `${entity} must have exactly one defined: ${allowed.join(', ')}`
}

/** fieldMustBeOneOf is Kuma's MakeFieldMustBeOneOfErr: `"mode" must be one of ["A", "B"]` at the root. */
export function fieldMustBeOneOf(field: string, ...allowed: string[]): ValidationError {
  const quoted = allowed.map((a) => JSON.stringify(a)).join(', ')
  return new ValidationError().addViolation(
    '',
    `${JSON.stringify(field)} must be one of [${quoted}]`,
  )
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

/** validatePort is `validators.ValidatePort`: a TCP/UDP port in [1, 65535]. */
export function validatePort(path: PathBuilder, port: unknown): ValidationError {
  const p = typeof port === 'number' ? port : 0
  const err = new ValidationError()
  if (p <= 0 || p > 65535) err.addViolation(path, 'port must be a valid (1-65535)')
  return err
}

/** policyRole is Kuma's model.PolicyRole: the `kuma.io/policy-role` label, `system` when unset. */
export function policyRole(labels: Record<string, string> | undefined): string {
  return labels?.['kuma.io/policy-role'] || 'system'
}

/** affectsInbounds is Kuma's inbound.AffectsInbounds: the policy has rules or a from list. */
export function affectsInbounds(spec: { rules?: unknown[]; from?: unknown[] }): boolean {
  return (spec.rules?.length ?? 0) > 0 || (spec.from?.length ?? 0) > 0
}

export interface ValidateTargetRefOpts {
  supportedKinds: TargetRefKind[]
  supportedKindsError?: string
  gatewayListenerTagsAllowed?: boolean
  allowedInvalidNames?: string[]
  isInboundPolicy?: boolean
}

const nameCharacterSet = /^[0-9a-z.\-_]*$/
const tagNameCharacterSet = /^[a-zA-Z0-9.\-_:/]*$/
const tagValueCharacterSet = /^[a-zA-Z0-9.\-_:]*$/
const selectorCharacterSet = /^([a-zA-Z0-9.\-_:/]*|\*)$/

function isSet(v: unknown): boolean {
  if (typeof v === 'string') return v !== ''
  if (Array.isArray(v)) return v.length > 0
  if (v && typeof v === 'object') return Object.keys(v).length > 0
  return false
}

function validateTagKeyValues(
  path: PathBuilder,
  tags: Record<string, string>,
  valueCheck: RegExp,
  valueMessage: string,
): ValidationError {
  const err = new ValidationError()
  for (const key of Object.keys(tags).sort()) {
    if (key === '') err.addViolation(path, 'tag name must be non-empty')
    if (!tagNameCharacterSet.test(key)) {
      err.addViolation(
        path.key(key),
        'tag name must consist of alphanumeric characters, dots, dashes, slashes and underscores',
      )
    }
    const value = tags[key]
    if (value === '') err.addViolation(path.key(key), 'tag value must be non-empty')
    if (!valueCheck.test(value)) err.addViolation(path.key(key), valueMessage)
  }
  return err
}

/** validateTags is Kuma's mesh.ValidateTags with default options. */
export function validateTags(path: PathBuilder, tags: Record<string, string>): ValidationError {
  return validateTagKeyValues(
    path,
    tags,
    tagValueCharacterSet,
    'tag value must consist of alphanumeric characters, dots, dashes and underscores',
  )
}

/** validateSelector is Kuma's mesh.ValidateSelector with default options (values may be `*`). */
export function validateSelector(path: PathBuilder, tags: Record<string, string>): ValidationError {
  return validateTagKeyValues(
    path,
    tags,
    selectorCharacterSet,
    'tag value must consist of alphanumeric characters, dots, dashes, slashes and underscores or be "*"',
  )
}

/** validateTargetRef is Kuma's mesh.ValidateTargetRef; paths are relative to the targetRef. */
export function validateTargetRef(ref: TargetRef, opts: ValidateTargetRefOpts): ValidationError {
  const err = new ValidationError()
  const kind: string = ref.kind ?? ''
  const name = ref.name ?? ''
  const namespace = ref.namespace ?? ''
  const labels = ref.labels ?? {}
  const tags = ref.tags ?? {}
  if (kind === '') return err.addViolation('kind', MUST_BE_DEFINED)
  if (!(opts.supportedKinds as string[]).includes(kind)) {
    return err.addViolation('kind', opts.supportedKindsError || `value '${kind}' is not supported`)
  }
  const disallowed = (field: keyof TargetRef) => {
    if (isSet(ref[field])) err.addViolation(field, `must not be set with kind ${kind}`)
  }
  const validName = () => {
    if (!(opts.allowedInvalidNames ?? []).includes(name) && !nameCharacterSet.test(name)) {
      err.addViolation(
        'name',
        "invalid characters: must consist of lower case alphanumeric characters, '-', '.' and '_'.",
      )
    }
  }
  const proxyTypes = () => {
    if (ref.proxyTypes !== undefined && ref.proxyTypes !== null && ref.proxyTypes.length === 0) {
      err.addViolation('proxyTypes', 'must be undefined or have at least one element')
    }
  }
  const nameOrLabels = (labelsMessage: string) => {
    if (!isSet(labels) && name === '') {
      err.addViolation('', `name or labels must be set when kind is ${kind}`)
    }
    if (isSet(labels) && (name !== '' || namespace !== ''))
      err.addViolation('labels', labelsMessage)
  }
  switch (kind) {
    case 'Mesh':
      if (name !== '') err.addViolation('name', `using name with kind ${kind} is not yet supported`)
      ;(['mesh', 'tags', 'labels', 'namespace', 'sectionName'] as const).forEach(disallowed)
      proxyTypes()
      break
    case 'Dataplane':
      ;(['tags', 'mesh', 'proxyTypes'] as const).forEach(disallowed)
      if (isSet(labels) && (name !== '' || namespace !== '')) {
        err.addViolation('labels', 'either labels or name and namespace must be specified')
      }
      if (!opts.isInboundPolicy && isSet(ref.sectionName)) {
        err.addViolation('sectionName', 'can only be used with inbound policies')
      }
      break
    case 'MeshSubset':
      ;(['name', 'mesh'] as const).forEach(disallowed)
      err.add(validateTags(PathBuilder.rootedAt('tags'), tags))
      ;(['labels', 'namespace', 'sectionName'] as const).forEach(disallowed)
      proxyTypes()
      break
    case 'MeshService':
      validName()
      ;(['mesh', 'tags', 'proxyTypes'] as const).forEach(disallowed)
      nameOrLabels('either labels or name and namespace must be specified')
      break
    case 'MeshHTTPRoute':
      validName()
      ;(['mesh', 'tags', 'proxyTypes', 'sectionName'] as const).forEach(disallowed)
      nameOrLabels('either labels or name and namespace must be specified')
      break
    case 'MeshServiceSubset':
    case 'MeshGateway':
      if (name === '') err.addViolation('name', `must be set when kind is ${kind}`)
      validName()
      ;(['mesh', 'proxyTypes'] as const).forEach(disallowed)
      err.add(validateSelector(PathBuilder.rootedAt('tags'), tags))
      if (kind === 'MeshGateway' && isSet(tags) && !opts.gatewayListenerTagsAllowed) {
        disallowed('tags')
      }
      ;(['labels', 'namespace', 'sectionName'] as const).forEach(disallowed)
      break
    case 'MeshExternalService':
      validName()
      ;(['mesh', 'tags', 'proxyTypes'] as const).forEach(disallowed)
      nameOrLabels('either labels or name must be specified')
      disallowed('sectionName')
      break
  }
  return err
}

interface Match {
  spiffeID?: { type?: string; value?: string }
  sni?: { type?: string; value?: string }
}

/** validateMatch is Kuma's mesh.ValidateMatch (rules[].matches[]). */
export function validateMatch(match: Match): ValidationError {
  const err = new ValidationError()
  if (match.spiffeID) {
    const e = spiffeIDError(match.spiffeID.value ?? '')
    if (e) err.addViolation('spiffeID', `must be a valid Spiffe ID: ${e}`)
  }
  if (match.sni) {
    const type = match.sni.type ?? ''
    if (type === '') err.addViolation('sni.type', 'must be set')
    else if (type !== 'Exact') {
      err.addViolation(
        'sni.type',
        `unrecognized type ${JSON.stringify(type)}, supported values are: Exact`,
      )
    }
    const value = match.sni.value ?? ''
    if (value === '') err.addViolation('sni.value', 'must be set')
    else for (const m of dns1123SubdomainErrors(value)) err.addViolation('sni.value', m)
  }
  return err
}

interface BackendResourceRef {
  kind?: string
  labels?: Record<string, string>
}

/** validateBackendResourceRef is Kuma's validators.ValidateBackendResourceRef. */
export function validateBackendResourceRef(ref: BackendResourceRef): ValidationError {
  const err = new ValidationError()
  if (ref.kind !== 'MeshOpenTelemetryBackend') {
    err.addErrorAt('kind', fieldMustBeOneOf('kind', 'MeshOpenTelemetryBackend'))
  }
  if (!isSet(ref.labels)) err.addViolation('', mustHaveExactlyOneOf('backendRef', 'labels'))
  return err
}

/**
 * validateOtelBackendRefOrEndpoint is Kuma's validators.ValidateOtelBackendRefOrEndpoint: exactly
 * one of endpoint (host:port, not a URL) or backendRef; paths relative to `openTelemetry`.
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

/** validateOtelAttributeName is Kuma's validators.ValidateOtelAttributeName. */
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
