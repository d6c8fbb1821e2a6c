/** @module MeshTrafficPermission's semantic rules (Kuma `meshtrafficpermission/api/v1alpha1/validator.go`). */
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import { asArr, asObj, str } from '../../validators/json'
import { MUST_BE_DEFINED } from '../../validators/messages'
import { topLevelTargetRefDeprecations } from '../common/deprecations'
import { validateMatch, validateTargetRef } from '../common/targetref-rules'

const MATCH_LISTS = ['allow', 'allowWithShadowDeny', 'deny'] as const

function validateRules(rules: unknown[]): ValidationError {
  const err = new ValidationError()
  rules.forEach((rule, i) => {
    const path = PathBuilder.rootedAt('rules').index(i)
    const conf = asObj(asObj(rule)?.default) ?? {}
    if (MATCH_LISTS.every((l) => asArr(conf[l]).length === 0)) {
      err.addViolation(
        path,
        "at least one of 'allow', 'allowWithShadowDeny', 'deny' has to be defined",
      )
    }
    for (const list of MATCH_LISTS) {
      asArr(conf[list]).forEach((match, j) => {
        err.addErrorAt(path.concat(PathBuilder.rootedAt(list).index(j)), validateMatch(match))
      })
    }
  })
  return err
}

function validateFrom(from: unknown[]): ValidationError {
  const err = new ValidationError()
  from.forEach((item, i) => {
    const path = PathBuilder.rootedAt('from').index(i)
    const f = asObj(item) ?? {}
    err.addErrorAt(
      path.field('targetRef'),
      validateTargetRef(f.targetRef, {
        supportedKinds: ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset'],
      }),
    )
    if (str(asObj(f.default)?.action) === '') {
      err.addViolation(path.field('default').field('action'), MUST_BE_DEFINED)
    }
  })
  return err
}

/** validate is MeshTrafficPermissionResource.validate: every violation, rooted at `spec`. */
export function validate(spec: Record<string, unknown>, _ctx?: ValidateContext): ValidationError {
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  const from = asArr(spec.from)
  const rules = asArr(spec.rules)
  if (spec.targetRef != null) {
    err.addErrorAt(
      path.field('targetRef'),
      validateTargetRef(spec.targetRef, {
        supportedKinds: ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset', 'Dataplane'],
        isInboundPolicy: rules.length > 0 || from.length > 0,
      }),
    )
  }
  if (from.length > 0 && rules.length > 0) {
    err.addViolation(path, "field 'from' must be empty when 'rules' is defined")
  }
  if (from.length === 0 && rules.length === 0) {
    err.addViolation(path, "at least one of 'from' or 'rules' has to be defined")
  }
  err.addErrorAt(path, validateRules(rules))
  err.addErrorAt(path, validateFrom(from))
  return err
}

/** warnings is MeshTrafficPermissionResource.Deprecations. */
export function warnings(spec: Record<string, unknown>): string[] {
  const out: string[] = []
  const from = asArr(spec.from)
  if (from.length > 0) {
    out.push(
      "'from' field is deprecated and will be removed in 3.0, use 'rules' with MeshIdentity (spiffeId) instead",
    )
  }
  for (const f of from) {
    if (str(asObj(asObj(f)?.targetRef)?.kind) === 'MeshService') {
      out.push(
        "MeshService value for 'from[].targetRef.kind' is deprecated, use MeshSubset with 'kuma.io/service' instead",
      )
    }
  }
  return [...out, ...topLevelTargetRefDeprecations(spec.targetRef)]
}
