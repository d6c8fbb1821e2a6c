/** @module MeshCircuitBreaker's semantic rules (Kuma `meshcircuitbreaker/api/v1alpha1/validator.go`). */
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import {
  decimal,
  durationGreaterThanZeroOrNil,
  integerGreaterThanZeroOrNil,
  percentage,
  uint32PercentageOrNil,
} from '../../validators/common'
import { asArr, asObj, isDefined, type Obj } from '../../validators/json'
import { MUST_BE_DEFINED, mustHaveAtLeastOne } from '../../validators/messages'
import { FROM_DEPRECATED, topLevelTargetRefDeprecations } from '../common/deprecations'
import { validateTargetRef } from '../common/targetref-rules'
import { TOP_LEVEL_KINDS } from '../common/policy-role'

function validateDetectors(path: PathBuilder, value: unknown): ValidationError {
  const err = new ValidationError()
  if (!isDefined(value)) return err.addViolation(path, MUST_BE_DEFINED)
  const d = asObj(value) ?? {}
  const names = [
    'totalFailures',
    'gatewayFailures',
    'localOriginFailures',
    'successRate',
    'failurePercentage',
  ]
  if (names.every((n) => !isDefined(d[n]))) {
    return err.addViolation(path, mustHaveAtLeastOne(...names))
  }
  for (const n of ['totalFailures', 'gatewayFailures', 'localOriginFailures']) {
    const detector = asObj(d[n])
    if (detector)
      err.add(integerGreaterThanZeroOrNil(path.field(n).field('consecutive'), detector.consecutive))
  }
  const sr = asObj(d.successRate)
  if (sr) {
    const p = path.field('successRate')
    err.add(integerGreaterThanZeroOrNil(p.field('minimumHosts'), sr.minimumHosts))
    err.add(integerGreaterThanZeroOrNil(p.field('requestVolume'), sr.requestVolume))
    if (isDefined(sr.standardDeviationFactor)) {
      const factor = decimal(sr.standardDeviationFactor)
      if (factor === undefined)
        err.addViolation(p.field('standardDeviationFactor'), 'invalid number')
      else if (factor <= 0)
        err.addViolation(p.field('standardDeviationFactor'), 'must be greater than 0')
    }
  }
  const fp = asObj(d.failurePercentage)
  if (fp) {
    const p = path.field('failurePercentage')
    err.add(integerGreaterThanZeroOrNil(p.field('minimumHosts'), fp.minimumHosts))
    err.add(integerGreaterThanZeroOrNil(p.field('requestVolume'), fp.requestVolume))
    err.add(uint32PercentageOrNil(p.field('threshold'), fp.threshold))
  }
  return err
}

function validateOutlierDetection(path: PathBuilder, od: Obj): ValidationError {
  const err = new ValidationError()
  err.add(durationGreaterThanZeroOrNil(path.field('interval'), od.interval))
  err.add(durationGreaterThanZeroOrNil(path.field('baseEjectionTime'), od.baseEjectionTime))
  err.add(uint32PercentageOrNil(path.field('maxEjectionPercent'), od.maxEjectionPercent))
  err.add(
    percentage(path.field('healthyPanicThreshold'), od.healthyPanicThreshold, { required: false }),
  )
  err.add(validateDetectors(path.field('detectors'), od.detectors))
  return err
}

function validateDefault(path: PathBuilder, value: unknown): ValidationError {
  const err = new ValidationError()
  const conf = asObj(value) ?? {}
  if (!isDefined(conf.connectionLimits) && !isDefined(conf.outlierDetection)) {
    return err.addViolation(
      path,
      "at least one of: 'connectionLimits' or 'outlierDetection' should be configured",
    )
  }
  const limits = asObj(conf.connectionLimits)
  if (limits) {
    for (const f of [
      'maxConnections',
      'maxConnectionPools',
      'maxPendingRequests',
      'maxRetries',
      'maxRequests',
    ]) {
      err.add(integerGreaterThanZeroOrNil(path.field('connectionLimits').field(f), limits[f]))
    }
  }
  const od = asObj(conf.outlierDetection)
  if (od) err.add(validateOutlierDetection(path.field('outlierDetection'), od))
  return err
}

function validateTargetRefItems(
  field: 'from' | 'to',
  items: unknown[],
  supportedKinds: string[],
): ValidationError {
  const err = new ValidationError()
  items.forEach((item, i) => {
    const path = PathBuilder.rootedAt(field).index(i)
    const it = asObj(item) ?? {}
    err.addErrorAt(path.field('targetRef'), validateTargetRef(it.targetRef, { supportedKinds }))
    err.add(validateDefault(path.field('default'), it.default))
  })
  return err
}

/** validate is MeshCircuitBreakerResource.validate: every violation, rooted at `spec`. */
export function validate(spec: Record<string, unknown>, _ctx?: ValidateContext): ValidationError {
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  const [to, from, rules] = [asArr(spec.to), asArr(spec.from), asArr(spec.rules)]
  if (spec.targetRef != null) {
    err.addErrorAt(
      path.field('targetRef'),
      validateTargetRef(spec.targetRef, {
        supportedKinds: TOP_LEVEL_KINDS.system,
        gatewayListenerTagsAllowed: true,
        isInboundPolicy: rules.length > 0 || from.length > 0,
      }),
    )
  }
  if (rules.length === 0 && to.length === 0 && from.length === 0) {
    err.addViolation(path, "at least one of 'from', 'to' or 'rules' has to be defined")
  }
  if (rules.length > 0 && (to.length > 0 || from.length > 0)) {
    err.addViolation(path, "fields 'to' and 'from' must be empty when 'rules' is defined")
  }
  const ruleErr = new ValidationError()
  rules.forEach((rule, i) => {
    // Kuma reports rules[] violations under `from[i]`.
    const p = PathBuilder.rootedAt('from').index(i)
    ruleErr.add(validateDefault(p.field('default'), asObj(rule)?.default))
  })
  err.addErrorAt(path, ruleErr)
  err.addErrorAt(path, validateTargetRefItems('from', from, ['Mesh']))
  err.addErrorAt(
    path,
    validateTargetRefItems('to', to, [
      'Mesh',
      'MeshService',
      'MeshExternalService',
      'MeshMultiZoneService',
    ]),
  )
  return err
}

/** warnings is MeshCircuitBreakerResource.Deprecations. */
export function warnings(spec: Record<string, unknown>): string[] {
  const out = asArr(spec.from).length > 0 ? [FROM_DEPRECATED] : []
  return [...out, ...topLevelTargetRefDeprecations(spec.targetRef)]
}
