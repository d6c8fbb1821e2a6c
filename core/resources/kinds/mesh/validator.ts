/**
 * @module Kuma's Mesh validators: the resource rules (`pkg/core/resources/apis/mesh/mesh_validator.go`)
 * and the manager's create/update checks (`pkg/core/managers/apis/mesh/mesh_validator.go`, CA plugins).
 */
import { PathBuilder, ValidationError } from '../../../validators/validation-error'
import { isDNSName, splitHostPort } from '../../../validators/net'
import { validateSelector } from '../../../validators/tags'
import { parseRequestURI } from '../../../validators/url'
import { allowedValuesHint, validatePort } from '../inline/validators'
import { validatePrometheusConfig } from '../inline/prometheus'
import { decodeMessage, type MessageDesc } from '../inline/protojson'
import { ConfProtos } from './proto'
import type { CertificateAuthorityBackend, MeshSpec } from './types'

const root = (name: string) => PathBuilder.rootedAt(name)

/** validateMeshResource is MeshResource.Validate(): every violation of the spec itself. */
export function validateMeshResource(spec: MeshSpec): ValidationError {
  const err = new ValidationError()
  err.addErrorAt('mtls', validateMtls(spec.mtls))
  err.addErrorAt('logging', validateBackends(spec.logging, 'logging', validateLoggingBackend))
  err.addErrorAt('tracing', validateBackends(spec.tracing, 'tracing', validateTracingBackend))
  err.addErrorAt('metrics', validateMetrics(spec.metrics))
  err.addErrorAt('constraints', validateConstraints(spec.constraints))
  if (spec.routing?.zoneEgress && !spec.mtls?.enabledBackend) {
    err.addViolation('mtls', 'has to be set when zoneEgress enabled')
  }
  return err
}

const DURATION = /^(\d+)(y|w|d|h|m|s|ms)$/

function validateMtls(mtls: MeshSpec['mtls']): ValidationError {
  const err = new ValidationError()
  if (mtls === undefined) return err
  const backends = mtls.backends ?? []
  if (backends.length > 1) err.addViolation(root('backends'), 'cannot have more than 1 backends')
  const used = new Set<string>()
  backends.forEach((backend, i) => {
    const name = backend.name ?? ''
    if (used.has(name)) {
      err.addViolation(
        root('backends').index(i).field('name'),
        `${JSON.stringify(name)} name is already used for another backend`,
      )
    }
    used.add(name)
    const expiration = backend.dpCert?.rotation?.expiration ?? ''
    if (backend.dpCert !== undefined && expiration !== '0' && !DURATION.test(expiration)) {
      // Kuma's path, lower-case `dpcert` and no backend index
      err.addViolation('dpcert.rotation.expiration', 'has to be a valid format')
    }
  })
  if (mtls.enabledBackend && !used.has(mtls.enabledBackend)) {
    err.addViolation('enabledBackend', 'has to be set to one of the backends in the mesh')
  }
  return err
}

interface Backend {
  name?: string
}

function validateBackends<B extends Backend>(
  section: { defaultBackend?: string; backends?: B[] } | undefined,
  what: 'logging' | 'tracing',
  validateBackend: (b: B) => ValidationError,
): ValidationError {
  const err = new ValidationError()
  if (section === undefined) return err
  const used = new Set<string>()
  ;(section.backends ?? []).forEach((backend, i) => {
    err.addErrorAt(root('backends').index(i).toString(), validateBackend(backend))
    const name = backend.name ?? ''
    if (used.has(name)) {
      err.addViolation(
        root('backends').index(i).field('name'),
        `${JSON.stringify(name)} name is already used for another backend`,
      )
    }
    used.add(name)
  })
  if (section.defaultBackend && !used.has(section.defaultBackend)) {
    err.addViolation('defaultBackend', `has to be set to one of the ${what} backend in mesh`)
  }
  return err
}

/** typed reads a backend `conf` into its config message, as Kuma's proto.ToTyped does. */
function typed<T>(conf: Record<string, unknown> | undefined, md: MessageDesc): T | string {
  const decoded = decodeMessage(conf ?? null, md)
  return decoded.error !== undefined ? decoded.error : (decoded.value as T)
}

