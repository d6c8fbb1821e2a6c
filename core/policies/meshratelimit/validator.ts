/** @module MeshRateLimit's semantic rules (Kuma `meshratelimit/api/v1alpha1/validator.go`). */
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import {
  includesGateways,
  validateMatch,
  validateTargetRef,
} from '../meshhealthcheck/targetref-rules'
import {
  asArr,
  asObj,
  MUST_BE_DEFINED,
  MUST_NOT_BE_DEFINED,
  mustHaveAtLeastOne,
  type Obj,
  parseDuration,
  str,
} from '../meshhealthcheck/value-rules'

const SOURCE_CONDITIONED =
  "can't be specified when matches contain spiffeID because this field cannot be conditioned on source identity"

function validateTop(spec: Obj, ctx?: ValidateContext): ValidationError {
  const isInboundPolicy = asArr(spec.rules).length > 0 || asArr(spec.from).length > 0
  if ((ctx?.labels?.['kuma.io/policy-role'] || 'system') === 'system') {
    return validateTargetRef(spec.targetRef, {
      supportedKinds: [
        'Mesh',
        'MeshSubset',
        'MeshGateway',
        'MeshService',
        'MeshServiceSubset',
        'MeshHTTPRoute',
        'Dataplane',
      ],
      gatewayListenerTagsAllowed: true,
      isInboundPolicy,
    })
  }
  return validateTargetRef(spec.targetRef, {
    supportedKinds: ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset', 'Dataplane'],
    isInboundPolicy,
  })
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
    let hasSpiffeID = false
    asArr(rule.matches).forEach((m, j) => {
      const match = asObj(m) ?? {}
      const matchPath = path.field('matches').index(j)
      err.addErrorAt(matchPath, validateMatch(match))
      const spiffeID = asObj(match.spiffeID)
      if (!spiffeID && !asObj(match.sni)) {
        err.addViolation(matchPath, "must specify at least one of 'spiffeID' or 'sni'")
        return
      }
      if (spiffeID) {
        hasSpiffeID = true
        const type = str(spiffeID.type)
        const typePath = matchPath.field('spiffeID').field('type')
        if (type === '') err.addViolation(typePath, 'must be set')
        else if (type !== 'Exact' && type !== 'Prefix') {
          err.addViolation(
            typePath,
            `unrecognized type ${JSON.stringify(type)}, supported values are: Exact, Prefix`,
          )
        }
      }
    })
    if (hasSpiffeID && asObj(asObj(asObj(rule.default)?.local)?.tcp)) {
      err.addViolation(path.field('default').field('local').field('tcp'), SOURCE_CONDITIONED)
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
