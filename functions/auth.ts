/** @module Authentication and role checks for the tenant API. */
import { createMiddleware } from 'hono/factory'
import { accessDenied, unauthenticated } from '../core/api/errors'
import { allows, verifyToken, type Role } from '../core/auth/tokens'
import type { AppEnv } from './env'

/** bearer extracts the token of `Authorization: Bearer <token>`. */
export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return m?.[1]
}

/** authenticate verifies the caller's token and sets `principal`; any failure is a 401. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearer(c.req.header('Authorization'))
  if (!token) throw unauthenticated('missing Authorization: Bearer <token> header')
  const res = await verifyToken(c.var.store, token, new Date())
  if (!res.ok) throw unauthenticated(res.reason)
  if (res.principal.kind !== 'user') throw accessDenied('this token is not a user token')
  c.set('principal', res.principal)
  await next()
})

/** requireRole refuses callers whose role is below `role` with a 403. */
export function requireRole(c: { var: AppEnv['Variables'] }, role: Role): void {
  const have = c.var.principal.role
  if (!allows(have, role)) {
    throw accessDenied(
      `role ${JSON.stringify(have)} may not do this; it needs ${JSON.stringify(role)}`,
    )
  }
}
