/** @module MeshTrace's semantic rules (Kuma `meshtrace/api/v1alpha1/validator.go`). */
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import { validateOtelBackendRefOrEndpoint } from '../../validators/backend-refs'
import { decimal } from '../../validators/common'
import {
  MUST_BE_DEFINED,
  MUST_NOT_BE_DEFINED,
  MUST_NOT_BE_EMPTY,
  mustHaveOnlyOne,
  INVALID_PORT,
} from '../../validators/messages'
import { goURLPort, isURL, parseGoURL } from '../../validators/url'
import { TOP_LEVEL_KINDS, topLevelTargetRefOpts } from '../common/policy-role'
import { validateTargetRef } from '../common/targetref-rules'
import type { Conf, IntOrString, MeshTrace } from './types'

/** validateMeshTrace returns every violation of Kuma's MeshTrace rules, rooted at `spec`. */
export function validateMeshTrace(
  raw: Record<string, unknown>,
  ctx?: ValidateContext,
): ValidationError {
  const spec = raw as MeshTrace
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  if (spec.targetRef) {
    const opts = topLevelTargetRefOpts(ctx?.labels, TOP_LEVEL_KINDS, { gatewayListenerTags: false })
    err.addErrorAt(path.field('targetRef'), validateTargetRef(spec.targetRef, opts))
  }
  err.addErrorAt(path.field('default'), validateDefault(spec.default ?? {}))
  return err
}

function validateDefault(conf: Conf): ValidationError {
  const err = new ValidationError()
  const backendsPath = PathBuilder.rootedAt('backends')
  if (!conf.backends) err.addViolation(backendsPath, MUST_BE_DEFINED)
  const backends = conf.backends ?? []
  if (backends.length === 1) err.add(validateBackend(conf, backendsPath))
  else if (backends.length > 1)
    err.addViolation(backendsPath, 'must have zero or one backend defined')

  ;(conf.tags ?? []).forEach((tag, i) => {
    const p = PathBuilder.rootedAt('tags').index(i)
    if (!tag.name) err.addViolation(p.field('name'), MUST_NOT_BE_EMPTY)
    if ((tag.header !== undefined) === (tag.literal !== undefined)) {
      err.addViolation(p, mustHaveOnlyOne('tag', 'header', 'literal'))
    }
  })

  const sampling = PathBuilder.rootedAt('sampling')
  for (const field of ['client', 'random', 'overall'] as const) {
    const value = conf.sampling?.[field]
    if (value !== undefined && value !== null) {
      err.addErrorAt(sampling.field(field), validateSampling(value))
    }
  }
  return err
}

function validateBackend(conf: Conf, backendsPath: PathBuilder): ValidationError {
  const err = new ValidationError()
  const backend = conf.backends![0]
  const first = backendsPath.index(0)
  switch (backend.type) {
    case 'Datadog': {
      const p = first.field('datadog')
      if (!backend.datadog) return err.addViolation(p, MUST_BE_DEFINED)
      const urlPath = p.field('url')
      const url = parseGoURL(backend.datadog.url ?? '', true)
      if (!url) return err.addViolation(urlPath, 'must be a valid url')
      // taken from dd-trace-go's profiler options, as Kuma does
      if (url.scheme !== 'http') err.addViolation(urlPath, 'scheme must be http')
      const port = goURLPort(url)
      if (port === '') err.addViolation(urlPath, `port ${MUST_BE_DEFINED}`)
      else if (!/^[+-]?[0-9]+$/.test(port) || Number(port) === 0 || Number(port) > 65535) {
        err.addViolation(urlPath, INVALID_PORT)
      }
      const nonEmpty: [string, boolean][] = [
        ['opaque', url.opaque !== ''],
        ['user', url.user],
        ['path', url.path !== ''],
        ['query', url.rawQuery !== ''],
        ['fragment', url.fragment !== ''],
      ]
      for (const [name, set] of nonEmpty) {
        if (set) err.addViolation(urlPath, `${name} ${MUST_NOT_BE_DEFINED}`)
      }
      break
    }
    case 'Zipkin': {
      const p = first.field('zipkin')
      if (!backend.zipkin) return err.addViolation(p, MUST_BE_DEFINED)
      const url = backend.zipkin.url ?? ''
      if (url === '') err.addViolation(p.field('url'), MUST_NOT_BE_EMPTY)
      else if (!isURL(url)) err.addViolation(p.field('url'), 'must be a valid url')
      break
    }
    case 'OpenTelemetry': {
      const p = first.field('openTelemetry')
      const otel = backend.openTelemetry
      if (!otel) return err.addViolation(p, MUST_BE_DEFINED)
      err.addErrorAt(p, validateOtelBackendRefOrEndpoint(otel.endpoint, otel.backendRef))
      break
    }
  }
  return err
}

function validateSampling(value: IntOrString): ValidationError {
  const err = new ValidationError()
  const n = decimal(value)
  if (n === undefined) err.addViolation('', 'string is not a number')
  else if (n < 0 || n > 100) err.addViolation('', 'must be between 0 and 100')
  return err
}
