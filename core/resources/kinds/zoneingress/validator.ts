/** @module ZoneIngress's semantic rules (Kuma `pkg/core/resources/apis/mesh/zone_ingress_validator.go`). */
import { parseIP } from '../../../validators/net'
import { validateTags } from '../../../validators/tags'
import { PathBuilder, ValidationError } from '../../../validators/validation-error'
import { overlap, validateAddress } from '../dataplane/validator'
import { validatePort } from '../inline/validators'
import type { ZoneIngressNetworking, ZoneIngressSpec } from './types'

const LOOPBACK = parseIP('127.0.0.1')

/** validateZoneIngress checks networking and available services, reporting every violation. */
export function validateZoneIngress(spec: ZoneIngressSpec): ValidationError {
  const err = new ValidationError()
  err.add(validateNetworking(PathBuilder.rootedAt('networking'), spec.networking ?? {}))
  const services = PathBuilder.rootedAt('availableService')
  ;(spec.availableServices ?? []).forEach((s, i) => {
    err.add(validateTags(services.index(i).field('tags'), s.tags, { requireService: true }))
  })
  return err
}

/** usesInboundInterface is Kuma's: the admin port would collide with the ingress listener. */
function usesInboundInterface(n: ZoneIngressNetworking, port: number): boolean {
  return (
    (port === (n.port ?? 0) && overlap(LOOPBACK, parseIP(n.address ?? ''))) ||
    (port === (n.advertisedPort ?? 0) && overlap(LOOPBACK, parseIP(n.advertisedAddress ?? '')))
  )
}

function validateNetworking(path: PathBuilder, n: ZoneIngressNetworking): ValidationError {
  const err = new ValidationError()
  if (n.admin && usesInboundInterface(n, n.admin.port ?? 0)) {
    err.addViolation(path.field('admin').field('port'), 'must differ from port')
  }
  const advertisedAddress = n.advertisedAddress ?? ''
  const advertisedPort = n.advertisedPort ?? 0
  if (advertisedAddress === '' && advertisedPort !== 0) {
    err.addViolation(path.field('advertisedAddress'), 'has to be defined with advertisedPort')
  }
  if (advertisedPort === 0 && advertisedAddress !== '') {
    err.addViolation(path.field('advertisedPort'), 'has to be defined with advertisedAddress')
  }
  if (n.address) err.add(validateAddress(path.field('address'), n.address))
  if (advertisedAddress)
    err.add(validateAddress(path.field('advertisedAddress'), advertisedAddress))
  err.add(validatePort(path.field('port'), n.port))
  if (advertisedPort !== 0) err.add(validatePort(path.field('advertisedPort'), advertisedPort))
  return err
}
