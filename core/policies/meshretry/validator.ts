/** @module MeshRetry's semantic rules (Kuma `meshretry/api/v1alpha1/validator.go`). */
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import { parseDuration } from '../../validators/duration'
import { asArr, asObj, isDefined, type Obj, str } from '../../validators/json'
import {
  MUST_BE_DEFINED,
  MUST_BE_DEFINED_AND_GREATER_THAN_ZERO,
  MUST_NOT_BE_EMPTY,
} from '../../validators/messages'
import { topLevelTargetRefDeprecations } from '../common/deprecations'
import { TOP_LEVEL_ROUTE_KINDS, topLevelTargetRefOpts } from '../common/policy-role'
import { validateTargetRef } from '../common/targetref-rules'

const HTTP_RETRY_ON = [
  '5xx',
  'GatewayError',
  'Reset',
  'Retriable4xx',
  'ConnectFailure',
  'EnvoyRatelimited',
  'RefusedStream',
  'Http3PostConnectFailure',
  ...['Connect', 'Delete', 'Get', 'Head', 'Options', 'Patch', 'Post', 'Put', 'Trace'].map(
    (m) => `HttpMethod${m}`,
  ),
]
const GRPC_RETRY_ON = [
  'Canceled',
  'DeadlineExceeded',
  'Internal',
  'ResourceExhausted',
  'Unavailable',
]

/** HTTP_STATUS_CODES are the codes Go's http.StatusText names. */
const HTTP_STATUS_CODES = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304,
  305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415,
  416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505,
  506, 507, 508, 510, 511,
])

/** isStatusCode mirrors strconv.Atoi followed by a non-empty http.StatusText. */
const isStatusCode = (s: string) => /^[+-]?[0-9]+$/.test(s) && HTTP_STATUS_CODES.has(Number(s))

function validateTop(targetRef: unknown, ctx?: ValidateContext): ValidationError {
  return validateTargetRef(targetRef, topLevelTargetRefOpts(ctx?.labels, TOP_LEVEL_ROUTE_KINDS))
}

function validateBackOff(path: PathBuilder, b: Obj): ValidationError {
  const err = new ValidationError()
  if (!isDefined(b.baseInterval) && !isDefined(b.maxInterval)) {
    err.addViolation(path.field('backOff'), MUST_NOT_BE_EMPTY)
  }
  return err
}

function validateRateLimitedBackOff(path: PathBuilder, r: Obj): ValidationError {
  const err = new ValidationError()
  const p = path.field('rateLimitedBackOff')
  if (isDefined(r.maxInterval)) {
    const d = typeof r.maxInterval === 'string' ? parseDuration(r.maxInterval) : undefined
    if (d !== undefined && d <= 0) {
      err.addViolation(p.field('maxInterval'), MUST_BE_DEFINED_AND_GREATER_THAN_ZERO)
    }
  }
  if (!isDefined(r.resetHeaders)) {
    err.addViolation(p.field('resetHeaders'), MUST_BE_DEFINED)
  } else {
    asArr(r.resetHeaders).forEach((h, i) => {
      if (str(asObj(h)?.name) === '') {
        err.addViolation(p.field('resetHeaders').index(i).field('name'), MUST_BE_DEFINED)
      }
    })
  }
  return err
}

function validateRetryOn(path: PathBuilder, retryOn: unknown[], grpc: boolean): ValidationError {
  const err = new ValidationError()
  retryOn.forEach((v, i) => {
    // Kuma reads retryOn as strings, so a YAML `500` is the item '500'.
    const s = typeof v === 'number' || typeof v === 'boolean' ? String(v) : str(v)
    const ok = grpc ? GRPC_RETRY_ON.includes(s) : HTTP_RETRY_ON.includes(s) || isStatusCode(s)
    if (!ok) err.addViolation(path.field('retryOn').index(i), `unknown item '${s}'`)
  })
  return err
}

function validateHostSelection(path: PathBuilder, predicates: unknown[]): ValidationError {
  const err = new ValidationError()
  const p = path.field('hostSelection')
  let prioritySet = false
  predicates.forEach((item, i) => {
    const pred = asObj(item) ?? {}
    const type = str(pred.predicate)
    switch (type) {
      case 'OmitHostsWithTags':
        if (!isDefined(pred.tags)) err.addViolation(p.index(i).field('tags'), MUST_BE_DEFINED)
        break
      case 'OmitPreviousPriorities': {
        if (prioritySet) {
          err.addViolation(p.index(i).field('predicate'), `${type} must only be specified once`)
        }
        const freq = typeof pred.updateFrequency === 'number' ? pred.updateFrequency : 0
        if (freq <= 0) {
          err.addViolation(
            p.index(i).field('updateFrequency'),
            MUST_BE_DEFINED_AND_GREATER_THAN_ZERO,
          )
        }
        prioritySet = true
        break
      }
      case 'OmitPreviousHosts':
        break
      default:
        err.addViolation(p.index(i).field('predicate'), `unknown predicate type '${type}'`)
    }
  })
  return err
}

