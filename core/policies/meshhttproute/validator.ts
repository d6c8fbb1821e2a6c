/** @module MeshHTTPRoute's semantic rules (Kuma `meshhttproute/api/v1alpha1/validation.go`). */
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import { asArr, asObj, type Obj, str } from '../../validators/json'
import { MUST_BE_DEFINED, MUST_NOT_BE_DEFINED, mustHaveAtLeastOne } from '../../validators/messages'
import { isDNS1123Subdomain } from '../../validators/names'
import { TOP_LEVEL_KINDS, topLevelTargetRefOpts } from '../common/policy-role'
import { validateRouteBackendRef, validateTargetRef } from '../common/targetref-rules'

/** UNRESOLVED_BACKEND is the service name Kuma gives Gateway API backends it cannot resolve. */
const UNRESOLVED_BACKEND = 'kuma.io/unresolved-backend'
const PREFIX_ONLY = 'can only appear if all matches match a path prefix'

function validateTop(targetRef: unknown, ctx?: ValidateContext): ValidationError {
  return validateTargetRef(targetRef, topLevelTargetRefOpts(ctx?.labels, TOP_LEVEL_KINDS))
}

function validateMatches(matches: unknown[]): ValidationError {
  const err = new ValidationError()
  matches.forEach((item, i) => {
    const match = asObj(item) ?? {}
    const at = PathBuilder.root().index(i)
    const path = asObj(match.path)
    if (path) {
      const value = str(path.value)
      const valuePath = at.field('path').field('value')
      if (path.type === 'PathPrefix' && value !== '/') {
        if (value.endsWith('/')) {
          err.addViolation(
            valuePath,
            'does not need a trailing slash because only a `/`-separated prefix or an entire path is matched',
          )
        }
        if (!value.startsWith('/')) err.addViolation(valuePath, 'must be an absolute path')
      }
      if (path.type === 'Exact' && !value.startsWith('/')) {
        err.addViolation(valuePath, 'must be an absolute path')
      }
    }
    const seen = new Set<string>()
    asArr(match.queryParams).forEach((q, j) => {
      const name = str(asObj(q)?.name)
      if (seen.has(name)) {
        err.addViolation(
          at.field('queryParams').index(j).field('name'),
          `multiple entries for name ${name}`,
        )
      }
      seen.add(name)
    })
    asArr(match.headers).forEach((h, j) => {
      const header = asObj(h) ?? {}
      const type = str(header.type) || 'Exact'
      if ((type === 'Present' || type === 'Absent') && str(header.value) !== '') {
        err.addViolation(at.field('headers').index(j).field('value'), MUST_NOT_BE_DEFINED)
      }
    })
  })
  return err
}

const hasAnyMatchesWithoutPrefix = (matches: unknown[]) =>
  matches.some((m) => asObj(asObj(m)?.path)?.type !== 'PathPrefix')

const IPV4_SLOPPY = /^\d{1,3}(\.\d{1,3}){3}$/

/** validatePreciseHostname rejects IP addresses and non-RFC 1123 names. */
function validatePreciseHostname(hostname: unknown): ValidationError {
  const err = new ValidationError()
  if (typeof hostname !== 'string') return err
  const octets = hostname.split('.').map(Number)
  if ((IPV4_SLOPPY.test(hostname) && octets.every((o) => o <= 255)) || hostname.includes(':')) {
    return err.addViolation('', 'cannot be an IP address')
  }
  for (const problem of isDNS1123Subdomain(hostname)) err.addViolation('', problem)
  return err
}

function validateHeaderModifier(modifier: Obj): ValidationError {
  const err = new ValidationError()
  if (modifier.set === undefined && modifier.add === undefined && modifier.remove === undefined) {
    return err.addViolation('', mustHaveAtLeastOne('set', 'add', 'remove'))
  }
  const seen = new Set<string>()
  const add = (path: PathBuilder, name: string) => {
    if (seen.has(name)) err.addViolation(path.field('name'), 'duplicate header name')
    seen.add(name)
  }
  const root = PathBuilder.root()
  asArr(modifier.set).forEach((h, i) => add(root.field('set').index(i), str(asObj(h)?.name)))
  asArr(modifier.add).forEach((h, i) => add(root.field('add').index(i), str(asObj(h)?.name)))
  asArr(modifier.remove).forEach((h, i) => add(root.field('remove').index(i), str(h)))
  return err
}

