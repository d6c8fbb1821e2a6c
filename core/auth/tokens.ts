/** @module Tenant tokens: JWTs signed with per-tenant keys, with roles, rotation and revocation. */
import {
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
} from 'jose'
import type { SigningKey, Store, TokenRecord } from '../store/store'

export const ISSUER = 'kumo'
export const ROLES = ['viewer', 'editor', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** TokenKind separates user API tokens from the zone and dataplane tokens of later issues. */
export type TokenKind = 'user' | 'zone' | 'dataplane'

/** Principal is a verified caller. */
export interface Principal {
  tenant: string
  subject: string
  role: Role
  kind: TokenKind
  jti: string
  /** claims of zone and dataplane tokens: `zone`, `scope`; `name`, `mesh`, `tags`, `type`. */
  claims: Record<string, unknown>
}

/** AuthFailure says why a token was refused, without leaking which tenant or key exists. */
export type AuthResult = { ok: true; principal: Principal } | { ok: false; reason: string }

/** newSigningKey makes an ES256 key pair as a SigningKey (active unless told otherwise). */
export async function newSigningKey(now: string, active = true): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true })
  const kid = crypto.randomUUID()
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256' }
  return { kid, alg: 'ES256', publicJwk, privateJwk, createdAt: now, active, retiredAt: null }
}

export interface IssueInput {
  tenant: string
  subject: string
  role: Role
  kind: TokenKind
  /** validForMs is the lifetime in milliseconds. */
  validForMs: number
  /** extra claims (zone name, dataplane name and mesh...) for non-user tokens. */
  claims?: Record<string, unknown>
}

/**
 * issueToken signs a token with the tenant's active key and records its metadata, so it can be
 * listed and revoked. The first call for a tenant creates its first key.
 */
export async function issueToken(
  store: Store,
  input: IssueInput,
  now: Date,
): Promise<{ token: string; record: TokenRecord }> {
  let key = (await store.signingKeys(input.tenant)).find((k) => k.active && !k.retiredAt)
  if (!key) {
    key = await newSigningKey(now.toISOString())
    await store.addSigningKey(input.tenant, key)
  }
  const jti = crypto.randomUUID()
  const iat = Math.floor(now.getTime() / 1000)
  const exp = iat + Math.max(1, Math.floor(input.validForMs / 1000))
  const privateKey = await importJWK(key.privateJwk as JWK, key.alg)
  const token = await new SignJWT({
    ...input.claims,
    tenant: input.tenant,
    role: input.role,
    kind: input.kind,
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setSubject(input.subject)
    .setJti(jti)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(privateKey)
  const record: TokenRecord = {
    jti,
    subject: input.subject,
    role: input.role,
    kind: input.kind,
    kid: key.kid,
    issuedAt: new Date(iat * 1000).toISOString(),
    expiresAt: new Date(exp * 1000).toISOString(),
    revokedAt: null,
  }
  await store.addToken(input.tenant, record)
  return { token, record }
}

/**
 * verifyToken checks signature (with the tenant's unretired key named by `kid`), issuer, expiry,
 * and that the `jti` was issued and not revoked. The tenant comes from the token itself and a
 * key of another tenant can never verify it.
 */
export async function verifyToken(store: Store, token: string, now: Date): Promise<AuthResult> {
  let tenant: unknown
  let kid: unknown
  try {
    tenant = decodeJwt(token).tenant
    kid = decodeProtectedHeader(token).kid
  } catch {
    return { ok: false, reason: 'token is not a valid JWT' }
  }
  if (typeof tenant !== 'string' || typeof kid !== 'string') {
    return { ok: false, reason: 'token is not a Kumo token' }
  }
  const key = (await store.signingKeys(tenant)).find((k) => k.kid === kid && !k.retiredAt)
  if (!key) return { ok: false, reason: 'token signing key is unknown or retired' }
  let payload: Record<string, unknown>
  try {
    const publicKey = await importJWK(key.publicJwk as JWK, key.alg)
    const res = await jwtVerify(token, publicKey, {
      issuer: ISSUER,
      algorithms: [key.alg],
      currentDate: now,
      requiredClaims: ['jti', 'sub', 'exp'],
    })
    payload = res.payload as Record<string, unknown>
  } catch (e) {
    const code = (e as { code?: string }).code
    if (code === 'ERR_JWT_EXPIRED') return { ok: false, reason: 'token expired' }
    return { ok: false, reason: 'token signature or claims are invalid' }
  }
  const jti = payload.jti as string
  const record = await store.getToken(tenant, jti)
  if (!record) return { ok: false, reason: 'token is not known' }
  if (record.revokedAt) return { ok: false, reason: 'token was revoked' }
  const role = payload.role
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    return { ok: false, reason: 'token has no valid role' }
  }
  return {
    ok: true,
    principal: {
      tenant,
      subject: payload.sub as string,
      role: role as Role,
      kind: (payload.kind as TokenKind) ?? 'user',
      jti,
      claims: payload,
    },
  }
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 }

/** allows tells whether `role` may do what needs `needed` (admin > editor > viewer). */
export function allows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed]
}

/** publicJwks lists the public keys that still verify tokens. */
export function publicJwks(keys: SigningKey[]): { keys: Record<string, unknown>[] } {
  return { keys: keys.filter((k) => !k.retiredAt).map((k) => k.publicJwk) }
}

/** sameSecret compares two secrets in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const enc = new TextEncoder()
  const x = enc.encode(a)
  const y = enc.encode(b)
  let diff = x.length ^ y.length
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0)
  return diff === 0
}
