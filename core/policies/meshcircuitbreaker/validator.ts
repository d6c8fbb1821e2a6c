/** @module MeshCircuitBreaker's semantic rules (Kuma `meshcircuitbreaker/api/v1alpha1/validator.go`). */
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import { validateTargetRef } from '../meshhealthcheck/targetref-rules'
import {
  asArr,
  asObj,
  decimal,
  durationGreaterThanZeroOrNil,
  MUST_BE_DEFINED,
  mustHaveAtLeastOne,
  type Obj,
  percentage,
  UINT_PERCENTAGE_RANGE,
} from '../meshhealthcheck/value-rules'
import { topLevelTargetRefDeprecations } from '../meshtrafficpermission/validator'

const defined = (v: unknown) => v !== undefined && v !== null

/** integerGreaterThanZeroOrNil is Kuma's ValidateIntegerGreaterThanZeroOrNil (uint32). */
function integerGreaterThanZeroOrNil(err: ValidationError, path: PathBuilder, v: unknown): void {
  if (typeof v === 'number' && v <= 0) err.addViolation(path, 'must be greater than 0')
}

/** uint32PercentageOrNil is Kuma's ValidateUInt32PercentageOrNil. */
function uint32PercentageOrNil(err: ValidationError, path: PathBuilder, v: unknown): void {
  if (typeof v === 'number' && v > 100) err.addViolation(path, UINT_PERCENTAGE_RANGE)
}

function validateDetectors(path: PathBuilder, value: unknown): ValidationError {
  const err = new ValidationError()
  if (!defined(value)) return err.addViolation(path, MUST_BE_DEFINED)
  const d = asObj(value) ?? {}
  const names = [
    'totalFailures',
    'gatewayFailures',
    'localOriginFailures',
    'successRate',
    'failurePercentage',
  ]
  if (names.every((n) => !defined(d[n]))) {
    return err.addViolation(path, mustHaveAtLeastOne(...names))
  }
  for (const n of ['totalFailures', 'gatewayFailures', 'localOriginFailures']) {
    const detector = asObj(d[n])
    if (detector)
      integerGreaterThanZeroOrNil(err, path.field(n).field('consecutive'), detector.consecutive)
  }
  const sr = asObj(d.successRate)
  if (sr) {
    const p = path.field('successRate')
    integerGreaterThanZeroOrNil(err, p.field('minimumHosts'), sr.minimumHosts)
    integerGreaterThanZeroOrNil(err, p.field('requestVolume'), sr.requestVolume)
    if (defined(sr.standardDeviationFactor)) {
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
    integerGreaterThanZeroOrNil(err, p.field('minimumHosts'), fp.minimumHosts)
    integerGreaterThanZeroOrNil(err, p.field('requestVolume'), fp.requestVolume)
    uint32PercentageOrNil(err, p.field('threshold'), fp.threshold)
  }
  return err
}

function validateOutlierDetection(path: PathBuilder, od: Obj): ValidationError {
  const err = new ValidationError()
  err.add(durationGreaterThanZeroOrNil(path.field('interval'), od.interval))
  err.add(durationGreaterThanZeroOrNil(path.field('baseEjectionTime'), od.baseEjectionTime))
  uint32PercentageOrNil(err, path.field('maxEjectionPercent'), od.maxEjectionPercent)
  err.add(
    percentage(path.field('healthyPanicThreshold'), od.healthyPanicThreshold, { required: false }),
  )
  err.add(validateDetectors(path.field('detectors'), od.detectors))
  return err
}

function validateDefault(path: PathBuilder, value: unknown): ValidationError {
  const err = new ValidationError()
  const conf = asObj(value) ?? {}
  if (!defined(conf.connectionLimits) && !defined(conf.outlierDetection)) {
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
      integerGreaterThanZeroOrNil(err, path.field('connectionLimits').field(f), limits[f])
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
        supportedKinds: [
          'Mesh',
          'MeshSubset',
          'MeshService',
          'MeshGateway',
          'MeshServiceSubset',
          'Dataplane',
        ],
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
  const out = asArr(spec.from).length > 0 ? ["'from' field is deprecated, use 'rules' instead"] : []
  return [...out, ...topLevelTargetRefDeprecations(spec.targetRef)]
}
