/** @module The resource API's behaviour, independent of HTTP framework and database. */
import { conflict, invalid, KumaError, notFound } from '../api/errors'
import { applyDefaults, pruneUnknown, resourceSchema, validateSchema } from '../schema/validate'
import type { ListOptions, ListResult, ResourceRecord, Store, WriteResult } from '../store/store'
import { PathBuilder, ValidationError } from '../validators/validation-error'
import type { ResourceKind } from './kind'
import type { Identifier } from '../kri/kri'
import { hashedName } from './hashed-name'
import { canonicalSpec } from '../policies/common/durations'
import {
  computeLabels,
  type CpMode,
  validateImmutableLabels,
  validateLabels,
  validateOriginForWrite,
} from './labels'
import { isObject, toRestResource, type RestResource } from './rest'

const MESH = 'Mesh'
const NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const NAME_MSG =
  'invalid characters. A lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, ' +
  "'-' or '.', and must start and end with an alphanumeric character"
const MESH_RE = /^[0-9a-z-_.]*$/
const MESH_MSG =
  "invalid characters. Valid characters are numbers, lowercase latin letters and '-', '_', '.' symbols."

/** RequestScope is who is calling and where: everything a handler passes down besides input. */
export interface RequestScope {
  store: Store
  tenant: string
  /** actor is the token subject, recorded in the audit log. */
  actor: string
  /** zone is the zone name stamped on resources created through the API (zone mode). */
  zone: string
  /** mode is the control plane Kumo answers as: a standalone zone or a global one. */
  mode: CpMode
  now(): string
}

/** Precondition is a parsed `If-Match`: any existing version (`*`) or one exact version. */
export type Precondition = { any: true } | { version: number } | undefined

/** parseIfMatch reads `If-Match` as sent by HTTP clients: `*`, `"3"`, `W/"3"` or `3`. */
export function parseIfMatch(header: string | undefined): Precondition {
  if (header === undefined || header.trim() === '') return undefined
  const h = header.trim()
  if (h === '*') return { any: true }
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(h)
  if (!m)
    throw new KumaError(400, 'Bad Request', `invalid If-Match header ${JSON.stringify(header)}`)
  return { version: Number(m[1]) }
}

export const etagOf = (version: number) => `"${version}"`

/** requireMesh answers Kuma's 404 "Failed to retrieve Mesh" when a mesh-scoped path names no mesh. */
export async function requireMesh(scope: RequestScope, mesh: string): Promise<void> {
  const m = await scope.store.get(scope.tenant, { type: MESH, mesh: '', name: mesh })
  if (!m) throw notFound('Failed to retrieve Mesh')
}

export async function getResource(
  scope: RequestScope,
  kind: ResourceKind,
  mesh: string,
  name: string,
): Promise<ResourceRecord> {
  if (kind.scope === 'Mesh') await requireMesh(scope, mesh)
  const r = await scope.store.get(scope.tenant, keyOf(kind, mesh, name))
  if (!r) throw notFound('Could not retrieve a resource')
  return r
}

/**
 * findByIdentifier resolves a KRI to the stored resource as Kuma's `/_kri` does (on Universal): a
 * KRI of this control plane's own (zone mode: the KRI's zone is this zone; global mode: it names
 * no zone) is the resource of that name; any other is the copy synced here, stored under Kuma's
 * hashed name of mesh, name, zone and namespace.
 */
export async function findByIdentifier(
  scope: RequestScope,
  kind: ResourceKind,
  id: Identifier,
): Promise<ResourceRecord> {
  const local = scope.mode === 'global' ? id.zone === '' : id.zone === scope.zone
  const values = [id.zone, id.namespace].filter((v) => v !== '')
  const name = local ? id.name : hashedName(id.mesh, id.name, ...values)
  const found = await scope.store.get(scope.tenant, keyOf(kind, id.mesh, name))
  if (!found) throw notFound('Could not retrieve a resource')
  return found
}

export async function listResources(
  scope: RequestScope,
  kind: ResourceKind,
  mesh: string | undefined,
  opts: ListOptions,
): Promise<ListResult> {
  if (kind.scope === 'Mesh' && mesh !== undefined) await requireMesh(scope, mesh)
  return scope.store.list(scope.tenant, kind.name, {
    ...opts,
    mesh: kind.scope === 'Mesh' ? mesh : '',
  })
}

export interface PutOutcome {
  created: boolean
  warnings: string[]
  record: ResourceRecord
}

/**
 * putResource creates or updates a resource as kuma-cp does: schema and kind validation,
 * URL/body consistency, label rules, then one conditional write. Nothing is written unless
 * everything holds; a concurrent writer makes this call a 409, never a lost update.
 */
