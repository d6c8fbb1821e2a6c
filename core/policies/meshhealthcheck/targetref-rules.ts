/**
 * @module Kuma's shared targetRef and match rules (`pkg/core/resources/apis/mesh/validators.go`),
 * used by the validators of MeshHealthCheck, MeshFaultInjection, MeshHTTPRoute, MeshTCPRoute,
 * MeshLoadBalancingStrategy and MeshRateLimit. Candidate for `core/policies/common/`.
 */
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import { MUST_BE_DEFINED, type Obj, asObj, isDNS1123Subdomain, str } from './value-rules'

/** TargetRefOpts mirrors Kuma's ValidateTargetRefOpts. */
export interface TargetRefOpts {
  supportedKinds: readonly string[]
  supportedKindsError?: string
  gatewayListenerTagsAllowed?: boolean
  isInboundPolicy?: boolean
  allowedInvalidNames?: readonly string[]
}

const NAME_CHARACTER_SET = /^[0-9a-z.\-_]*$/
const TAG_NAME_CHARACTER_SET = /^[a-zA-Z0-9.\-_:/]*$/
const TAG_VALUE_CHARACTER_SET = /^[a-zA-Z0-9.\-_:]*$/
const SELECTOR_CHARACTER_SET = /^([a-zA-Z0-9.\-_:/]*|\*)$/

const strMap = (v: unknown): Record<string, string> => (asObj(v) ?? {}) as Record<string, string>
const isSet = (v: unknown): boolean =>
  typeof v === 'string'
    ? v !== ''
    : Array.isArray(v)
      ? v.length > 0
      : Object.keys(strMap(v)).length > 0

function disallowed(err: ValidationError, name: string, value: unknown, kind: string): void {
  if (isSet(value)) err.addViolation(name, `must not be set with kind ${kind}`)
}

function validateName(err: ValidationError, name: string, allowed: readonly string[] = []): void {
  if (!allowed.includes(name) && !NAME_CHARACTER_SET.test(name)) {
    err.addViolation(
      'name',
      "invalid characters: must consist of lower case alphanumeric characters, '-', '.' and '_'.",
    )
  }
}

/** validateTagKeyValues is Kuma's ValidateTags (`selector` false) or ValidateSelector (true). */
export function validateTagKeyValues(
  path: PathBuilder,
  tags: Record<string, string>,
  selector: boolean,
): ValidationError {
  const err = new ValidationError()
  for (const key of Object.keys(tags).sort()) {
    if (key === '') err.addViolation(path, 'tag name must be non-empty')
    if (!TAG_NAME_CHARACTER_SET.test(key)) {
      err.addViolation(
        path.key(key),
        'tag name must consist of alphanumeric characters, dots, dashes, slashes and underscores',
      )
    }
    const value = tags[key]
    if (value === '') err.addViolation(path.key(key), 'tag value must be non-empty')
    if (selector && !SELECTOR_CHARACTER_SET.test(value)) {
      err.addViolation(
        path.key(key),
        'tag value must consist of alphanumeric characters, dots, dashes, slashes and underscores or be "*"',
      )
    }
    if (!selector && !TAG_VALUE_CHARACTER_SET.test(value)) {
      err.addViolation(
        path.key(key),
        'tag value must consist of alphanumeric characters, dots, dashes and underscores',
      )
    }
  }
  return err
}

function nameOrLabels(err: ValidationError, ref: Obj, kind: string, either: string): void {
  const labels = Object.keys(strMap(ref.labels)).length > 0
  if (!labels && str(ref.name) === '') {
    err.addViolation('', `name or labels must be set when kind is ${kind}`)
  }
  if (
    labels &&
    (str(ref.name) !== '' || (either.includes('namespace') && str(ref.namespace) !== ''))
  ) {
    err.addViolation('labels', either)
  }
}

