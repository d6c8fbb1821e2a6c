/** @module Operator API: tenants, guarded by the operator secret. */
import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { conflict, invalid, KumaError, unauthenticated } from '../core/api/errors'
import { issueToken, sameSecret } from '../core/auth/tokens'
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
      err.addViolation('name', 'must be a DNS-1035 label: lower case letters, digits and "-", at most 63 characters')
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
      { tenant, subject: 'admin', role: 'admin', kind: 'user', validForMs: FIRST_TOKEN_VALIDITY_MS },
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
      { tenant, subject: 'admin', role: 'admin', kind: 'user', validForMs: FIRST_TOKEN_VALIDITY_MS },
      new Date(),
    )
    return c.json({ token, jti: record.jti, expiresAt: record.expiresAt }, 201)
  })
