/** @module MeshAccessLog's semantic rules (Kuma `meshaccesslog/api/v1alpha1/validator.go`). */
import type { TargetRef, TargetRefKind } from '../common/targetref'
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import {
  validateOtelAttributeName,
  validateOtelBackendRefOrEndpoint,
} from '../../validators/backend-refs'
import { isFilePath, isJSON } from '../../validators/formats'
import { MUST_BE_DEFINED, MUST_NOT_BE_EMPTY } from '../../validators/messages'
import { isURL } from '../../validators/url'
import { affectsInbounds } from '../common/policy-role'
import { validateMatch, validateTargetRef } from '../common/targetref-rules'
import { TOP_LEVEL_KINDS } from '../common/policy-role'
import type { Backend, Conf, Format, MeshAccessLog } from './types'

/** validateMeshAccessLog returns every violation of Kuma's MeshAccessLog rules, rooted at `spec`. */
export function validateMeshAccessLog(
  raw: Record<string, unknown>,
  _ctx?: ValidateContext,
): ValidationError {
  const spec = raw as MeshAccessLog
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  const targetRef: TargetRef = spec.targetRef ?? { kind: 'Mesh' }
  err.addErrorAt(
    path.field('targetRef'),
    validateTargetRef(targetRef, {
      supportedKinds: TOP_LEVEL_KINDS.system,
      gatewayListenerTagsAllowed: true,
      isInboundPolicy: affectsInbounds(spec),
    }),
  )
  const rules = spec.rules ?? []
  const to = spec.to ?? []
  const from = spec.from ?? []
  if (rules.length > 0 && (to.length > 0 || from.length > 0)) {
    err.addViolation(path, "fields 'to' and 'from' must be empty when 'rules' is defined")
  }
  if (rules.length === 0 && to.length === 0 && from.length === 0) {
    err.addViolation(path, "at least one of 'from', 'to' or 'rules' has to be defined")
  }
  const toKinds: TargetRefKind[] =
    targetRef.kind === 'MeshGateway'
      ? ['Mesh']
      : ['Mesh', 'MeshService', 'MeshExternalService', 'MeshMultiZoneService', 'MeshHTTPRoute']
  to.forEach((item, i) => {
    const p = path.field('to').index(i)
    err.addErrorAt(
      p.field('targetRef'),
      validateTargetRef(item.targetRef ?? ({} as TargetRef), { supportedKinds: toKinds }),
    )
    err.addErrorAt(p.field('default'), validateDefault(item.default))
  })
  from.forEach((item, i) => {
    const p = path.field('from').index(i)
    err.addErrorAt(
      p.field('targetRef'),
      validateTargetRef(item.targetRef ?? ({} as TargetRef), { supportedKinds: ['Mesh'] }),
    )
    err.addErrorAt(p.field('default'), validateDefault(item.default))
  })
  rules.forEach((rule, i) => {
    const p = path.field('rules').index(i)
    ;(rule.matches ?? []).forEach((m, j) => {
      err.addErrorAt(p.field('matches').index(j), validateMatch(m))
    })
    err.addErrorAt(p.field('default'), validateDefault(rule.default))
  })
  return err
}

function validateDefault(conf: Conf | undefined): ValidationError {
  const err = new ValidationError()
  if (!conf?.backends) return err.addViolation('backends', MUST_BE_DEFINED)
  conf.backends.forEach((backend, i) => {
    err.addErrorAt(PathBuilder.rootedAt('backends').index(i), validateBackend(backend))
  })
  return err
}

function validateBackend(backend: Backend): ValidationError {
  const err = new ValidationError()
  switch (backend.type) {
    case 'File': {
      const root = PathBuilder.rootedAt('file')
      if (!backend.file) return err.addViolation(root, MUST_BE_DEFINED)
      if (backend.file.format)
        err.addErrorAt(root.field('format'), validateFormat(backend.file.format))
      if (!isFilePath(backend.file.path ?? '')) {
        err.addViolation(root.field('path'), 'file backend requires a valid path')
      }
      break
    }
    case 'Tcp': {
      const root = PathBuilder.rootedAt('tcp')
      if (!backend.tcp) return err.addViolation(root, MUST_BE_DEFINED)
      if (backend.tcp.format)
        err.addErrorAt(root.field('format'), validateFormat(backend.tcp.format))
      if (!isURL(backend.tcp.address ?? '')) {
        err.addViolation(root.field('address'), 'tcp backend requires valid address')
      }
      break
    }
    case 'OpenTelemetry': {
      const root = PathBuilder.rootedAt('openTelemetry')
      const otel = backend.openTelemetry
      if (!otel) return err.addViolation(root, MUST_BE_DEFINED)
      err.addErrorAt(root, validateOtelBackendRefOrEndpoint(otel.endpoint, otel.backendRef))
      const attrs = new ValidationError()
      ;(otel.attributes ?? []).forEach((a, i) => {
        attrs.add(
          validateOtelAttributeName(
            PathBuilder.rootedAt('attributes').index(i).field('key'),
            a.key ?? '',
          ),
        )
      })
      err.addErrorAt(root, attrs)
      break
    }
  }
  return err
}

function validateFormat(format: Format): ValidationError {
  const err = new ValidationError()
  switch (format.type) {
    case 'Plain': {
      if (format.plain === undefined || format.plain === null)
        return err.addViolation('plain', MUST_BE_DEFINED)
      if (format.plain === '') err.addViolation('plain', MUST_NOT_BE_EMPTY)
      break
    }
    case 'Json': {
      if (!format.json) return err.addViolation('json', MUST_BE_DEFINED)
      if (format.json.length === 0) err.addViolation('json', MUST_NOT_BE_EMPTY)
      format.json.forEach((field, i) => {
        const p = PathBuilder.rootedAt('json').index(i)
        const key = field.key ?? ''
        const value = field.value ?? ''
        if (key === '') err.addViolation(p.field('key'), 'key cannot be empty')
        if (value === '') err.addViolation(p.field('value'), 'value cannot be empty')
        // Kuma formats the pair without escaping, so quotes in keys or values break the JSON.
        if (!isJSON(`{"${key}": "${value}"}`)) err.addViolation(p, 'is not a valid JSON object')
      })
      break
    }
  }
  return err
}
