/** @module MeshHealthCheck's semantic rules (Kuma `meshhealthcheck/api/v1alpha1/validator.go`). */
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import {
  durationGreaterThanZeroOrNil as positiveDuration,
  intPercentageOrNil,
  pathOrNil,
  percentage,
  statusCode,
  valueGreaterThanZeroOrNil,
} from '../../validators/common'
import { asArr, asObj } from '../../validators/json'
import { MUST_BE_DEFINED, mustHaveAtLeastOne } from '../../validators/messages'
import { validateTargetRef } from '../common/targetref-rules'
import { TOP_LEVEL_KINDS } from '../common/policy-role'

const TO_KINDS = ['Mesh', 'MeshService', 'MeshExternalService', 'MeshMultiZoneService']

function validateDefault(conf: Record<string, unknown>): ValidationError {
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('default')
  for (const f of ['interval', 'timeout']) err.add(positiveDuration(path.field(f), conf[f]))
  for (const f of ['unhealthyThreshold', 'healthyThreshold']) {
    err.add(valueGreaterThanZeroOrNil(path.field(f), conf[f]))
  }
  for (const f of ['initialJitter', 'intervalJitter'])
    err.add(positiveDuration(path.field(f), conf[f]))
  err.add(intPercentageOrNil(path.field('intervalJitterPercent'), conf.intervalJitterPercent))
  err.add(
    percentage(path.field('healthyPanicThreshold'), conf.healthyPanicThreshold, {
      required: false,
    }),
  )
  err.add(positiveDuration(path.field('noTrafficInterval'), conf.noTrafficInterval))
  err.add(pathOrNil(path.field('eventLogPath'), conf.eventLogPath))
  const http = asObj(conf.http)
  if (http) {
    const httpPath = path.field('http')
    if (http.path === '') err.addViolation(httpPath.field('path'), MUST_BE_DEFINED)
    asArr(http.expectedStatuses).forEach((s, i) => {
      err.add(statusCode(httpPath.field('expectedStatuses').index(i), s))
    })
  }
  if (!http && !asObj(conf.tcp) && !asObj(conf.grpc)) {
    err.addViolation(path, mustHaveAtLeastOne('http', 'tcp', 'grpc'))
  }
  return err
}

/** validate checks a MeshHealthCheck spec with Kuma's rules; paths start at `spec`. */
export function validate(spec: Record<string, unknown>, _ctx?: ValidateContext): ValidationError {
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  if (spec.targetRef !== undefined) {
    err.addErrorAt(
      path.field('targetRef'),
      validateTargetRef(spec.targetRef, {
        supportedKinds: TOP_LEVEL_KINDS.system,
        gatewayListenerTagsAllowed: true,
      }),
    )
  }
  asArr(spec.to).forEach((item, i) => {
    const to = asObj(item) ?? {}
    const toPath = path.field('to').index(i)
    err.addErrorAt(
      toPath.field('targetRef'),
      validateTargetRef(to.targetRef, { supportedKinds: TO_KINDS }),
    )
    err.addErrorAt(toPath, validateDefault(asObj(to.default) ?? {}))
  })
  return err
}