export async function putResource(
  scope: RequestScope,
  kind: ResourceKind,
  mesh: string,
  name: string,
  doc: Record<string, unknown>,
  precondition: Precondition,
  opts: { dryRun?: boolean } = {},
): Promise<PutOutcome> {
  const title = 'Could not process a resource'
  if (kind.scope === 'Mesh') await requireMesh(scope, mesh)
  const warnings: string[] = []

  if (kind.specSchema) {
    // Kuma validates the whole object against the kind's schema before anything else; fields
    // the schema does not know are dropped silently, as Kuma's decoder drops them
    const schema = resourceSchema(kind.name, kind.specSchema, kind.scope, statusSchemaOf(kind))
    pruneUnknown(doc, schema, '')
    applyDefaults(doc, schema)
    const schemaErr = validateSchema(doc, schema, '')
    if (schemaErr.hasViolations()) throw invalid(title, schemaErr)
  } else {
    checkMetaTypes(doc, kind)
  }

  const rest = toRestResource(doc, kind)
  let spec = (isObject(rest.spec) ? rest.spec : {}) as Record<string, unknown>
  const labels = (isObject(rest.labels) ? rest.labels : {}) as Record<string, string>
  const ctx = { name, mesh: kind.scope === 'Mesh' ? mesh : '', labels }
  if (kind.checkShape) {
    const problem = kind.checkShape(spec)
    if (problem)
      throw new KumaError(
        400,
        'Bad Request',
        `invalid ${kind.name} object: ${JSON.stringify(problem)}`,
      )
  }
  if (kind.canonical) spec = kind.canonical(spec)
  const specErr = kind.validate?.(spec, ctx)
  if (specErr?.hasViolations()) throw invalid(title, specErr)

  const reqErr = validateRequest(kind, mesh, name, rest, scope)
  if (reqErr.hasViolations()) throw invalid(title, reqErr)

  const key = keyOf(kind, mesh, name)
  const current = await scope.store.get(scope.tenant, key)
  checkPrecondition(precondition, current)
  const proxyType = proxyTypeOf(kind, spec)
  const labelOpts = { mode: scope.mode, mesh, zone: scope.zone, proxyType }
  const nextLabels = computeLabels(kind, labels, labelOpts)
  if (current) {
    const currentLabels = computeLabels(kind, current.labels, labelOpts)
    const immutable = validateImmutableLabels(currentLabels, nextLabels)
    if (immutable.hasViolations()) {
      throw invalid(
        'Could not update a resource',
        new ValidationError().addErrorAt('labels', immutable),
      )
    }
  }
  // Kuma computes deprecation warnings from the stored resource, i.e. with computed labels
  warnings.push(...(kind.warnings?.(spec, { ...ctx, labels: nextLabels }) ?? []))
  // status is the system's to write: kuma-cp ignores a status sent with a PUT
  const status = current?.status
  // Kuma stores specs through Go types: durations come back in Go's form (1m -> 1m0s)
  spec = canonicalSpec(kind.name, spec)
  if (opts.dryRun) {
    // every check above ran; a dry run stops short of the write
    const now = scope.now()
    const record: ResourceRecord = {
      type: kind.name,
      mesh: key.mesh,
      name,
      labels: nextLabels,
      spec,
      status,
      version: (current?.version ?? 0) + 1,
      creationTime: current?.creationTime ?? now,
      modificationTime: now,
    }
    return { created: !current, warnings, record }
  }
  const result = await scope.store.put(scope.tenant, {
    key,
    labels: nextLabels,
    spec,
    status,
    expectedVersion: current?.version ?? 0,
    actor: scope.actor,
    now: scope.now(),
  })
  return { created: !current, warnings, record: writtenRecord(result, kind) }
}

/** deleteResource removes one resource (a Mesh with all it owns), honouring `If-Match`. */
export async function deleteResource(
  scope: RequestScope,
  kind: ResourceKind,
  mesh: string,
  name: string,
  precondition: Precondition,
): Promise<void> {
  const title = 'Could not delete a resource'
  if (kind.scope === 'Mesh') {
    const m = await scope.store.get(scope.tenant, { type: MESH, mesh: '', name: mesh })
    if (!m) throw notFound('Failed to retrieve Mesh')
  }
  const key = keyOf(kind, mesh, name)
  const current = await scope.store.get(scope.tenant, key)
  if (!current) throw notFound(title)
  const originErr = validateOriginForWrite(current.labels, scope.mode)
  if (originErr.hasViolations()) throw invalid(title, originErr)
  checkPrecondition(precondition, current)
  const result = await scope.store.delete(scope.tenant, {
    key,
    expectedVersion: current.version,
    actor: scope.actor,
    now: scope.now(),
  })
  if (!result.ok) {
    if (result.reason === 'not-found') throw notFound(title)
    throw conflict(
      `${kind.name} ${JSON.stringify(name)} was changed by another request; read it again`,
    )
  }
}

