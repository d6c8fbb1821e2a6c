/** @module MeshFaultInjection's semantic rules (Kuma `meshfaultinjection/api/v1alpha1/validator.go`). */
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import { bandwidth, durationNotNegative, percentage, statusCode } from '../../validators/common'
import { asArr, asObj } from '../../validators/json'
import { MUST_NOT_BE_DEFINED } from '../../validators/messages'
import { includesGateways, validateMatch, validateTargetRef } from '../common/targetref-rules'
import { affectsInbounds, TOP_LEVEL_KINDS, topLevelTargetRefOpts } from '../common/policy-role'

function validateTop(spec: Record<string, unknown>, ctx?: ValidateContext): ValidationError {
  const opts = topLevelTargetRefOpts(ctx?.labels, TOP_LEVEL_KINDS, {
    isInboundPolicy: affectsInbounds(spec),
  })
  return validateTargetRef(spec.targetRef, opts)
}

function validateDefault(path: PathBuilder, conf: unknown): ValidationError {
  const err = new ValidationError()
  const http = path.field('http')
  asArr(asObj(conf)?.http).forEach((item, i) => {
    const fault = asObj(item) ?? {}
    const abort = asObj(fault.abort)
    if (abort) {
      const p = http.field('abort').index(i)
      err.add(statusCode(p.field('httpStatus'), abort.httpStatus))
      err.add(percentage(p.field('percentage'), abort.percentage ?? 0, { required: true }))
    }
    const delay = asObj(fault.delay)
    if (delay) {
      const p = http.field('delay').index(i)
      err.add(durationNotNegative(p.field('value'), delay.value ?? '0s'))
      err.add(percentage(p.field('percentage'), delay.percentage ?? 0, { required: true }))
    }
    const bw = asObj(fault.responseBandwidth)
    if (bw) {
      const p = http.field('responseBandwidth').index(i)
      err.add(bandwidth(p.field('limit'), bw.limit))
      err.add(percentage(p.field('percentage'), bw.percentage ?? 0, { required: true }))
    }
  })
  return err
}

/** validate checks a MeshFaultInjection spec with Kuma's rules; paths start at `spec`. */
export function validate(spec: Record<string, unknown>, ctx?: ValidateContext): ValidationError {
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  if (spec.targetRef !== undefined) err.addErrorAt(path.field('targetRef'), validateTop(spec, ctx))
  const top = spec.targetRef ?? { kind: 'Mesh' }
  const from = asArr(spec.from)
  const rules = asArr(spec.rules)
  const to = asArr(spec.to)
  if (from.length > 0 && rules.length > 0) {
    err.addViolation(path, "field 'from' must be empty when 'rules' is defined")
  }
  rules.forEach((item, i) => {
    const rule = asObj(item) ?? {}
    const p = path.field('rules').index(i)
    asArr(rule.matches).forEach((m, j) => {
      err.addErrorAt(p.field('matches').index(j), validateMatch(m))
    })
    err.add(validateDefault(p.field('default'), rule.default))
  })
  if (includesGateways(top) && from.length > 0) {
    err.addViolation(
      path.field('from'),
      `${MUST_NOT_BE_DEFINED} when the scope includes a Gateway, select only proxyType Sidecar or select only gateways and use spec.to`,
    )
  } else {
    from.forEach((item, i) => {
      const entry = asObj(item) ?? {}
      const p = path.field('from').index(i)
      err.addErrorAt(
        p.field('targetRef'),
        validateTargetRef(entry.targetRef, {
          supportedKinds: ['Mesh', 'MeshSubset', 'MeshServiceSubset', 'MeshService'],
        }),
      )
      err.add(validateDefault(p.field('default'), entry.default))
    })
  }
  if (!includesGateways(top) && to.length > 0) {
    err.addViolation(path.field('to'), MUST_NOT_BE_DEFINED)
  } else {
    to.forEach((item, i) => {
      const entry = asObj(item) ?? {}
      const p = path.field('to').index(i)
      err.addErrorAt(
        p.field('targetRef'),
        validateTargetRef(entry.targetRef, { supportedKinds: ['Mesh'] }),
      )
      err.add(validateDefault(p.field('default'), entry.default))
    })
  }
  return err
}
