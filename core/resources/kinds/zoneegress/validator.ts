/** @module ZoneEgress's semantic rules (Kuma `pkg/core/resources/apis/mesh/zone_egress_validator.go`). */
import { parseIP } from '../../../validators/net'
import { PathBuilder, ValidationError } from '../../../validators/validation-error'
import { overlap, validateAddress } from '../dataplane/validator'
import { validatePort } from '../inline/validators'
import type { ZoneEgressSpec } from './types'

const LOOPBACK = parseIP('127.0.0.1')

/** validateZoneEgress checks the egress networking, reporting every violation. */
export function validateZoneEgress(spec: ZoneEgressSpec): ValidationError {
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('networking')
  const n = spec.networking ?? {}
  const adminPort = n.admin?.port ?? 0
  if (n.admin && adminPort === (n.port ?? 0) && overlap(LOOPBACK, parseIP(n.address ?? ''))) {
    err.addViolation(path.field('admin').field('port'), 'must differ from port')
  }
  if (n.address) err.add(validateAddress(path.field('address'), n.address))
  err.add(validatePort(path.field('port'), n.port))
  return err
}
