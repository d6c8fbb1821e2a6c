/** @module Kuma's MeshGateway validator (`pkg/core/resources/apis/mesh/gateway_validator.go`). */
import { PathBuilder, ValidationError } from '../../../validators/validation-error'
import {
  EXTERNAL_SERVICE_TAG,
  PROTOCOL_TAG,
  selectorKeyNotInSet,
  SERVICE_TAG,
  validateSelector,
  validateSelectors,
  ZONE_TAG,
} from '../../../validators/tags'
import { validateHostname, validatePort } from '../inline/validators'
import type { MeshGatewayListener, MeshGatewaySpec } from './types'

const reservedTags = () =>
  selectorKeyNotInSet(EXTERNAL_SERVICE_TAG, PROTOCOL_TAG, SERVICE_TAG, ZONE_TAG)

/** validateMeshGateway returns every violation of a (canonical) MeshGateway spec. */
export function validateMeshGateway(spec: MeshGatewaySpec): ValidationError {
  const err = new ValidationError()
  const crossMesh = (spec.conf?.listeners ?? []).some((l) => l.crossMesh)
  err.add(
    validateSelectors(PathBuilder.rootedAt('selectors'), spec.selectors, {
      requireAtLeastOneSelector: true,
      requireAtMostOneSelector: crossMesh,
      requireAtLeastOneTag: true,
      requireService: true,
    }),
  )
  // the top-level tags bind the gateway to dataplanes, so well-known dataplane tags are out
  err.add(
    validateSelector(PathBuilder.rootedAt('tags'), spec.tags, {
      extraTagKeyValidators: [reservedTags()],
    }),
  )
  err.add(validateConf(PathBuilder.rootedAt('conf'), spec.conf))
  return err
}

function validateConf(confPath: PathBuilder, conf: MeshGatewaySpec['conf']): ValidationError {
  const err = new ValidationError()
  if (conf === undefined) return err.addViolation(confPath, 'cannot be empty')
  const path = confPath.field('listeners')
  const listeners = conf.listeners ?? []
  if (listeners.length === 0) err.addViolation(path, 'cannot be empty')
  listeners.forEach((l, i) => {
    const at = path.index(i)
    if (l.hostname) err.add(validateHostname(at.field('hostname'), l.hostname))
    err.add(validatePort(at.field('port'), l.port))
    const protocol = l.protocol ?? 'NONE'
    const mode = l.tls?.mode ?? 'NONE'
    const certificates = l.tls?.certificates ?? []
    if (protocol === 'NONE') err.addViolation(at.field('protocol'), 'cannot be empty')
    if (protocol === 'HTTPS') {
      if (l.crossMesh)
        err.addViolation(at.field('protocol'), 'protocol is not supported with crossMesh')
      else if (l.tls === undefined) err.addViolation(at.field('tls'), 'cannot be empty')
      else if (mode === 'PASSTHROUGH') {
        err.addViolation(at.field('tls').field('mode'), 'mode is not supported on HTTPS listeners')
      }
    }
    if (l.tls !== undefined && !l.crossMesh) {
      if (mode === 'NONE') err.addViolation(at.field('tls').field('mode'), 'cannot be empty')
      if (mode === 'TERMINATE') {
        if (certificates.length === 0) {
          err.addViolation(
            at.field('tls').field('certificates'),
            'cannot be empty in TLS termination mode',
          )
        } else if (certificates.length > 2) {
          err.addViolation(
            at.field('tls').field('certificates'),
            'cannot have more than 2 certificates',
          )
        }
      }
    }
    if (l.tls !== undefined && l.crossMesh && (mode !== 'NONE' || certificates.length > 0)) {
      err.addViolation(at.field('tls'), 'must be empty with crossMesh')
    }
    // listener tags are optional but must not use well-known dataplane tags
    err.add(validateSelector(at.field('tags'), l.tags, { extraTagKeyValidators: [reservedTags()] }))
  })
  return err.add(validateListenerCollapsibility(path, listeners))
}

/**
 * validateListenerCollapsibility finds listeners sharing a port that Envoy cannot serve from one
 * listener. Kuma walks Go maps here, so its order is random; ours is by first appearance.
 */
function validateListenerCollapsibility(
  path: PathBuilder,
  listeners: MeshGatewayListener[],
): ValidationError {
  const protocols = new Map<number, Map<string, number[]>>()
  const hostnames = new Map<number, Map<string, number[]>>()
  const limits = new Map<number, { values: Set<number>; listeners: number[] }>()
  const push = (m: Map<number, Map<string, number[]>>, port: number, key: string, i: number) => {
    const byKey = m.get(port) ?? new Map<string, number[]>()
    byKey.set(key, [...(byKey.get(key) ?? []), i])
    m.set(port, byKey)
  }
  listeners.forEach((l, i) => {
    const port = l.port ?? 0
    push(protocols, port, l.protocol ?? 'NONE', i)
    push(hostnames, port, l.hostname || '*', i)
    const limit = l.resources?.connectionLimit ?? 0
    const entry = limits.get(port) ?? { values: new Set<number>(), listeners: [] }
    if (limit !== 0) {
      entry.listeners.push(i)
      entry.values.add(limit)
    }
    limits.set(port, entry)
  })
  const err = new ValidationError()
  for (const byProtocol of protocols.values()) {
    if (byProtocol.size <= 1) continue
    for (const indexes of byProtocol.values()) {
      for (const i of indexes)
        err.addViolation(path.index(i), 'protocol conflicts with other listeners on this port')
    }
  }
  for (const byHostname of hostnames.values()) {
    for (const indexes of byHostname.values()) {
      if (indexes.length <= 1) continue
      for (const i of indexes)
        err.addViolation(path.index(i), 'multiple listeners for hostname on this port')
    }
  }
  for (const { values, listeners: indexes } of limits.values()) {
    if (values.size <= 1) continue
    for (const i of indexes) {
      err.addViolation(
        path.index(i).field('resources').field('connectionLimit'),
        'conflicting values for this port',
      )
    }
  }
  return err
}
