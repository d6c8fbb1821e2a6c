/** @module MeshMultiZoneService's semantic rules (Kuma `meshmultizoneservice/api/v1alpha1/validator.go`) and PUT warnings. */
import type { ValidateContext } from '../../kind'
import { PathBuilder, ValidationError } from '../../../validators/validation-error'
import { destinationDeprecations } from '../common/deprecations'
import type { MeshMultiZoneService, Port } from './types'

/** supportedProtocols is Kuma's core_meta.SupportedProtocols, in its order. */
const supportedProtocols = ['grpc', 'http', 'http2', 'kafka', 'tcp']

/** validate checks the selector has labels and every port a name (if set) and a known protocol. */
export function validate(spec: Record<string, unknown>, _ctx: ValidateContext): ValidationError {
  const mzs = spec as unknown as MeshMultiZoneService
  const verr = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  if (Object.keys(mzs.selector?.meshService?.matchLabels ?? {}).length === 0) {
    verr.addViolation(
      path.field('selector').field('meshService').field('matchLabels'),
      'cannot be empty',
    )
  }
  const ports = mzs.ports ?? []
  if (ports.length === 0) verr.addViolation(path.field('ports'), 'cannot be empty')
  ports.forEach((port, i) => {
    if (port?.name === '')
      verr.addViolation(path.field('ports').index(i).field('name'), 'must not be empty')
    if (!supportedProtocols.includes(port?.appProtocol ?? '')) {
      verr.addViolation(
        path.field('ports').index(i).field('appProtocol'),
        `appProtocol must be one of: ${supportedProtocols.join(', ')}`,
      )
    }
  })
  return verr
}

/** portName is Kuma's Port.GetName here: the name unless empty, else the port number. */
function portName(p: Port): string {
  return p?.name ? p.name : String(p?.port ?? 0)
}

/** warnings lists Kuma's deprecations: a non DNS-1035 name, per-port SNI problems. */
export function warnings(spec: Record<string, unknown>, ctx: ValidateContext): string[] {
  const ports = (spec as unknown as MeshMultiZoneService).ports ?? []
  return destinationDeprecations('MeshMultiZoneService', 'mzsvc', ctx, ports.map(portName))
}