function validateLoggingBackend(backend: {
  name?: string
  type?: string
  conf?: Record<string, unknown>
}): ValidationError {
  const err = new ValidationError()
  if (!backend.name) err.addViolation('name', 'cannot be empty')
  const config = new ValidationError()
  if (backend.type === 'file') {
    const cfg = typed<{ path?: string }>(backend.conf, ConfProtos.file)
    if (typeof cfg === 'string') config.addViolation('', `could not parse config: ${cfg}`)
    else if (!cfg.path) config.addViolation('path', 'cannot be empty')
    err.addErrorAt('config', config)
  } else if (backend.type === 'tcp') {
    const cfg = typed<{ address?: string }>(backend.conf, ConfProtos.tcp)
    if (typeof cfg === 'string') config.addViolation('', `could not parse config: ${cfg}`)
    else if (!cfg.address) config.addViolation('address', 'cannot be empty')
    else {
      const hp = splitHostPort(cfg.address)
      if (!hp || hp.host === '' || hp.port === '') {
        config.addViolation('address', 'has to be in format of HOST:PORT')
      }
    }
    err.addErrorAt('config', config)
  } else {
    err.addViolation('type', 'unknown backend type. Available backends: "tcp", "file"')
  }
  return err
}

function validateTracingBackend(backend: {
  name?: string
  sampling?: number
  type?: string
  conf?: Record<string, unknown>
}): ValidationError {
  const err = new ValidationError()
  if (!backend.name) err.addViolation('name', 'cannot be empty')
  const sampling = Number(backend.sampling ?? 0)
  if (sampling < 0 || sampling > 100)
    err.addViolation('sampling', 'has to be in [0.0 - 100.0] range')
  const config = new ValidationError()
  if (backend.type === 'zipkin') {
    const cfg = typed<{ url?: string; apiVersion?: string }>(backend.conf, ConfProtos.zipkin)
    if (typeof cfg === 'string') config.addViolation('', `could not parse config: ${cfg}`)
    else {
      const api = cfg.apiVersion ?? ''
      if (api !== '' && !['httpJsonV1', 'httpJson', 'httpProto'].includes(api)) {
        config.addViolation(
          'apiVersion',
          `has invalid value. ${allowedValuesHint('httpJsonV1', 'httpJson', 'httpProto')}`,
        )
      }
      if (!cfg.url) config.addViolation('url', 'cannot be empty')
      else {
        const uri = parseRequestURI(cfg.url)
        if (!uri) config.addViolation('url', 'invalid URL')
        else if (uri.port === '') config.addViolation('url', 'port has to be explicitly specified')
      }
    }
    err.addErrorAt('config', config)
  } else if (backend.type === 'datadog') {
    const cfg = typed<{ address?: string; port?: number }>(backend.conf, ConfProtos.datadog)
    if (typeof cfg === 'string') config.addViolation('', `could not parse config: ${cfg}`)
    else {
      if (!cfg.address) config.addViolation('address', 'cannot be empty')
      config.add(validatePort(root('port'), cfg.port))
    }
    err.addErrorAt('config', config)
  } else {
    err.addViolation('type', 'unknown backend type. Available backends: "zipkin", "datadog"')
  }
  return err
}

function validateMetrics(metrics: MeshSpec['metrics']): ValidationError {
  const err = new ValidationError()
  if (metrics === undefined) return err
  const used = new Set<string>()
  ;(metrics.backends ?? []).forEach((backend, i) => {
    const at = root('backends').index(i)
    const name = backend.name ?? ''
    if (used.has(name)) {
      err.addViolation(
        at.field('name'),
        `${JSON.stringify(name)} name is already used for another backend`,
      )
    }
    if (backend.type !== 'prometheus') {
      err.addViolation(at.field('type'), 'unknown backend type. Available backends: "prometheus"')
    } else {
      err.addErrorAt(at.field('conf'), validatePrometheusConfig(backend.conf))
    }
    used.add(name)
  })
  if (metrics.enabledBackend && !used.has(metrics.enabledBackend)) {
    err.addViolation('enabledBackend', 'has to be set to one of the backends in the mesh')
  }
  return err
}

