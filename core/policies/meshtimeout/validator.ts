/** @module MeshTimeout's semantic rules (Kuma `meshtimeout/api/v1alpha1/validator.go`). */
import type { ValidateContext } from '../../resources/kind'
import { goQuote } from '../../schema/formats'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import { validateMatch, validateTargetRef } from '../meshhealthcheck/targetref-rules'
import {
  asArr,
  asObj,
  durationGreaterThanZeroOrNil,
  MUST_NOT_BE_DEFINED,
  type Obj,
  parseDuration,
  str,
} from '../meshhealthcheck/value-rules'
import { topLevelTargetRefDeprecations } from '../meshtrafficpermission/validator'

const policyRole = (ctx?: ValidateContext) => ctx?.labels?.['kuma.io/policy-role'] || 'system'
const defined = (v: unknown) => v !== undefined && v !== null

/** durationNotNegativeOrNil is Kuma's ValidateDurationNotNegativeOrNil. */
function durationNotNegativeOrNil(path: PathBuilder, v: unknown): ValidationError {
  const err = new ValidationError()
  const d = typeof v === 'string' ? parseDuration(v) : undefined
  if (d !== undefined && d < 0) err.addViolation(path, 'must not be negative when defined')
  return err
}

/** mustBeNil is Kuma's ValidateNil: the field must be absent, with `msg` as the reason. */
function mustBeNil(err: ValidationError, path: PathBuilder, v: unknown, msg: string): void {
  if (defined(v)) err.addViolation(path, msg)
}

function validateTop(spec: Obj, ctx?: ValidateContext): ValidationError {
  const isInboundPolicy = asArr(spec.rules).length > 0 || asArr(spec.from).length > 0
  if (policyRole(ctx) === 'system') {
    return validateTargetRef(spec.targetRef, {
      supportedKinds: [
        'Mesh',
        'MeshSubset',
        'Dataplane',
        'MeshGateway',
        'MeshService',
        'MeshServiceSubset',
        'MeshHTTPRoute',
      ],
      gatewayListenerTagsAllowed: true,
      isInboundPolicy,
    })
  }
  return validateTargetRef(spec.targetRef, {
    supportedKinds: ['Mesh', 'Dataplane', 'MeshSubset', 'MeshService', 'MeshServiceSubset'],
    isInboundPolicy,
  })
}

function validateHttp(path: PathBuilder, http: Obj | undefined): ValidationError {
  const err = new ValidationError()
  if (!http) return err
  const timeouts = [
    'requestTimeout',
    'streamIdleTimeout',
    'maxStreamDuration',
    'maxConnectionDuration',
  ]
  if (timeouts.every((t) => !defined(http[t]))) {
    err.addViolation(path, 'at least one timeout in this section should be configured')
  }
  for (const t of [...timeouts, 'requestHeadersTimeout']) {
    err.add(durationNotNegativeOrNil(path.field(t), http[t]))
  }
  return err
}

function validateDefault(path: PathBuilder, value: unknown, topLevelKind: string): ValidationError {
  const err = new ValidationError()
  const conf = asObj(value) ?? {}
  const http = asObj(conf.http)
  if (!defined(conf.connectionTimeout) && !defined(conf.idleTimeout) && !defined(conf.http)) {
    return err.addViolation(path, 'at least one timeout should be configured')
  }
  if (topLevelKind === 'MeshHTTPRoute') {
    const msg = "can't be specified when top-level TargetRef is referencing MeshHTTPRoute"
    mustBeNil(err, path.field('connectionTimeout'), conf.connectionTimeout, msg)
    mustBeNil(err, path.field('idleTimeout'), conf.idleTimeout, msg)
    if (http) {
      mustBeNil(err, path.field('http').field('maxStreamDuration'), http.maxStreamDuration, msg)
      mustBeNil(
        err,
        path.field('http').field('maxConnectionDuration'),
        http.maxConnectionDuration,
        msg,
      )
    }
  }
  err.add(durationGreaterThanZeroOrNil(path.field('connectionTimeout'), conf.connectionTimeout))
  err.add(durationNotNegativeOrNil(path.field('idleTimeout'), conf.idleTimeout))
  err.add(validateHttp(path.field('http'), http))
  return err
}