function validateHTTP(path: PathBuilder, http: Obj): ValidationError {
  const err = new ValidationError()
  const p = path.field('http')
  const fields = [
    'numRetries',
    'perTryTimeout',
    'backOff',
    'retryOn',
    'retriableRequestHeaders',
    'retriableResponseHeaders',
    'rateLimitedBackOff',
    'hostSelection',
  ]
  if (fields.every((f) => !isDefined(http[f]))) err.addViolation(p, MUST_NOT_BE_EMPTY)
  if (isDefined(http.backOff)) err.add(validateBackOff(p, asObj(http.backOff) ?? {}))
  if (isDefined(http.rateLimitedBackOff)) {
    err.add(validateRateLimitedBackOff(p, asObj(http.rateLimitedBackOff) ?? {}))
  }
  if (isDefined(http.retryOn)) err.add(validateRetryOn(p, asArr(http.retryOn), false))
  if (isDefined(http.hostSelection)) err.add(validateHostSelection(p, asArr(http.hostSelection)))
  return err
}

function validateGRPC(path: PathBuilder, grpc: Obj): ValidationError {
  const err = new ValidationError()
  const p = path.field('grpc')
  const fields = ['numRetries', 'perTryTimeout', 'backOff', 'retryOn', 'rateLimitedBackOff']
  if (fields.every((f) => !isDefined(grpc[f]))) err.addViolation(p, MUST_NOT_BE_EMPTY)
  if (isDefined(grpc.backOff)) err.add(validateBackOff(p, asObj(grpc.backOff) ?? {}))
  if (isDefined(grpc.rateLimitedBackOff)) {
    err.add(validateRateLimitedBackOff(p, asObj(grpc.rateLimitedBackOff) ?? {}))
  }
  if (isDefined(grpc.retryOn)) err.add(validateRetryOn(p, asArr(grpc.retryOn), true))
  return err
}

/** validateDefault is Kuma's validateDefault; its paths start at `conf`, as Kuma's do. */
function validateDefault(value: unknown): ValidationError {
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('conf')
  const conf = asObj(value) ?? {}
  if (!isDefined(conf.tcp) && !isDefined(conf.http) && !isDefined(conf.grpc)) {
    err.addViolation(path, "at least one of the 'tcp', 'http', 'grpc' must be specified")
  }
  if (isDefined(conf.tcp)) {
    const tcp = asObj(conf.tcp) ?? {}
    if (!isDefined(tcp.maxConnectAttempt)) err.addViolation(path.field('tcp'), MUST_NOT_BE_EMPTY)
    else if (tcp.maxConnectAttempt === 0) {
      err.addViolation(path.field('tcp').field('maxConnectAttempt'), 'must be greater than 0')
    }
  }
  if (isDefined(conf.http)) err.add(validateHTTP(path, asObj(conf.http) ?? {}))
  if (isDefined(conf.grpc)) err.add(validateGRPC(path, asObj(conf.grpc) ?? {}))
  return err
}

/** validate is MeshRetryResource.validate: every violation, rooted at `spec`. */
export function validate(spec: Record<string, unknown>, ctx?: ValidateContext): ValidationError {
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  if (spec.targetRef != null)
    err.addErrorAt(path.field('targetRef'), validateTop(spec.targetRef, ctx))
  const topLevelKind = spec.targetRef == null ? 'Mesh' : str(asObj(spec.targetRef)?.kind)
  const gatewayLike = topLevelKind === 'MeshGateway' || topLevelKind === 'MeshHTTPRoute'
  const supportedKinds = gatewayLike
    ? ['Mesh', 'MeshExternalService']
    : ['Mesh', 'MeshService', 'MeshExternalService', 'MeshMultiZoneService', 'MeshHTTPRoute']
  asArr(spec.to).forEach((item, i) => {
    const p = path.field('to').index(i)
    const to = asObj(item) ?? {}
    err.addErrorAt(p.field('targetRef'), validateTargetRef(to.targetRef, { supportedKinds }))
    err.addErrorAt(p.field('default'), validateDefault(to.default))
  })
  return err
}

/** warnings is MeshRetryResource.Deprecations. */
export function warnings(spec: Record<string, unknown>): string[] {
  return topLevelTargetRefDeprecations(spec.targetRef)
}
