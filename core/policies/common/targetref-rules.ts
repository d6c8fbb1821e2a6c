/**
 * @module Kuma's targetRef and match rules for policies (`mesh.ValidateTargetRef`,
 * `mesh.ValidateMatch` in `pkg/core/resources/apis/mesh/validators.go`, `common_api.IncludesGateways`).
 */
import { isDNS1123Subdomain } from '../../validators/names'
import { goQuote } from '../../schema/formats'
import { validateBackendRef } from '../../validators/backend-refs'
import { spiffeIDError } from '../../validators/formats'
import { asObj, isNonEmpty, str } from '../../validators/json'
import { MUST_BE_DEFINED } from '../../validators/messages'
import { validateSelector, validateTags } from '../../validators/tags'
import { PathBuilder, ValidationError } from '../../validators/validation-error'

/** TargetRefOpts mirrors Kuma's ValidateTargetRefOpts. */
export interface TargetRefOpts {
  supportedKinds: readonly string[]
  supportedKindsError?: string
  gatewayListenerTagsAllowed?: boolean
  isInboundPolicy?: boolean
  allowedInvalidNames?: readonly string[]
}

const NAME_CHARACTER_SET = /^[0-9a-z.\-_]*$/

const strMap = (v: unknown): Record<string, string> => (asObj(v) ?? {}) as Record<string, string>

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
  const namespace = str(ref.namespace)
  const hasLabels = isNonEmpty(strMap(ref.labels))
  const disallowed = (...fields: string[]) => {
    for (const f of fields) {
      if (isNonEmpty(ref[f])) err.addViolation(f, `must not be set with kind ${kind}`)
    }
  }
  const validName = () => {
    if (!(opts.allowedInvalidNames ?? []).includes(name) && !NAME_CHARACTER_SET.test(name)) {
      err.addViolation(
        'name',
        "invalid characters: must consist of lower case alphanumeric characters, '-', '.' and '_'.",
      )
    }
  }
  const proxyTypes = () => {
    if (Array.isArray(ref.proxyTypes) && ref.proxyTypes.length === 0) {
      err.addViolation('proxyTypes', 'must be undefined or have at least one element')
    }
  }
  const nameOrLabels = (labelsMessage: string) => {
    if (!hasLabels && name === '') {
      err.addViolation('', `name or labels must be set when kind is ${kind}`)
    }
    if (hasLabels && (name !== '' || namespace !== '')) err.addViolation('labels', labelsMessage)
  }
  switch (kind) {
    case 'Mesh':
      if (name !== '') err.addViolation('name', `using name with kind ${kind} is not yet supported`)
      disallowed('mesh', 'tags', 'labels', 'namespace', 'sectionName')
      proxyTypes()
      break
    case 'Dataplane':
      disallowed('tags', 'mesh', 'proxyTypes')
      if (hasLabels && (name !== '' || namespace !== '')) {
        err.addViolation('labels', 'either labels or name and namespace must be specified')
      }
      if (!opts.isInboundPolicy && str(ref.sectionName) !== '') {
        err.addViolation('sectionName', 'can only be used with inbound policies')
      }
      break
    case 'MeshSubset':
      disallowed('name', 'mesh')
      err.add(validateTags(PathBuilder.rootedAt('tags'), strMap(ref.tags)))
      disallowed('labels', 'namespace', 'sectionName')
      proxyTypes()
      break
    case 'MeshService':
      validName()
      disallowed('mesh', 'tags', 'proxyTypes')
      nameOrLabels('either labels or name and namespace must be specified')
      break
    case 'MeshHTTPRoute':
      validName()
      disallowed('mesh', 'tags', 'proxyTypes', 'sectionName')
      nameOrLabels('either labels or name and namespace must be specified')
      break
    case 'MeshServiceSubset':
    case 'MeshGateway':
      if (name === '') err.addViolation('name', `must be set when kind is ${kind}`)
      validName()
      disallowed('mesh', 'proxyTypes')
      err.add(validateSelector(PathBuilder.rootedAt('tags'), strMap(ref.tags)))
      if (kind === 'MeshGateway' && !opts.gatewayListenerTagsAllowed) disallowed('tags')
      disallowed('labels', 'namespace', 'sectionName')
      break
    case 'MeshExternalService':
      validName()
      disallowed('mesh', 'tags', 'proxyTypes')
      nameOrLabels('either labels or name must be specified')
      disallowed('sectionName')
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

/** BACKEND_REF_KINDS are the kinds a route's backendRef may name. */
export const BACKEND_REF_KINDS = [
  'MeshService',
  'MeshServiceSubset',
  'MeshExternalService',
  'MeshMultiZoneService',
]

/** validateRouteBackendRef checks one route backendRef as a targetRef and as a BackendRef. */
export function validateRouteBackendRef(
  ref: unknown,
  allowedInvalidNames?: readonly string[],
): ValidationError {
  return validateTargetRef(ref, { supportedKinds: BACKEND_REF_KINDS, allowedInvalidNames }).add(
    validateBackendRef(ref),
  )
}

/** NOT_CONDITIONED_ON_SOURCE is the violation of a conf field that a spiffeID match cannot condition. */
export const NOT_CONDITIONED_ON_SOURCE =
  "can't be specified when matches contain spiffeID because this field cannot be conditioned on source identity"

/**
 * validateRuleMatch checks one inbound `rules[].matches[]` item as MeshTimeout and MeshRateLimit do:
 * Kuma's ValidateMatch, then a spiffeID or an sni, and a known spiffeID type.
 */
export function validateRuleMatch(value: unknown): ValidationError {
  const err = validateMatch(value)
  const match = asObj(value) ?? {}
  const spiffeID = asObj(match.spiffeID)
  if (!spiffeID && !asObj(match.sni)) {
    return err.addViolation('', "must specify at least one of 'spiffeID' or 'sni'")
  }
  if (spiffeID) {
    const type = str(spiffeID.type)
    if (type === '') err.addViolation('spiffeID.type', 'must be set')
    else if (type !== 'Exact' && type !== 'Prefix') {
      err.addViolation(
        'spiffeID.type',
        `unrecognized type ${goQuote(type)}, supported values are: Exact, Prefix`,
      )
    }
  }
  return err
}

/** hasSpiffeIDMatch is true when any match selects clients by SPIFFE ID. */
export function hasSpiffeIDMatch(matches: unknown[]): boolean {
  return matches.some((m) => asObj(asObj(m)?.spiffeID) !== undefined)
}