function validateConstraints(constraints: MeshSpec['constraints']): ValidationError {
  const err = new ValidationError()
  const dpp = constraints?.dataplaneProxy
  if (dpp === undefined) return err
  const inner = new ValidationError()
  for (const list of ['requirements', 'restrictions'] as const) {
    ;(dpp[list] ?? []).forEach((rule, i) => {
      inner.add(
        validateSelector(root(list).index(i).field('tags'), rule.tags, {
          requireAtLeastOneTag: true,
        }),
      )
    })
  }
  return err.addErrorAt('dataplaneProxy', inner)
}

/**
 * validateMeshCreate is the mesh manager's ValidateCreate: name length and each mTLS backend
 * checked by its CA plugin (`builtin`, `provided`). Loading a provided CA's cert is not done here.
 */
export function validateMeshCreate(name: string, spec: MeshSpec): ValidationError {
  const err = new ValidationError()
  if (name.length > 63) err.addViolation('name', 'cannot be longer than 63 characters')
  return err.add(validateMTLSBackends(name, spec))
}

/** validateMeshUpdate is the mesh manager's ValidateUpdate (the CA cannot change while mTLS is on). */
export function validateMeshUpdate(
  name: string,
  previous: MeshSpec,
  next: MeshSpec,
): ValidationError {
  const err = new ValidationError()
  const before = previous.mtls?.enabledBackend ?? ''
  const after = next.mtls?.enabledBackend ?? ''
  if (before !== '' && after !== '' && before !== after) {
    err.addViolation(
      'mtls.enabledBackend',
      'Changing CA when mTLS is enabled is forbidden. Disable mTLS first and then change the CA',
    )
  }
  return err.add(validateMTLSBackends(name, next))
}

function validateMTLSBackends(mesh: string, spec: MeshSpec): ValidationError {
  const err = new ValidationError()
  const path = root('mtls').field('backends')
  const backends = spec.mtls?.backends ?? []
  for (let i = 0; i < backends.length; i++) {
    const backend = backends[i]
    if (backend.type !== 'builtin' && backend.type !== 'provided') {
      return err.addViolation(
        path.index(i).field('type'),
        'could not find installed plugin for this type',
      )
    }
    if (spec.mtls?.skipValidation) continue
    const conf =
      backend.type === 'builtin' ? validateBuiltinCA(mesh, backend) : validateProvidedCA(backend)
    err.addErrorAt(path.index(i).field('conf'), conf)
  }
  return err
}

function validateBuiltinCA(mesh: string, backend: CertificateAuthorityBackend): ValidationError {
  const err = new ValidationError()
  const cfg = typed(backend.conf, ConfProtos.builtin)
  if (typeof cfg === 'string') err.addViolation('', `could not convert backend config: ${cfg}`)
  const secretName = `${mesh}.ca-builtin-cert-${backend.name ?? ''}`
  // Kuma reports these at `mtls.backends.name` below the backend's `conf`
  const namePath = root('mtls').field('backends').field('name')
  if (secretName.length > 255)
    err.addViolation(namePath, 'Backend name is too long. Max length: 255')
  if (!isDNSName(secretName) || secretName !== secretName.toLowerCase()) {
    err.addViolation(namePath, `${JSON.stringify(backend.name ?? '')} name must be valid dns name`)
  }
  return err
}

function validateProvidedCA(backend: CertificateAuthorityBackend): ValidationError {
  const err = new ValidationError()
  type DataSource = { secret?: string; file?: string; inline?: string; inlineString?: string }
  const cfg = typed<{ cert?: DataSource; key?: DataSource }>(backend.conf, ConfProtos.provided)
  if (typeof cfg === 'string')
    return err.addViolation('', `could not convert backend config: ${cfg}`)
  for (const which of ['cert', 'key'] as const) {
    const ds = cfg[which]
    if (ds === undefined) {
      err.addViolation(which, 'has to be defined')
      continue
    }
    const inner = new ValidationError()
    if (Object.keys(ds).length === 0) {
      inner.addViolation(
        '',
        'data source has to be chosen. Available sources: secret, file, inline',
      )
    }
    if (ds.secret === '') inner.addViolation('secret', 'cannot be empty')
    if (ds.inline === '') inner.addViolation('inline', 'cannot be empty')
    if (ds.file === '') inner.addViolation('file', 'cannot be empty')
    err.addErrorAt(which, inner)
  }
  return err
}
