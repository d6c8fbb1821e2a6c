/** @module MeshTimeout's semantic rules (Kuma `meshtimeout/api/v1alpha1/validator.go`). */
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import {
  durationGreaterThanZeroOrNil,
  durationNotNegativeOrNil,
  mustBeNil,
} from '../../validators/common'
import { asArr, asObj, isDefined, type Obj, str } from '../../validators/json'
import { MUST_NOT_BE_DEFINED } from '../../validators/messages'
import { FROM_DEPRECATED, topLevelTargetRefDeprecations } from '../common/deprecations'
import {
  hasSpiffeIDMatch,
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

function validateHttp(path: PathBuilder, http: Obj | undefined): ValidationError {
  const err = new ValidationError()
  if (!http) return err
  const timeouts = [
    'requestTimeout',
    'streamIdleTimeout',
    'maxStreamDuration',
    'maxConnectionDuration',
  ]
  if (timeouts.every((t) => !isDefined(http[t]))) {
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
  if (!isDefined(conf.connectionTimeout) && !isDefined(conf.idleTimeout) && !isDefined(conf.http)) {
    return err.addViolation(path, 'at least one timeout should be configured')
  }
  if (topLevelKind === 'MeshHTTPRoute') {
    const msg = "can't be specified when top-level TargetRef is referencing MeshHTTPRoute"
    err.add(mustBeNil(path.field('connectionTimeout'), conf.connectionTimeout, msg))
    err.add(mustBeNil(path.field('idleTimeout'), conf.idleTimeout, msg))
    if (http) {
      err.add(mustBeNil(path.field('http').field('maxStreamDuration'), http.maxStreamDuration, msg))
      err.add(
        mustBeNil(
          path.field('http').field('maxConnectionDuration'),
          http.maxConnectionDuration,
          msg,
        ),
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

function validateMatches(
  matchesPath: PathBuilder,
  defaultPath: PathBuilder,
  matches: unknown[],
  conf: Obj,
): ValidationError {
  const err = new ValidationError()
  matches.forEach((m, i) => err.addErrorAt(matchesPath.index(i), validateRuleMatch(m)))
  if (hasSpiffeIDMatch(matches)) {
    err.add(
      mustBeNil(
        defaultPath.field('connectionTimeout'),
        conf.connectionTimeout,
        NOT_CONDITIONED_ON_SOURCE,
      ),
    )
    err.add(
      mustBeNil(defaultPath.field('idleTimeout'), conf.idleTimeout, NOT_CONDITIONED_ON_SOURCE),
    )
    const http = asObj(conf.http)
    if (http) {
      for (const f of ['requestHeadersTimeout', 'maxStreamDuration', 'maxConnectionDuration']) {
        err.add(mustBeNil(defaultPath.field('http').field(f), http[f], NOT_CONDITIONED_ON_SOURCE))
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
  const out = asArr(spec.from).length > 0 ? [FROM_DEPRECATED] : []
  return [...out, ...topLevelTargetRefDeprecations(spec.targetRef)]
}