function validateFrom(from: unknown[], topLevelKind: string): ValidationError {
  const err = new ValidationError()
  const fromPath = PathBuilder.rootedAt('from')
  if (topLevelKind === 'MeshHTTPRoute' || topLevelKind === 'MeshGateway') {
    if (from.length !== 0) err.addViolation(fromPath, MUST_NOT_BE_DEFINED)
    return err
  }
  from.forEach((item, i) => {
    const path = fromPath.index(i)
    const f = asObj(item) ?? {}
    err.addErrorAt(
      path.field('targetRef'),
      validateTargetRef(f.targetRef, { supportedKinds: ['Mesh'] }),
    )
    err.add(validateDefault(path.field('default'), f.default, topLevelKind))
  })
  return err
}

function validateTo(to: unknown[], topLevelKind: string): ValidationError {
  const err = new ValidationError()
  const gatewayLike = topLevelKind === 'MeshHTTPRoute' || topLevelKind === 'MeshGateway'
  const supportedKinds = gatewayLike
    ? ['Mesh', 'MeshExternalService']
    : ['Mesh', 'MeshService', 'MeshExternalService', 'MeshMultiZoneService', 'MeshHTTPRoute']
  to.forEach((item, i) => {
    const path = PathBuilder.rootedAt('to').index(i)
    const t = asObj(item) ?? {}
    err.addErrorAt(path.field('targetRef'), validateTargetRef(t.targetRef, { supportedKinds }))
    err.add(validateDefault(path.field('default'), t.default, topLevelKind))
  })
  return err
}

const SOURCE_MSG =
  "can't be specified when matches contain spiffeID because this field cannot be conditioned on source identity"

function validateMatches(
  matchesPath: PathBuilder,
  defaultPath: PathBuilder,
  matches: unknown[],
  conf: Obj,
): ValidationError {
  const err = new ValidationError()
  let hasSpiffeID = false
  matches.forEach((m, i) => {
    const matchPath = matchesPath.index(i)
    const match = asObj(m) ?? {}
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
          `unrecognized type ${goQuote(type)}, supported values are: Exact, Prefix`,
        )
      }
    }
  })
  if (hasSpiffeID) {
    mustBeNil(err, defaultPath.field('connectionTimeout'), conf.connectionTimeout, SOURCE_MSG)
    mustBeNil(err, defaultPath.field('idleTimeout'), conf.idleTimeout, SOURCE_MSG)
    const http = asObj(conf.http)
    if (http) {
      for (const f of ['requestHeadersTimeout', 'maxStreamDuration', 'maxConnectionDuration']) {
        mustBeNil(err, defaultPath.field('http').field(f), http[f], SOURCE_MSG)
      }
    }
  }
  return err
}

function validateRules(rules: unknown[], topLevelKind: string): ValidationError {
  const err = new ValidationError()
  rules.forEach((item, i) => {
    const path = PathBuilder.rootedAt('rules').index(i)
    const rule = asObj(item) ?? {}
    const conf = asObj(rule.default) ?? {}
    err.add(
      validateMatches(path.field('matches'), path.field('default'), asArr(rule.matches), conf),
    )
    err.add(validateDefault(path.field('default'), conf, topLevelKind))
  })
  return err
}

/** validate is MeshTimeoutResource.validate: every violation, rooted at `spec`. */
export function validate(spec: Record<string, unknown>, ctx?: ValidateContext): ValidationError {
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  const [to, from, rules] = [asArr(spec.to), asArr(spec.from), asArr(spec.rules)]
  if (spec.targetRef != null) err.addErrorAt(path.field('targetRef'), validateTop(spec, ctx))
  if (rules.length > 0 && (to.length > 0 || from.length > 0)) {
    err.addViolation(path, "fields 'to' and 'from' must be empty when 'rules' is defined")
  }
  if (rules.length === 0 && to.length === 0 && from.length === 0) {
    err.addViolation(path, "at least one of 'from', 'to' or 'rules' has to be defined")
  }
  const topLevelKind = spec.targetRef == null ? 'Mesh' : str(asObj(spec.targetRef)?.kind)
  err.addErrorAt(path, validateFrom(from, topLevelKind))
  err.addErrorAt(path, validateTo(to, topLevelKind))
  err.addErrorAt(path, validateRules(rules, topLevelKind))
  return err
}

/** warnings is MeshTimeoutResource.Deprecations. */
export function warnings(spec: Record<string, unknown>): string[] {
  const out = asArr(spec.from).length > 0 ? ["'from' field is deprecated, use 'rules' instead"] : []
  return [...out, ...topLevelTargetRefDeprecations(spec.targetRef)]
}
