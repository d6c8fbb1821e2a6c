/** @module Token routes: issue, list, revoke user tokens; rotate and retire signing keys. */
import { Hono } from 'hono'
import { badRequest, invalid, notFound } from '../core/api/errors'
import { parseGoDuration } from '../core/auth/duration'
import { issueToken, newSigningKey, ROLES, type Role } from '../core/auth/tokens'
import { decodeOffset } from '../core/store/offset'
import { ValidationError } from '../core/validators/validation-error'
import { requireRole } from './auth'
import type { AppEnv } from './env'
import { nextLink, pageSize } from './query'

/** MAX_VALIDITY_MS caps a token's lifetime at one year. */
const MAX_VALIDITY_MS = 365 * 24 * 3_600_000
const DEFAULT_VALIDITY = '24h'

export interface IssueTokenResponse {
  token: string
  jti: string
  expiresAt: string
}

/** parseIssueRequest validates `{role, validFor, name}` and reports every problem. */
export function parseIssueRequest(body: unknown): {
  role: Role
  validForMs: number
  name?: string
} {
  const err = new ValidationError()
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(
      'request body must be a JSON object like {"role": "viewer", "validFor": "24h"}',
    )
  }
  const b = body as Record<string, unknown>
  if (!ROLES.includes(b.role as Role)) {
    err.addViolation('role', `must be one of ${ROLES.map((r) => JSON.stringify(r)).join(', ')}`)
  }
  const validFor = b.validFor ?? DEFAULT_VALIDITY
  const ms = typeof validFor === 'string' ? parseGoDuration(validFor) : undefined
  if (ms === undefined) err.addViolation('validFor', 'must be a duration like "24h" or "30m"')
  else if (ms <= 0) err.addViolation('validFor', 'must be greater than 0')
  else if (ms > MAX_VALIDITY_MS) err.addViolation('validFor', 'must be at most 8760h (one year)')
  if (
    b.name !== undefined &&
    (typeof b.name !== 'string' || b.name.length === 0 || b.name.length > 253)
  ) {
    err.addViolation('name', 'must be a non-empty string of at most 253 characters')
  }
  if (err.hasViolations()) throw invalid('Could not issue a token', err)
  return { role: b.role as Role, validForMs: ms!, name: b.name as string | undefined }
}

export const tokens = new Hono<AppEnv>()
  .post('/tokens', async (c) => {
    requireRole(c, 'admin')
    const req = parseIssueRequest(await c.req.json().catch(() => null))
    const { token, record } = await issueToken(
      c.var.store,
      {
        tenant: c.var.principal.tenant,
        subject: req.name ?? `${req.role}-token`,
        role: req.role,
        kind: 'user',
        validForMs: req.validForMs,
      },
      new Date(),
    )
    const body: IssueTokenResponse = { token, jti: record.jti, expiresAt: record.expiresAt }
    return c.json(body, 201)
  })
  .get('/tokens', async (c) => {
    requireRole(c, 'admin')
    const url = new URL(c.req.url)
    const size = pageSize(c.req.query('size'))
    const offset = c.req.query('offset')
    decodeOffset(offset)
    const page = await c.var.store.listTokens(c.var.principal.tenant, size, offset)
    return c.json({ total: page.total, items: page.items, next: nextLink(url, page.nextOffset) })
  })
  .delete('/tokens/:jti', async (c) => {
    requireRole(c, 'admin')
    const jti = c.req.param('jti')
    const known = await c.var.store.getToken(c.var.principal.tenant, jti)
    if (!known) throw notFound('Could not revoke a token')
    await c.var.store.revokeToken(c.var.principal.tenant, jti, new Date().toISOString())
    return c.json({})
  })
  .get('/tokens/signing-keys', async (c) => {
    requireRole(c, 'admin')
    const keys = await c.var.store.signingKeys(c.var.principal.tenant)
    return c.json({
      items: keys.map((k) => ({
        kid: k.kid,
        alg: k.alg,
        createdAt: k.createdAt,
        active: k.active,
        retiredAt: k.retiredAt,
      })),
    })
  })
  .post('/tokens/signing-keys', async (c) => {
    requireRole(c, 'admin')
    const key = await newSigningKey(new Date().toISOString())
    await c.var.store.addSigningKey(c.var.principal.tenant, key)
    return c.json({ kid: key.kid, alg: key.alg, createdAt: key.createdAt, active: true }, 201)
  })
  .delete('/tokens/signing-keys/:kid', async (c) => {
    requireRole(c, 'admin')
    const tenant = c.var.principal.tenant
    const kid = c.req.param('kid')
    const keys = await c.var.store.signingKeys(tenant)
    const key = keys.find((k) => k.kid === kid && !k.retiredAt)
    if (!key) throw notFound('Could not retire a signing key')
    if (key.active) {
      throw badRequest(
        'the active signing key cannot be retired; rotate first (POST /tokens/signing-keys)',
      )
    }
    await c.var.store.retireSigningKey(tenant, kid, new Date().toISOString())
    return c.json({})
  })
