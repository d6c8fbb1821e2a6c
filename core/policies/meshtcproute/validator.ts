/** @module MeshTCPRoute's semantic rules (Kuma `meshtcproute/api/v1alpha1/validator.go`). */
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import { asArr, asObj, str } from '../../validators/json'
import { MUST_BE_DEFINED } from '../../validators/messages'
import { TOP_LEVEL_KINDS, topLevelTargetRefOpts } from '../common/policy-role'
import { validateRouteBackendRef, validateTargetRef } from '../common/targetref-rules'

function validateTop(targetRef: unknown, ctx?: ValidateContext): ValidationError {
  return validateTargetRef(targetRef, topLevelTargetRefOpts(ctx?.labels, TOP_LEVEL_KINDS))
}

/** validateBackendRefs checks a rule's backendRefs. */
export function validateBackendRefs(path: PathBuilder, refs: unknown[]): ValidationError {
  const err = new ValidationError()
  refs.forEach((ref, i) => {
    err.addErrorAt(path.index(i), validateRouteBackendRef(ref))
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