/** validateTargetRef is Kuma's mesh.ValidateTargetRef; paths are relative to the targetRef. */
export function validateTargetRef(value: unknown, opts: TargetRefOpts): ValidationError {
  const err = new ValidationError()
  const ref = asObj(value) ?? {}
  const kind = str(ref.kind)
  if (kind === '') return err.addViolation('kind', MUST_BE_DEFINED)
  if (!opts.supportedKinds.includes(kind)) {
    return err.addViolation('kind', opts.supportedKindsError || `value '${kind}' is not supported`)
  }
  const name = str(ref.name)
  const proxyTypes = () => {
    if (Array.isArray(ref.proxyTypes) && ref.proxyTypes.length === 0) {
      err.addViolation('proxyTypes', 'must be undefined or have at least one element')
    }
  }
  switch (kind) {
    case 'Mesh':
      if (name !== '') err.addViolation('name', `using name with kind ${kind} is not yet supported`)
      for (const f of ['mesh', 'tags', 'labels', 'namespace', 'sectionName']) {
        disallowed(err, f, ref[f], kind)
      }
      proxyTypes()
      break
    case 'Dataplane':
      for (const f of ['tags', 'mesh', 'proxyTypes']) disallowed(err, f, ref[f], kind)
      if (
        Object.keys(strMap(ref.labels)).length > 0 &&
        (name !== '' || str(ref.namespace) !== '')
      ) {
        err.addViolation('labels', 'either labels or name and namespace must be specified')
      }
      if (!opts.isInboundPolicy && str(ref.sectionName) !== '') {
        err.addViolation('sectionName', 'can only be used with inbound policies')
      }
      break
    case 'MeshSubset':
      disallowed(err, 'name', ref.name, kind)
      disallowed(err, 'mesh', ref.mesh, kind)
      err.add(validateTagKeyValues(PathBuilder.rootedAt('tags'), strMap(ref.tags), false))
      for (const f of ['labels', 'namespace', 'sectionName']) disallowed(err, f, ref[f], kind)
      proxyTypes()
      break
    case 'MeshService':
      validateName(err, name, opts.allowedInvalidNames)
      for (const f of ['mesh', 'tags', 'proxyTypes']) disallowed(err, f, ref[f], kind)
      nameOrLabels(err, ref, kind, 'either labels or name and namespace must be specified')
      break
    case 'MeshHTTPRoute':
      validateName(err, name, opts.allowedInvalidNames)
      for (const f of ['mesh', 'tags', 'proxyTypes', 'sectionName'])
        disallowed(err, f, ref[f], kind)
      nameOrLabels(err, ref, kind, 'either labels or name and namespace must be specified')
      break
    case 'MeshServiceSubset':
    case 'MeshGateway':
      if (name === '') err.addViolation('name', `must be set when kind is ${kind}`)
      validateName(err, name, opts.allowedInvalidNames)
      disallowed(err, 'mesh', ref.mesh, kind)
      disallowed(err, 'proxyTypes', ref.proxyTypes, kind)
      err.add(validateTagKeyValues(PathBuilder.rootedAt('tags'), strMap(ref.tags), true))
      if (kind === 'MeshGateway' && !opts.gatewayListenerTagsAllowed) {
        disallowed(err, 'tags', ref.tags, kind)
      }
      for (const f of ['labels', 'namespace', 'sectionName']) disallowed(err, f, ref[f], kind)
      break
    case 'MeshExternalService':
      validateName(err, name, opts.allowedInvalidNames)
      for (const f of ['mesh', 'tags', 'proxyTypes']) disallowed(err, f, ref[f], kind)
      nameOrLabels(err, ref, kind, 'either labels or name must be specified')
      disallowed(err, 'sectionName', ref.sectionName, kind)
      break
  }
  return err
}

/** includesGateways is common_api.IncludesGateways: whether a top-level targetRef may select gateways. */
export function includesGateways(value: unknown): boolean {
  const ref = asObj(value) ?? {}
  const kind = str(ref.kind)
  const types = Array.isArray(ref.proxyTypes) ? ref.proxyTypes : []
  const meshKind = kind === 'Mesh' || kind === 'MeshSubset'
  return (
    kind === 'MeshGateway' ||
    (meshKind && (types.length === 0 || types.includes('Gateway'))) ||
    kind === 'MeshHTTPRoute'
  )
}

/** validateBackendRef is Kuma's validators.ValidateBackendRef. */
export function validateBackendRef(value: unknown): ValidationError {
  const err = new ValidationError()
  const ref = asObj(value) ?? {}
  if (ref.kind === 'MeshMultiZoneService' && ref.port === undefined) {
    err.addViolation('port', `${MUST_BE_DEFINED} with kind MeshMultiZoneService`)
  }
  return err
}

/** spiffeIDError is go-spiffe's spiffeid.FromString error text, undefined for a valid ID. */
export function spiffeIDError(id: string): string | undefined {
  if (id === '') return 'cannot be empty'
  if (!id.startsWith('spiffe://')) return 'scheme is missing or invalid'
  const rest = id.slice('spiffe://'.length)
  const slash = rest.indexOf('/')
  const td = slash < 0 ? rest : rest.slice(0, slash)
  if (!/^[a-z0-9._-]*$/.test(td)) {
    return 'trust domain characters are limited to lowercase letters, numbers, dots, dashes, and underscores'
  }
  if (td === '') return 'trust domain is missing'
  const path = slash < 0 ? '' : rest.slice(slash)
  if (path === '') return undefined
  const segments = path.slice(1).split('/')
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]
    if (!/^[a-zA-Z0-9._-]*$/.test(s)) {
      return 'path segment characters are limited to letters, numbers, dots, dashes, and underscores'
    }
    if (s === '.' || s === '..') return 'path cannot contain dot segments'
    if (s === '')
      return i === segments.length - 1
        ? 'path cannot have a trailing slash'
        : 'path cannot contain empty segments'
  }
  return undefined
}

/** validateMatch is Kuma's mesh.ValidateMatch for common_api.Match (spiffeID, sni). */
export function validateMatch(value: unknown): ValidationError {
  const err = new ValidationError()
  const match = asObj(value) ?? {}
  const spiffeID = asObj(match.spiffeID)
  if (spiffeID) {
    const problem = spiffeIDError(str(spiffeID.value))
    if (problem) err.addViolation('spiffeID', `must be a valid Spiffe ID: ${problem}`)
  }
  const sni = asObj(match.sni)
  if (sni) {
    const type = str(sni.type)
    if (type === '') err.addViolation('sni.type', 'must be set')
    else if (type !== 'Exact') {
      err.addViolation(
        'sni.type',
        `unrecognized type ${JSON.stringify(type)}, supported values are: Exact`,
      )
    }
    const v = str(sni.value)
    if (v === '') err.addViolation('sni.value', 'must be set')
    else for (const problem of isDNS1123Subdomain(v)) err.addViolation('sni.value', problem)
  }
  return err
}