function validateRewrite(
  err: ValidationError,
  at: PathBuilder,
  conf: Obj,
  matches: unknown[],
): void {
  if (asObj(conf.path)?.replacePrefixMatch !== undefined && hasAnyMatchesWithoutPrefix(matches)) {
    err.addViolation(at.field('path').field('replacePrefixMatch'), PREFIX_ONLY)
  }
  err.addErrorAt(at.field('hostname'), validatePreciseHostname(conf.hostname))
}

function validateFilters(topKind: string, filters: unknown[], matches: unknown[]): ValidationError {
  const err = new ValidationError()
  filters.forEach((item, i) => {
    const filter = asObj(item) ?? {}
    const at = PathBuilder.root().index(i)
    const field = {
      RequestHeaderModifier: 'requestHeaderModifier',
      ResponseHeaderModifier: 'responseHeaderModifier',
      RequestRedirect: 'requestRedirect',
      URLRewrite: 'urlRewrite',
      RequestMirror: 'requestMirror',
    }[str(filter.type)]
    if (!field) return
    const conf = asObj(filter[field])
    if (!conf) {
      err.addViolation(at.field(field), MUST_BE_DEFINED)
      return
    }
    switch (field) {
      case 'requestHeaderModifier':
      case 'responseHeaderModifier':
        err.addErrorAt(at.field(field), validateHeaderModifier(conf))
        break
      case 'requestRedirect':
        validateRewrite(err, at.field(field), conf, matches)
        break
      case 'urlRewrite':
        validateRewrite(err, at.field(field), conf, matches)
        if (conf.hostToBackendHostname === true) {
          const p = at.field(field).field('hostToBackendHostname')
          if (topKind !== 'MeshGateway') err.addViolation(p, 'can only be set with MeshGateway')
          if (conf.hostname !== undefined)
            err.addViolation(p, 'cannot be set together with hostname')
        }
        break
      case 'requestMirror':
        err.addErrorAt(
          at.field(field).field('backendRef'),
          validateTargetRef(conf.backendRef, {
            supportedKinds: ['MeshService', 'MeshServiceSubset'],
          }),
        )
        break
    }
  })
  return err
}

function validateBackendRefs(
  topKind: string,
  refs: unknown[],
  filters: unknown[],
): ValidationError {
  const err = new ValidationError()
  const redirects = filters.some((f) => asObj(f)?.type === 'RequestRedirect')
  if (refs.length === 0 && topKind === 'MeshGateway' && !redirects) {
    err.addViolation('', 'must not be empty')
  }
  refs.forEach((ref, i) => {
    const at = PathBuilder.root().index(i)
    err.addErrorAt(at, validateRouteBackendRef(ref, [UNRESOLVED_BACKEND]))
  })
  return err
}

/** validate checks a MeshHTTPRoute spec with Kuma's rules; paths start at `spec`. */
export function validate(spec: Record<string, unknown>, ctx?: ValidateContext): ValidationError {
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  if (spec.targetRef !== undefined)
    err.addErrorAt(path.field('targetRef'), validateTop(spec.targetRef, ctx))
  const topKind = str(asObj(spec.targetRef)?.kind) || 'Mesh'
  asArr(spec.to).forEach((item, i) => {
    const to = asObj(item) ?? {}
    const at = path.field('to').index(i)
    const toKinds =
      topKind === 'MeshGateway'
        ? ['Mesh']
        : ['MeshService', 'MeshExternalService', 'MeshMultiZoneService']
    err.addErrorAt(
      at.field('targetRef'),
      validateTargetRef(to.targetRef, { supportedKinds: toKinds }),
    )
    asArr(to.rules).forEach((r, j) => {
      const rule = asObj(r) ?? {}
      const ruleAt = at.field('rules').index(j)
      const matches = asArr(rule.matches)
      const conf = asObj(rule.default) ?? {}
      const filters = asArr(conf.filters)
      err.addErrorAt(ruleAt.field('matches'), validateMatches(matches))
      err.addErrorAt(
        ruleAt.field('default').field('filters'),
        validateFilters(topKind, filters, matches),
      )
      err.addErrorAt(
        ruleAt.field('default').field('backendRefs'),
        validateBackendRefs(topKind, asArr(conf.backendRefs), filters),
      )
    })
    if (topKind !== 'MeshGateway' && asArr(to.hostnames).length > 0) {
      err.addViolation(at.field('hostnames'), MUST_NOT_BE_DEFINED)
    }
  })
  return err
}
