/** @module MeshMetric's semantic rules (Kuma `meshmetric/api/v1alpha1/validator.go`). */
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import { validateOtelBackendRefOrEndpoint } from '../../validators/backend-refs'
import { validatePort } from '../../validators/common'
import { isRE2 } from '../../validators/formats'
import { MUST_BE_DEFINED } from '../../validators/messages'
import { splitHostPort } from '../../validators/net'
import { TOP_LEVEL_KINDS, topLevelTargetRefOpts } from '../common/policy-role'
import { validateTargetRef } from '../common/targetref-rules'
import type { Application, Backend, Conf, MeshMetric, Profile, Selector, Sidecar } from './types'

/** validateMeshMetric returns every violation of Kuma's MeshMetric rules, rooted at `spec`. */
export function validateMeshMetric(
  raw: Record<string, unknown>,
  ctx?: ValidateContext,
): ValidationError {
  const spec = raw as MeshMetric
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  if (spec.targetRef) {
    const opts = topLevelTargetRefOpts(ctx?.labels, TOP_LEVEL_KINDS)
    err.addErrorAt(path.field('targetRef'), validateTargetRef(spec.targetRef, opts))
  }
  err.addErrorAt(path.field('default'), validateDefault(spec.default ?? {}))
  return err
}

function validateDefault(conf: Conf): ValidationError {
  return new ValidationError()
    .addErrorAt('sidecar', validateSidecar(conf.sidecar))
    .addErrorAt('applications', validateApplications(conf.applications))
    .addErrorAt('backends', validateBackends(conf.backends))
}

function validateSidecar(sidecar: Sidecar | undefined): ValidationError {
  const err = new ValidationError()
  const profiles = sidecar?.profiles
  if (!profiles) return err
  if (profiles.exclude) err.addErrorAt('profiles', validateSelectors(profiles.exclude, 'exclude'))
  if (profiles.include) err.addErrorAt('profiles', validateSelectors(profiles.include, 'include'))
  if (profiles.appendProfiles) {
    err.addErrorAt('profiles.appendProfiles', validateAppendProfiles(profiles.appendProfiles))
  }
  return err
}

function validateAppendProfiles(profiles: Profile[]): ValidationError {
  const err = new ValidationError()
  profiles.forEach((profile, i) => {
    if (!['All', 'None', 'Basic'].includes(profile.name)) {
      err.addViolation(
        PathBuilder.root().index(i).field('name'),
        `unrecognized profile name '${profile.name ?? ''}' - 'All', 'None', 'Basic' are supported`,
      )
    }
  })
  return err
}

function validateSelectors(selectors: Selector[], selectorType: string): ValidationError {
  const err = new ValidationError()
  selectors.forEach((selector, i) => {
    const p = PathBuilder.rootedAt(selectorType).index(i)
    switch (selector.type) {
      case 'Regex':
        if (!isRE2(selector.match ?? '')) err.addViolation(p.field('match'), 'invalid regex')
        break
      case 'Prefix':
      case 'Exact':
      case 'Contains':
        break
      default:
        err.addViolation(
          p.field('type'),
          `unrecognized type '${selector.type ?? ''}' - 'Regex', 'Prefix', 'Exact' are supported`,
        )
    }
  })
  return err
}

function validateApplications(applications: Application[] | undefined): ValidationError {
  const err = new ValidationError()
  ;(applications ?? []).forEach((app, i) => {
    err.add(validatePort(PathBuilder.rootedAt('application').index(i), app.port))
  })
  return err
}

function validateBackends(backends: Backend[] | undefined): ValidationError {
  const err = new ValidationError()
  ;(backends ?? []).forEach((backend, i) => {
    const p = PathBuilder.rootedAt('backend').index(i)
    switch (backend.type) {
      case 'Prometheus':
        if (!backend.prometheus) err.addViolation(p.field('prometheus'), MUST_BE_DEFINED)
        else err.add(validatePort(p.field('port'), backend.prometheus.port ?? 0))
        break
      case 'OpenTelemetry': {
        const otel = backend.openTelemetry
        if (!otel) err.addViolation(p.field('openTelemetry'), MUST_BE_DEFINED)
        else {
          // MeshMetric required host:port before backendRef existed; Kuma keeps that rule.
          err.addErrorAt(
            p.field('openTelemetry'),
            validateOtelBackendRefOrEndpoint(otel.endpoint, otel.backendRef, hostPort),
          )
        }
        break
      }
      default:
        err.addViolation(p, 'unrecognized type')
    }
  })
  return err
}

function hostPort(endpoint: string): ValidationError {
  const err = new ValidationError()
  if (!splitHostPort(endpoint)) err.addViolation('endpoint', 'must be in host:port format')
  return err
}
