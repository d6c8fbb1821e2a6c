/** @module Operator API: tenants, guarded by the operator secret. */
import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { conflict, invalid, KumaError, unauthenticated } from '../core/api/errors'
import { issueToken, sameSecret } from '../core/auth/tokens'
import { canonicalSpec } from '../core/policies/common/durations'
import { kindByName } from '../core/resources/registry'
import { applyDefaults, resourceSchema } from '../core/schema/validate'
import { isObject, toRestResource } from '../core/resources/rest'
import { ValidationError } from '../core/validators/validation-error'
import { bearer } from './auth'
import type { AppEnv } from './env'

const TENANT_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
/** FIRST_TOKEN_VALIDITY_MS: a tenant's first admin token lasts 30 days. */
const FIRST_TOKEN_VALIDITY_MS = 30 * 24 * 3_600_000

export interface CreateTenantResponse {
  name: string
  token: string
}

const operatorOnly = createMiddleware<AppEnv>(async (c, next) => {
  const secret = c.var.settings.operatorToken
  if (!secret) throw new KumaError(404, 'Not Found', 'the operator API is disabled')
  const given = bearer(c.req.header('Authorization'))
  if (!given || !sameSecret(given, secret)) throw unauthenticated('operator secret required')
  await next()
})

export const operator = new Hono<AppEnv>()
  .use('/_operator/*', operatorOnly)
  .post('/_operator/tenants', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { name?: unknown } | null
    const name = body?.name
    const err = new ValidationError()
    if (typeof name !== 'string' || name === '') err.addViolation('name', 'cannot be empty')
    else if (name.length > 63 || !TENANT_RE.test(name)) {
      err.addViolation(
        'name',
        'must be a DNS-1035 label: lower case letters, digits and "-", at most 63 characters',
      )
    }
    if (err.hasViolations()) throw invalid('Could not create a tenant', err)
    const tenant = name as string
    const store = c.var.store
    const now = new Date()
    if (!(await store.createTenant(tenant, now.toISOString()))) {
      throw conflict(`tenant ${JSON.stringify(tenant)} already exists`)
    }
    await store.put(tenant, {
      key: { type: 'Mesh', mesh: '', name: 'default' },
      labels: {},
      spec: {},
      expectedVersion: 0,
      actor: 'operator',
      now: now.toISOString(),
    })
    const { token } = await issueToken(
      store,
      {
        tenant,
        subject: 'admin',
        role: 'admin',
        kind: 'user',
        validForMs: FIRST_TOKEN_VALIDITY_MS,
      },
      now,
    )
    const res: CreateTenantResponse = { name: tenant, token }
    return c.json(res, 201)
  })
  .post('/_operator/tenants/:name/tokens', async (c) => {
    const tenant = c.req.param('name')
    if (!(await c.var.store.getTenant(tenant))) {
      throw new KumaError(404, 'Could not issue a token', 'Not found')
    }
    const { token, record } = await issueToken(
      c.var.store,
      {
        tenant,
        subject: 'admin',
        role: 'admin',
        kind: 'user',
        validForMs: FIRST_TOKEN_VALIDITY_MS,
      },
      new Date(),
    )
    return c.json({ token, jti: record.jti, expiresAt: record.expiresAt }, 201)
  })

/**
 * ImportResponse tells which documents of an import were stored and which were skipped (types
 * Kumo does not store, such as Kuma's insights) or refused (already there, no such mesh).
 */
export interface ImportResponse {
  imported: number
  skipped: { index: number; type: unknown; reason: string }[]
}

/**
 * `POST /_operator/tenants/:name/resources` restores resources as they were stored (universal
 * format, labels and timestamps kept, no API validation): backups, migrations from kuma-cp, and
 * Kuma's conformance cases, whose harness loads resources straight into the store. Schema
 * defaults are applied and durations rendered in Go's form, as Kuma's decoder and Go types do.
 */
operator.post('/_operator/tenants/:name/resources', async (c) => {
  const tenant = c.req.param('name')
  const store = c.var.store
  if (!(await store.getTenant(tenant)))
    throw new KumaError(404, 'Could not import resources', 'Not found')
  const docs = (await c.req.json().catch(() => null)) as unknown
  if (!Array.isArray(docs))
    throw new KumaError(400, 'Bad Request', 'body must be a JSON array of resources')
  const res: ImportResponse = { imported: 0, skipped: [] }
  const now = new Date().toISOString()
  // meshes first, so resources in them find their mesh
  const order = docs.map((d, i) => [d, i] as const).sort(([a], [b]) => rank(a) - rank(b))
  for (const [doc, index] of order) {
    const kind = isObject(doc) && typeof doc.type === 'string' ? kindByName(doc.type) : undefined
    if (!kind || !isObject(doc)) {
      res.skipped.push({
        index,
        type: isObject(doc) ? doc.type : undefined,
        reason: 'unknown type',
      })
      continue
    }
    if (kind.specSchema) applyDefaults(doc, resourceSchema(kind.name, kind.specSchema, kind.scope))
    const rest = toRestResource(doc, kind)
    const spec = (isObject(rest.spec) ? rest.spec : {}) as Record<string, unknown>
    const out = await store.put(tenant, {
      key: {
        type: kind.name,
        mesh: kind.scope === 'Mesh' ? String(rest.mesh || 'default') : '',
        name: String(rest.name),
      },
      labels: (isObject(rest.labels) ? rest.labels : {}) as Record<string, string>,
      spec: canonicalSpec(kind.name, kind.canonical ? kind.canonical(spec) : spec),
      status: isObject(rest.status) ? rest.status : undefined,
      expectedVersion: 0,
      actor: 'operator',
      now: typeof doc.creationTime === 'string' ? doc.creationTime : now,
    })
    if (out.ok) res.imported++
    else res.skipped.push({ index, type: kind.name, reason: out.reason })
  }
  return c.json(res, res.skipped.length === 0 ? 201 : 207)
})

function rank(doc: unknown): number {
  return isObject(doc) && doc.type === 'Mesh' ? 0 : 1
}