export function keyOf(kind: ResourceKind, mesh: string, name: string) {
  return { type: kind.name, mesh: kind.scope === 'Mesh' ? mesh : '', name }
}

function checkPrecondition(p: Precondition, current: ResourceRecord | undefined): void {
  if (!p) return
  if (!current) {
    throw conflict('If-Match was given but the resource does not exist')
  }
  if ('version' in p && p.version !== current.version) {
    throw new KumaError(
      409,
      'Conflict',
      `version mismatch: If-Match is ${etagOf(p.version)}, the resource is at ${etagOf(current.version)}`,
      [],
      { ETag: etagOf(current.version) },
    )
  }
}

function writtenRecord(result: WriteResult, kind: ResourceKind): ResourceRecord {
  if (result.ok && result.record) return result.record
  if (!result.ok && result.reason === 'mesh-not-found') throw notFound('Failed to retrieve Mesh')
  throw conflict(
    `${kind.name} was changed by another request at the same time; read it and try again`,
  )
}

/** validateRequest is kuma-cp's validateResourceRequest: URL vs body, labels, name and mesh syntax. */
function validateRequest(
  kind: ResourceKind,
  mesh: string,
  name: string,
  r: RestResource,
  scope: Pick<RequestScope, 'mode' | 'zone'>,
): ValidationError {
  const err = new ValidationError()
  if (r.name !== name) err.addViolation('name', 'name from the URL has to be the same as in body')
  if (r.type !== kind.name)
    err.addViolation('type', 'type from the URL has to be the same as in body')
  if (kind.scope === 'Mesh' && r.mesh !== mesh) {
    err.addViolation('mesh', 'mesh from the URL has to be the same as in body')
  }
  if (isObject(r.labels)) {
    const bodyMesh = typeof r.mesh === 'string' ? r.mesh : ''
    err.addErrorAt(
      'labels',
      validateLabels(r.labels as Record<string, string>, {
        mode: scope.mode,
        zone: scope.zone,
        mesh: bodyMesh,
      }),
    )
  } else {
    err.addViolation('labels', 'must be an object of string values')
  }
  const bodyName = typeof r.name === 'string' ? r.name : ''
  identifier(err, 'name', bodyName, NAME_RE, NAME_MSG)
  if (kind.scope === 'Mesh')
    identifier(err, 'mesh', typeof r.mesh === 'string' ? r.mesh : '', MESH_RE, MESH_MSG)
  return err
}

function identifier(err: ValidationError, field: string, value: string, re: RegExp, msg: string) {
  const path = PathBuilder.rootedAt(field)
  if (value === '') err.addViolation(path, 'cannot be empty')
  else if (value.length > 253) err.addViolation(path, 'value length must less or equal 253')
  else if (!re.test(value)) err.addViolation(path, msg)
}

/** checkMetaTypes words a non-string type/name/mesh as Go's decoder does for inline kinds. */
function checkMetaTypes(doc: Record<string, unknown>, kind: ResourceKind): void {
  for (const field of ['type', 'mesh', 'name'] as const) {
    const v = doc[field]
    if (v === undefined || v === null || typeof v === 'string') continue
    const got = Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v
    throw new KumaError(
      400,
      'Bad Request',
      `invalid ${kind.name} object: ${JSON.stringify(`json: cannot unmarshal ${got} into Go struct field ResourceMeta.${field} of type string`)}`,
    )
  }
  if (doc.labels !== undefined && doc.labels !== null && !isObject(doc.labels)) {
    throw new KumaError(
      400,
      'Bad Request',
      `invalid ${kind.name} object: "labels must be an object"`,
    )
  }
}

const ANY_OBJECT = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } as const

/** statusSchemaOf: a kind's status schema; kinds with a status but no schema keep it as given. */
function statusSchemaOf(kind: ResourceKind) {
  return kind.statusSchema ?? (kind.hasStatus ? ANY_OBJECT : undefined)
}

/** proxyTypeOf is Kuma's `kuma.io/proxy-type` value for proxy kinds. */
function proxyTypeOf(kind: ResourceKind, spec: Record<string, unknown>): string | undefined {
  if (!kind.isProxy) return undefined
  if (kind.name === 'ZoneIngress') return 'zoneingress'
  if (kind.name === 'ZoneEgress') return 'zoneegress'
  return isObject(spec.networking) && spec.networking.gateway ? 'gateway' : 'sidecar'
}
