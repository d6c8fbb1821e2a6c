/** @module MeshRateLimit's semantic rules (Kuma `meshratelimit/api/v1alpha1/validator.go`). */
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import { parseDuration } from '../../validators/duration'
import { asArr, asObj, type Obj, str } from '../../validators/json'
import { MUST_BE_DEFINED, MUST_NOT_BE_DEFINED, mustHaveAtLeastOne } from '../../validators/messages'
import {
  hasSpiffeIDMatch,
  includesGateways,
  NOT_CONDITIONED_ON_SOURCE,
  validateRuleMatch,
  validateTargetRef,
} from '../common/targetref-rules'
import {
  affectsInbounds,
  TOP_LEVEL_ROUTE_KINDS,
  topLevelTargetRefOpts,
} from '../common/policy-role'

function validateTop(spec: Record<string, unknown>, ctx?: ValidateContext): ValidationError {
  const opts = topLevelTargetRefOpts(ctx?.labels, TOP_LEVEL_ROUTE_KINDS, {
    isInboundPolicy: affectsInbounds(spec),
  })
  return validateTargetRef(spec.targetRef, opts)
}

function validateRate(path: PathBuilder, rate: Obj): ValidationError {
  const err = new ValidationError()
  if (typeof rate.num !== 'number' || rate.num <= 0) {
    err.addViolation(path.field('num'), 'must be greater than 0')
  }
  const interval = parseDuration(str(rate.interval) || '0s')
  if (interval !== undefined && interval <= 50e6) {
    err.addViolation(path.field('interval'), 'must be greater than: 50ms')
  }
  return err
}

function validateDefault(at: PathBuilder, conf: unknown): ValidationError {
  const err = new ValidationError()
  const path = at.field('local')
  const local = asObj(asObj(conf)?.local)
  if (!local) return err.addViolation(path, MUST_BE_DEFINED)
  const http = asObj(local.http)
  const tcp = asObj(local.tcp)
  if (!http && !tcp) err.addViolation(path, mustHaveAtLeastOne('tcp', 'http'))
  if (http) {
    const p = path.field('http')
    if (http.disabled === undefined && !asObj(http.requestRate) && !asObj(http.onRateLimit)) {
      err.addViolation(p, mustHaveAtLeastOne('disabled', 'requestRate', 'onRateLimit'))
    } else {
      const rate = asObj(http.requestRate)
      if (rate) err.add(validateRate(p.field('requestRate'), rate))
      const status = asObj(http.onRateLimit)?.status
      if (typeof status === 'number' && status <= 0) {
        err.addViolation(p.field('onRateLimit').field('status'), 'must be greater than 0')
      }
    }
  }
  if (tcp) {
    const p = path.field('tcp')
    if (tcp.disabled === undefined && !asObj(tcp.connectionRate)) {
      err.addViolation(p, mustHaveAtLeastOne('disabled', 'connectionRate'))
    } else {
      const rate = asObj(tcp.connectionRate)
      if (rate) err.add(validateRate(p.field('connectionRate'), rate))
    }
  }
  return err
}

function validateRules(top: Obj, rules: unknown[]): ValidationError {
  const err = new ValidationError()
  if (rules.length > 0 && (includesGateways(top) || top.kind === 'MeshHTTPRoute')) {
    return err.addViolation('rules', MUST_NOT_BE_DEFINED)
  }
  rules.forEach((item, i) => {
    const rule = asObj(item) ?? {}
    const path = PathBuilder.rootedAt('rules').index(i)
    const matches = asArr(rule.matches)
    matches.forEach((m, j) => {
      err.addErrorAt(path.field('matches').index(j), validateRuleMatch(m))
    })
    if (hasSpiffeIDMatch(matches) && asObj(asObj(asObj(rule.default)?.local)?.tcp)) {
      err.addViolation(path.field('default').field('local').field('tcp'), NOT_CONDITIONED_ON_SOURCE)
    }
    err.add(validateDefault(path.field('default'), rule.default))
  })
  return err
}

function validateFrom(top: Obj, from: unknown[]): ValidationError {
  const err = new ValidationError()
  if (from.length > 0 && includesGateways(top)) {
    return err.addViolation(
      'from',
      `${MUST_NOT_BE_DEFINED} when the scope includes a Gateway, select only proxyType Sidecar or select only gateways and use spec.to`,
    )
  }
  if (from.length > 0 && top.kind === 'MeshHTTPRoute') {
    return err.addViolation('from', `${MUST_NOT_BE_DEFINED} when spec.kind is MeshHTTPRoute`)
  }
  from.forEach((item, i) => err.add(validateEntry(PathBuilder.rootedAt('from').index(i), item)))
  return err
}

function validateEntry(path: PathBuilder, item: unknown): ValidationError {
  const entry = asObj(item) ?? {}
  const err = new ValidationError()
  err.addErrorAt(
    path.field('targetRef'),
    validateTargetRef(entry.targetRef, { supportedKinds: ['Mesh'] }),
  )
  return err.add(validateDefault(path.field('default'), entry.default))
}

/** validate checks a MeshRateLimit spec with Kuma's rules; paths start at `spec`. */
export function validate(spec: Record<string, unknown>, ctx?: ValidateContext): ValidationError {
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  const rules = asArr(spec.rules)
  const from = asArr(spec.from)
  const to = asArr(spec.to)
  if (rules.length > 0 && (to.length > 0 || from.length > 0)) {
    err.addViolation(path, "fields 'to' and 'from' must be empty when 'rules' is defined")
  }
  if (spec.targetRef !== undefined) err.addErrorAt(path.field('targetRef'), validateTop(spec, ctx))
  const top = asObj(spec.targetRef) ?? { kind: 'Mesh' }
  err.addErrorAt(path, validateRules(top, rules))
  err.addErrorAt(path, validateFrom(top, from))
  if (to.length > 0 && !includesGateways(top)) {
    err.addViolation(path.field('to'), MUST_NOT_BE_DEFINED)
  } else {
    to.forEach((item, i) => err.add(validateEntry(path.field('to').index(i), item)))
  }
  return err
}
