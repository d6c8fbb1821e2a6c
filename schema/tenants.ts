/** @module Drizzle tables for tenants, their signing keys, issued tokens and the audit log. */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

export const tenants = sqliteTable('tenants', {
  name: text('name').primaryKey(),
  createdAt: text('created_at').notNull(),
})

/** signingKeys: per-tenant JWT keys; the one `active` key signs, unretired keys verify. */
export const signingKeys = sqliteTable(
  'signing_keys',
  {
    tenant: text('tenant').notNull(),
    kid: text('kid').notNull(),
    alg: text('alg').$type<'ES256' | 'EdDSA'>().notNull(),
    publicJwk: text('public_jwk', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    privateJwk: text('private_jwk', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: text('created_at').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull(),
    retiredAt: text('retired_at'),
  },
  (t) => [primaryKey({ columns: [t.tenant, t.kid] })],
)

/** tokens: metadata of every issued token, for listing and revocation by `jti`. */
export const tokens = sqliteTable(
  'tokens',
  {
    tenant: text('tenant').notNull(),
    jti: text('jti').notNull(),
    subject: text('subject').notNull(),
    role: text('role').notNull(),
    kind: text('kind').notNull(),
    kid: text('kid').notNull(),
    issuedAt: text('issued_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenant, t.jti] }),
    index('tokens_by_issued').on(t.tenant, t.issuedAt),
  ],
)

/** auditLog: one row per write, written in the same batch as the write. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenant: text('tenant').notNull(),
    actor: text('actor').notNull(),
    action: text('action').$type<'create' | 'update' | 'delete'>().notNull(),
    type: text('type').notNull(),
    mesh: text('mesh').notNull(),
    name: text('name').notNull(),
    oldVersion: integer('old_version'),
    newVersion: integer('new_version'),
    time: text('time').notNull(),
  },
  (t) => [index('audit_by_tenant').on(t.tenant, t.id)],
)
