/** @module MeshService's semantic rules (Kuma `meshservice/api/v1alpha1/validator.go`) and PUT warnings (`deprecated.go`). */
import type { ValidateContext } from '../../kind'
import { PathBuilder, ValidationError } from '../../../validators/validation-error'
import { destinationDeprecations, validateDestinationName } from '../common/deprecations'
import type { MeshService } from './types'

/** validate checks the name length and that at most one selector is set. */
export function validate(spec: Record<string, unknown>, ctx: ValidateContext): ValidationError {
  const ms = spec as MeshService
  const verr = validateDestinationName(ctx)
  const selector = ms.selector ?? {}
  const set = [selector.dataplaneTags, selector.dataplaneRef, selector.dataplaneLabels].filter(
    (s) => s !== undefined && s !== null,
  )
  if (set.length > 1) {
    verr.addViolation(
      PathBuilder.rootedAt('spec').field('selector'),
      'must specify only one of: dataplaneTags, dataplaneRef, or dataplaneLabels',
    )
  }
  return verr
}

/** portName is Kuma's Port.GetName: the name if set (even empty), else the port number. */
function portName(p: { name?: string; port?: number }): string {
  return p.name ?? String(p.port ?? 0)
}

/** warnings lists Kuma's deprecations: a name that is not a DNS-1035 label, per-port SNI problems. */
export function warnings(spec: Record<string, unknown>, ctx: ValidateContext): string[] {
  const ports = (spec as MeshService).ports ?? []
  return destinationDeprecations('MeshService', 'msvc', ctx, ports.map(portName))
}
