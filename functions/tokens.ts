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

/** KUMA_DEFAULT_VALIDITY_MS: Kuma issues zone and dataplane tokens for 10 years when no validFor is sent. */
const KUMA_DEFAULT_VALIDITY_MS = 10 * 365 * 24 * 3_600_000
const ZONE_SCOPES = ['cp', 'ingress', 'egress']
const PROXY_TYPES = ['dataplane', 'ingress', 'egress']

function validFor(raw: unknown, err: ValidationError): number {
  if (raw === undefined || raw === '') return KUMA_DEFAULT_VALIDITY_MS
  const ms = typeof raw === 'string' ? parseGoDuration(raw) : undefined
  if (ms === undefined) {
    err.addViolation(
      'validFor',
      `is invalid: time: invalid duration ${JSON.stringify(String(raw))}`,
    )
    return 0
  }
  if (ms <= 0) err.addViolation('validFor', 'must be greater than 0')
  return ms
}

function jsonObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('request body must be a JSON object')
  }
  return body as Record<string, unknown>
}

/** ZoneTokenRequest is Kuma's `POST /tokens/zone` body. */
export function parseZoneTokenRequest(body: unknown) {
  const b = jsonObject(body)
  const err = new ValidationError()
  if (typeof b.zone !== 'string' || b.zone === '') err.addViolation('zone', 'cannot be empty')
  const scope = b.scope ?? ZONE_SCOPES
  if (!Array.isArray(scope) || scope.length === 0) err.addViolation('scope', 'cannot be empty')
  else {
    scope.forEach((s, i) => {
      if (!ZONE_SCOPES.includes(s))
        err.addViolation(`scope[${i}]`, `must be one of ${ZONE_SCOPES.join(', ')}`)
    })
  }
  const ms = validFor(b.validFor, err)
  if (err.hasViolations()) throw invalid('Invalid request', err)
  return { zone: b.zone as string, scope: scope as string[], validForMs: ms }
}

/** DataplaneTokenRequest is Kuma's `POST /tokens/dataplane` body. */
export function parseDataplaneTokenRequest(body: unknown) {
  const b = jsonObject(body)
  const err = new ValidationError()
  if (typeof b.mesh !== 'string' || b.mesh === '') err.addViolation('mesh', 'cannot be empty')
  if (b.name !== undefined && typeof b.name !== 'string')
    err.addViolation('name', 'must be a string')
  if (b.type !== undefined && b.type !== '' && !PROXY_TYPES.includes(b.type as string)) {
    err.addViolation('type', `${JSON.stringify(b.type)} is not a valid proxy type`)
  }
  const tags = b.tags ?? {}
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
    err.addViolation('tags', 'must be an object of tag name to list of values')
  }
  const ms = validFor(b.validFor, err)
  if (err.hasViolations()) throw invalid('Invalid request', err)
  return {
    name: (b.name as string | undefined) ?? '',
    mesh: b.mesh as string,
    type: (b.type as string | undefined) || 'dataplane',
    tags: tags as Record<string, string[]>,
    validForMs: ms,
  }
}

export const tokens = new Hono<AppEnv>()
  .post('/tokens/zone', async (c) => {
    requireRole(c, 'admin')
    const req = parseZoneTokenRequest(await c.req.json().catch(() => null))
    const { token } = await issueToken(
      c.var.store,
      {
        tenant: c.var.principal.tenant,
        subject: `zone:${req.zone}`,
        role: 'viewer',
        kind: 'zone',
        validForMs: req.validForMs,
        claims: { zone: req.zone, scope: req.scope },
      },
      new Date(),
    )
    // kumactl reads the token as the whole plain-text body, as kuma-cp sends it
    return c.text(token, 200)
  })
  .post('/tokens/dataplane', async (c) => {
    requireRole(c, 'admin')
    const req = parseDataplaneTokenRequest(await c.req.json().catch(() => null))
    const { token } = await issueToken(
      c.var.store,
      {
        tenant: c.var.principal.tenant,
        subject: `dataplane:${req.mesh}/${req.name}`,
        role: 'viewer',
        kind: 'dataplane',
        validForMs: req.validForMs,
        claims: { name: req.name, mesh: req.mesh, tags: req.tags, type: req.type },
      },
      new Date(),
    )
    return c.text(token, 200)
  })
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
