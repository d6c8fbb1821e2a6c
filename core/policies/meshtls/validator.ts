/** @module MeshTLS's semantic rules (Kuma `meshtls/api/v1alpha1/validator.go`, `api/common/v1alpha1/tls`). */
import type { TargetRef, TargetRefKind } from '../common/targetref'
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import { fieldMustBeOneOf } from '../../validators/messages'
import { affectsInbounds } from '../common/policy-role'
import { validateTargetRef } from '../common/targetref-rules'
import { validateTlsVersion } from '../../validators/tls'
import { TLS_CIPHERS } from './schema'
import type { Conf, MeshTLS } from './types'

const allModes = ['Strict', 'Permissive']

/** validateMeshTLS returns every violation of Kuma's MeshTLS rules, rooted at `spec`. */
export function validateMeshTLS(
  raw: Record<string, unknown>,
  _ctx?: ValidateContext,
): ValidationError {
  const spec = raw as MeshTLS
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  if (spec.targetRef) {
    err.addErrorAt(
      path.field('targetRef'),
      validateTargetRef(spec.targetRef, {
        supportedKinds: ['Mesh', 'MeshSubset', 'Dataplane'],
        isInboundPolicy: affectsInbounds(spec),
      }),
    )
  }
  const rules = spec.rules ?? []
  const from = spec.from ?? []
  if (rules.length > 0 && from.length > 0) {
    err.addViolation(path, "field 'from' must be empty when 'rules' is defined")
  }
  const topLevel: TargetRefKind = spec.targetRef?.kind ?? 'Mesh'
  const rulesErr = new ValidationError()
  rules.forEach((rule, i) => {
    rulesErr.add(
      validateDefault(PathBuilder.root().index(i).field('default'), rule.default ?? {}, topLevel),
    )
  })
  err.addErrorAt(path.field('rules'), rulesErr)
  const fromErr = new ValidationError()
  from.forEach((item, i) => {
    const p = PathBuilder.root().index(i)
    fromErr.addErrorAt(
      p.field('targetRef'),
      validateTargetRef(item.targetRef ?? ({} as TargetRef), { supportedKinds: ['Mesh'] }),
    )
    fromErr.add(validateDefault(p.field('default'), item.default ?? {}, topLevel))
  })
  err.addErrorAt(path.field('from'), fromErr)
  return err
}

function validateDefault(path: PathBuilder, conf: Conf, topLevel: TargetRefKind): ValidationError {
  const err = new ValidationError()
  if (conf.mode !== undefined && conf.mode !== null && !allModes.includes(conf.mode)) {
    err.addErrorAt(path.field('mode'), fieldMustBeOneOf('mode', ...allModes))
  }
  const ciphers = conf.tlsCiphers ?? []
  if (ciphers.length > 0 && topLevel !== 'Mesh') {
    err.addViolation(
      path.field('tlsCiphers'),
      'tlsCiphers can only be defined with top level targetRef kind: Mesh',
    )
  } else if (!ciphers.every((c) => (TLS_CIPHERS as readonly string[]).includes(c))) {
    err.addErrorAt(path.field('tlsCiphers'), fieldMustBeOneOf('tlsCiphers', ...TLS_CIPHERS))
  }
  if (conf.tlsVersion !== undefined && conf.tlsVersion !== null) {
    if (topLevel !== 'Mesh') {
      err.addViolation(
        path.field('tlsVersion'),
        'tlsVersion can only be defined with top level targetRef kind: Mesh',
      )
    } else {
      err.addErrorAt(path.field('tlsVersion'), validateTlsVersion(conf.tlsVersion))
    }
  }
  return err
}
