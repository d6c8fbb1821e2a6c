/** @module MeshTCPRoute's semantic rules (Kuma `meshtcproute/api/v1alpha1/validator.go`). */
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import { validateBackendRef, validateTargetRef } from '../meshhealthcheck/targetref-rules'
import { asArr, asObj, MUST_BE_DEFINED, str } from '../meshhealthcheck/value-rules'

const BACKEND_KINDS = [
  'MeshService',
  'MeshServiceSubset',
  'MeshExternalService',
  'MeshMultiZoneService',
]

function validateTop(targetRef: unknown, ctx?: ValidateContext): ValidationError {
  if ((ctx?.labels?.['kuma.io/policy-role'] || 'system') === 'system') {
    return validateTargetRef(targetRef, {
      supportedKinds: [
        'Mesh',
        'MeshSubset',
        'MeshGateway',
        'MeshService',
        'MeshServiceSubset',
        'Dataplane',
      ],
      gatewayListenerTagsAllowed: true,
    })
  }
  return validateTargetRef(targetRef, {
    supportedKinds: ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset', 'Dataplane'],
  })
}

/** validateBackendRefs checks route backendRefs; shared with MeshHTTPRoute's rules. */
export function validateBackendRefs(path: PathBuilder, refs: unknown[]): ValidationError {
  const err = new ValidationError()
  refs.forEach((ref, i) => {
    err.addErrorAt(path.index(i), validateTargetRef(ref, { supportedKinds: BACKEND_KINDS }))
    err.addErrorAt(path.index(i), validateBackendRef(ref))
  })
  return err
}

/** validate checks a MeshTCPRoute spec with Kuma's rules; paths start at `spec`. */
export function validate(spec: Record<string, unknown>, ctx?: ValidateContext): ValidationError {
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  if (spec.targetRef !== undefined)
    err.addErrorAt(path.field('targetRef'), validateTop(spec.targetRef, ctx))
  const topKind = str(asObj(spec.targetRef)?.kind) || 'Mesh'
  asArr(spec.to).forEach((item, i) => {
    const to = asObj(item) ?? {}
    const p = path.field('to').index(i)
    const toKinds =
      topKind === 'MeshGateway'
        ? ['Mesh']
        : ['MeshService', 'MeshExternalService', 'MeshMultiZoneService']
    err.addErrorAt(
      p.field('targetRef'),
      validateTargetRef(to.targetRef, { supportedKinds: toKinds }),
    )
    asArr(to.rules).forEach((r, j) => {
      const backendRefs = asArr(asObj(asObj(r)?.default)?.backendRefs)
      const refsPath = p.field('rules').index(j).field('default').field('backendRefs')
      if (backendRefs.length === 0) err.addViolation(refsPath, MUST_BE_DEFINED)
      else err.add(validateBackendRefs(refsPath, backendRefs))
    })
  })
  return err
}
