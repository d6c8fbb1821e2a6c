/** @module Kuma's system labels: which exist, how they are validated, computed and protected. */
import { PathBuilder, ValidationError } from '../validators/validation-error'
import type { ResourceKind } from './kind'

export const ORIGIN_LABEL = 'kuma.io/origin'
export const ZONE_LABEL = 'kuma.io/zone'
export const ENV_LABEL = 'kuma.io/env'
export const MESH_LABEL = 'kuma.io/mesh'
export const DISPLAY_NAME_LABEL = 'kuma.io/display-name'
export const PROXY_TYPE_LABEL = 'kuma.io/proxy-type'
export const NAMESPACE_LABEL = 'k8s.kuma.io/namespace'
export const EFFECT_LABEL = 'kuma.io/effect'

const IMMUTABLE_LABELS = [ORIGIN_LABEL, ZONE_LABEL, DISPLAY_NAME_LABEL]

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/

const NAME_PART_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

/** labelKeyErrors is Kubernetes' IsQualifiedName with the messages kuma-cp returns. */
export function labelKeyErrors(key: string): string[] {
  const parts = key.split('/')
  let name: string
  const errs: string[] = []
  if (parts.length === 1) {
    name = parts[0]
  } else if (parts.length === 2) {
    const prefix = parts[0]
    name = parts[1]
    if (prefix.length === 0) errs.push('prefix part must be non-empty')
    else {
      if (prefix.length > 253) errs.push('prefix part must be no more than 253 bytes')
      if (!DNS1123_SUBDOMAIN.test(prefix)) errs.push(`prefix part ${SUBDOMAIN_MSG}`)
    }
  } else {
    return [
      `a valid label key ${NAME_PART_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ]
  }
  if (name.length === 0) errs.push('name part must be non-empty')
  else if (name.length > 63) errs.push('name part must be no more than 63 bytes')
  if (!NAME_PART.test(name)) errs.push(`name part ${NAME_PART_MSG}`)
  return errs
}

/** labelValueErrors is Kubernetes' IsValidLabelValue. */
export function labelValueErrors(value: string): string[] {
  const errs: string[] = []
  if (value.length > 63) errs.push('must be no more than 63 bytes')
  if (!LABEL_VALUE.test(value)) errs.push(LABEL_VALUE_MSG)
  return errs
}

/**
 * CpMode is the control plane Kumo answers as: a standalone `zone` (Kuma's Zone mode, not
 * federated) or a `global` one (Kuma's Global mode).
 */
export type CpMode = 'zone' | 'global'

/** LabelContext is what label rules depend on besides the labels: mode, local zone, the mesh. */
export interface LabelContext {
  mode: CpMode
  /** zone is the local zone name (zone mode only). */
  zone: string
  /** mesh the resource is written to ('' for global kinds). */
  mesh: string
}

/**
 * validateOriginForWrite is kuma-cp's check before a write or delete: a global control plane
 * only changes what originates on it (no origin label, or `global`), never zones' copies.
 */
export function validateOriginForWrite(
  labels: Record<string, string>,
  mode: CpMode,
): ValidationError {
  const err = new ValidationError()
  const origin = typeof labels[ORIGIN_LABEL] === 'string' ? labels[ORIGIN_LABEL] : ''
  if (mode === 'global' && origin !== '' && origin !== 'global') {
    err.addViolation(
      PathBuilder.root().key(ORIGIN_LABEL),
      "the origin label must be set to 'global'",
    )
  }
  return err
}

/**
 * validateLabels is kuma-cp's validateLabels for a request body, keys sorted: the origin must be
 * `zone` or `global` (on a global control plane, `global`); on a zone, a locally originated
 * resource may not name another zone or another mesh; then label key and value syntax.
 */
export function validateLabels(labels: Record<string, string>, ctx: LabelContext): ValidationError {
  const err = new ValidationError()
  const origin = typeof labels[ORIGIN_LABEL] === 'string' ? labels[ORIGIN_LABEL] : ''
  const originPath = PathBuilder.root().key(ORIGIN_LABEL)
  if (origin !== '' && origin !== 'zone' && origin !== 'global') {
    err.addViolation(originPath, `unknown resource origin ${JSON.stringify(origin)}`)
  }
  err.add(validateOriginForWrite(labels, ctx.mode))
  if (ctx.mode === 'zone' && origin !== 'global') {
    if (ZONE_LABEL in labels && labels[ZONE_LABEL] !== ctx.zone) {
      err.addViolation(
        PathBuilder.root().key(ZONE_LABEL),
        `${ZONE_LABEL} label should have ${ctx.zone} value`,
      )
    }
    if (MESH_LABEL in labels && labels[MESH_LABEL] !== ctx.mesh) {
      err.addViolation(
        PathBuilder.root().key(MESH_LABEL),
        `${MESH_LABEL} label must not differ from mesh set on resource`,
      )
    }
  }
  for (const k of Object.keys(labels).sort()) {
    for (const m of labelKeyErrors(k)) err.addViolation(PathBuilder.root().key(k), m)
    const v = labels[k]
    if (typeof v !== 'string') {
      err.addViolation(PathBuilder.root().key(k), 'must be a string')
      continue
    }
    for (const m of labelValueErrors(v)) err.addViolation(PathBuilder.root().key(k), m)
  }
  return err
}

export interface ComputeOptions {
  /** mode is the control plane's; only a zone stamps origin, zone and env. */
  mode: CpMode
  mesh: string
  /** zone is the zone name Kumo stamps on locally originated resources (zone mode). */
  zone: string
  /** proxyType for proxy kinds (`sidecar` or `gateway`). */
  proxyType?: string
}

/**
 * computeLabels is Kuma's `labels.Compute` on Universal: every mesh-scoped resource gets
 * `kuma.io/mesh`, proxies `kuma.io/proxy-type`; on a zone, kinds zones provide also get
 * `kuma.io/origin: zone` and, unless they came from global, `kuma.io/zone` and `kuma.io/env`.
 * A global control plane stamps no origin: what it has not been given is its own.
 */
export function computeLabels(
  kind: ResourceKind,
  given: Record<string, string>,
  opts: ComputeOptions,
): Record<string, string> {
  const labels = { ...given }
  const setIfAbsent = (k: string, v: string) => {
    if (!(k in labels)) labels[k] = v
  }
  if (kind.scope === 'Mesh') setIfAbsent(MESH_LABEL, opts.mesh || 'default')
  if (opts.mode === 'zone' && kind.providedByZone) {
    setIfAbsent(ORIGIN_LABEL, 'zone')
    if (labels[ORIGIN_LABEL] !== 'global') {
      setIfAbsent(ZONE_LABEL, opts.zone)
      setIfAbsent(ENV_LABEL, 'universal')
    }
  }
  if (kind.isProxy && opts.proxyType) labels[PROXY_TYPE_LABEL] = opts.proxyType
  return labels
}

/** validateImmutableLabels refuses updates that remove or change origin, zone or display name. */
export function validateImmutableLabels(
  current: Record<string, string>,
  next: Record<string, string>,
): ValidationError {
  const err = new ValidationError()
  for (const label of IMMUTABLE_LABELS) {
    if (!(label in current)) continue
    const path = PathBuilder.root().key(label)
    if (!(label in next)) {
      err.addViolation(
        path,
        `is immutable, cannot be removed (was ${JSON.stringify(current[label])})`,
      )
    } else if (current[label] !== next[label]) {
      err.addViolation(
        path,
        `is immutable, cannot be changed from ${JSON.stringify(current[label])} to ${JSON.stringify(next[label])}`,
      )
    }
  }
  return err
}

/** displayName is what Kuma shows and puts in a KRI: the display-name label, else the name. */
export function displayName(name: string, labels: Record<string, string>): string {
  return labels[DISPLAY_NAME_LABEL] || name
}
