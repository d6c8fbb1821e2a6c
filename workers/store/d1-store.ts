/** @module D1Store: the Store over Cloudflare D1 through drizzle-orm. */
import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm'
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1'
import type {
  AuditRecord,
  DeleteInput,
  ListOptions,
  ListResult,
  Page,
  PutInput,
  ResourceKey,
  ResourceRecord,
  SigningKey,
  Store,
  Tenant,
  TokenRecord,
  WriteResult,
} from '../../core/store/store'
import * as schema from '../../schema'
import { auditLog, resources, revisions, signingKeys, tenants, tokens } from '../../schema'
import { decodeOffset, encodeOffset } from '../../core/store/offset'

const MESH = 'Mesh'

/** RawRow is a `resources` row as D1 returns it to raw SQL (snake_case, JSON as text). */
interface RawRow {
  type: string
  mesh: string
  name: string
  labels: string
  spec: string
  status: string | null
  version: number
  creation_time: string
  modification_time: string
}

function fromRaw(row: RawRow): ResourceRecord {
  return toRecord({
    tenant: '',
    type: row.type,
    mesh: row.mesh,
    name: row.name,
    labels: JSON.parse(row.labels),
    spec: JSON.parse(row.spec),
    status: row.status === null ? null : JSON.parse(row.status),
    version: row.version,
    creationTime: row.creation_time,
    modificationTime: row.modification_time,
  })
}

function toRecord(row: schema.ResourceRow): ResourceRecord {
  const r: ResourceRecord = {
    type: row.type,
    mesh: row.mesh,
    name: row.name,
    labels: row.labels,
    spec: row.spec,
    version: row.version,
    creationTime: row.creationTime,
    modificationTime: row.modificationTime,
  }
  if (row.status) r.status = row.status
  return r
}

/**
 * D1Store keeps every tenant in one D1 database. Conditional writes are one D1 batch (one
 * transaction): the write itself, then the revision bump and the audit row, both guarded by
 * `changes()` so a write that did not happen leaves no trace.
 */
export class D1Store implements Store {
  private readonly db: DrizzleD1Database<typeof schema>

  constructor(private readonly d1: D1Database) {
    this.db = drizzle(d1, { schema })
  }

  private keyWhere(tenant: string, key: ResourceKey): SQL {
    return and(
      eq(resources.tenant, tenant),
      eq(resources.type, key.type),
      eq(resources.mesh, key.mesh),
      eq(resources.name, key.name),
    )!
  }

  async get(tenant: string, key: ResourceKey): Promise<ResourceRecord | undefined> {
    const rows = await this.db.select().from(resources).where(this.keyWhere(tenant, key)).limit(1)
    return rows[0] ? toRecord(rows[0]) : undefined
  }

  async list(tenant: string, type: string, opts: ListOptions): Promise<ListResult> {
    const conds: SQL[] = [eq(resources.tenant, tenant), eq(resources.type, type)]
    if (opts.mesh !== undefined) conds.push(eq(resources.mesh, opts.mesh))
    if (opts.nameContains) conds.push(sql`instr(${resources.name}, ${opts.nameContains}) > 0`)
    for (const [k, v] of Object.entries(opts.labels ?? {})) {
      conds.push(sql`json_extract(${resources.labels}, ${labelPath(k)}) = ${v}`)
    }
    const where = and(...conds)
    const start = decodeOffset(opts.offset)
    const order = [asc(resources.name), asc(resources.mesh)]
    if (opts.filter) {
      // in-memory filters page after filtering so `total` and `next` stay right
      const all = (
        await this.db
          .select()
          .from(resources)
          .where(where)
          .orderBy(...order)
      )
        .map(toRecord)
        .filter(opts.filter)
      return pageOf(all.slice(start, start + opts.size), all.length, start, opts.size)
    }
    const [rows, [{ n }]] = await this.db.batch([
      this.db
        .select()
        .from(resources)
        .where(where)
        .orderBy(...order)
        .limit(opts.size)
        .offset(start),
      this.db.select({ n: count() }).from(resources).where(where),
    ])
    return pageOf(rows.map(toRecord), n, start, opts.size)
  }

  async put(tenant: string, input: PutInput): Promise<WriteResult> {
    const { key, expectedVersion, now } = input
    const labels = JSON.stringify(input.labels)
    const spec = JSON.stringify(input.spec)
    const status = input.status ? JSON.stringify(input.status) : null
    const meshGuard =
      key.type === MESH || key.mesh === ''
        ? '1'
        : `EXISTS (SELECT 1 FROM resources WHERE tenant = ?10 AND type = 'Mesh' AND mesh = '' AND name = ?3)`
    const write =
      expectedVersion === 0
        ? this.raw(
            `INSERT INTO resources
              (tenant, type, mesh, name, labels, spec, status, version, creation_time, modification_time)
              SELECT ?10, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?8 WHERE ${meshGuard}
              ON CONFLICT DO NOTHING RETURNING *`,
            expectedVersion,
            key.type,
            key.mesh,
            key.name,
            labels,
            spec,
            status,
            now,
            null,
            tenant,
          )
        : this.raw(
            `UPDATE resources SET labels = ?5, spec = ?6, status = ?7, version = version + 1,
              modification_time = ?8
              WHERE tenant = ?10 AND type = ?2 AND mesh = ?3 AND name = ?4 AND version = ?1 RETURNING *`,
            expectedVersion,
            key.type,
            key.mesh,
            key.name,
            labels,
            spec,
            status,
            now,
            null,
            tenant,
          )
    const revMesh = revisionMesh(key)
    const action = expectedVersion === 0 ? 'create' : 'update'
    const results = await this.d1.batch([
      write,
      this.bumpRevision(tenant, revMesh),
      this.audit(
        tenant,
        input.actor,
        action,
        key,
        expectedVersion || null,
        expectedVersion + 1,
        now,
      ),
      this.raw('SELECT revision FROM revisions WHERE tenant = ?1 AND mesh = ?2', tenant, revMesh),
    ])
    if (changed(results[0])) {
      // the written row comes back from the write itself (RETURNING): no second read
      const row = results[0].results[0] as RawRow | undefined
      const rev = (results[3].results[0] as { revision?: number } | undefined)?.revision ?? 0
      return { ok: true, record: row ? fromRaw(row) : null, revision: rev }
    }
    return { ok: false, reason: await this.whyNot(tenant, key, expectedVersion) }
  }

  async delete(tenant: string, input: DeleteInput): Promise<WriteResult> {
    const { key, now } = input
    const current = await this.get(tenant, key)
    if (!current) return { ok: false, reason: 'not-found' }
    const version = input.expectedVersion ?? current.version
    const revMesh = revisionMesh(key)
    const steps = [
      this.raw(
        'DELETE FROM resources WHERE tenant = ?1 AND type = ?2 AND mesh = ?3 AND name = ?4 AND version = ?5',
        tenant,
        key.type,
        key.mesh,
        key.name,
        version,
      ),
      this.bumpRevision(tenant, revMesh),
      this.audit(tenant, input.actor, 'delete', key, version, null, now),
    ]
    if (key.type === MESH) {
      // a Mesh owns everything in it: remove it in the same transaction, only if the Mesh went
      const meshGone = `NOT EXISTS (SELECT 1 FROM resources WHERE tenant = ?1 AND type = 'Mesh' AND mesh = '' AND name = ?2)`
      steps.push(
        this.raw(
          `DELETE FROM resources WHERE tenant = ?1 AND mesh = ?2 AND ${meshGone}`,
          tenant,
          key.name,
        ),
      )
    }
    const results = await this.d1.batch(steps)
    if (changed(results[0]))
      return { ok: true, record: null, revision: await this.revision(tenant, revMesh) }
    return { ok: false, reason: (await this.get(tenant, key)) ? 'conflict' : 'not-found' }
  }

  async revision(tenant: string, mesh: string): Promise<number> {
    const rows = await this.db
      .select({ revision: revisions.revision })
      .from(revisions)
      .where(and(eq(revisions.tenant, tenant), eq(revisions.mesh, mesh)))
    return rows[0]?.revision ?? 0
  }

  async meshRevisions(tenant: string): Promise<Record<string, number>> {
    const { results } = await this.raw(
      `SELECT m.name AS mesh, COALESCE(r.revision, 0) AS revision FROM resources m
       LEFT JOIN revisions r ON r.tenant = m.tenant AND r.mesh = m.name
       WHERE m.tenant = ? AND m.type = 'Mesh' AND m.mesh = ''`,
      tenant,
    ).all<{ mesh: string; revision: number }>()
    return Object.fromEntries(results.map((r) => [r.mesh, r.revision]))
  }

  private raw(query: string, ...params: unknown[]): D1PreparedStatement {
    return this.d1.prepare(query).bind(...params)
  }

  /** bumpRevision runs only when the previous statement of the batch changed a row. */
  private bumpRevision(tenant: string, mesh: string): D1PreparedStatement {
    return this.raw(
      `INSERT INTO revisions (tenant, mesh, revision) SELECT ?1, ?2, 1 WHERE changes() > 0
        ON CONFLICT (tenant, mesh) DO UPDATE SET revision = revision + 1`,
      tenant,
      mesh,
    )
  }

  /** audit runs only when the revision bump before it ran, i.e. when the write happened. */
  private audit(
    tenant: string,
    actor: string,
    action: 'create' | 'update' | 'delete',
    key: ResourceKey,
    oldVersion: number | null,
    newVersion: number | null,
    now: string,
  ): D1PreparedStatement {
    return this.raw(
      `INSERT INTO audit_log (tenant, actor, action, type, mesh, name, old_version, new_version, time)
        SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 WHERE changes() > 0`,
      tenant,
      actor,
      action,
      key.type,
      key.mesh,
      key.name,
      oldVersion,
      newVersion,
      now,
    )
  }

  private async whyNot(tenant: string, key: ResourceKey, expectedVersion: number) {
    const current = await this.get(tenant, key)
    if (expectedVersion === 0) {
      if (current) return 'exists' as const
      return 'mesh-not-found' as const
    }
    return current ? ('conflict' as const) : ('not-found' as const)
  }

  async createTenant(name: string, now: string): Promise<boolean> {
    const res = await this.db.insert(tenants).values({ name, createdAt: now }).onConflictDoNothing()
    return changed(res)
  }

  async getTenant(name: string): Promise<Tenant | undefined> {
    const rows = await this.db.select().from(tenants).where(eq(tenants.name, name))
    return rows[0]
  }

  async signingKeys(tenant: string): Promise<SigningKey[]> {
    const rows = await this.db
      .select()
      .from(signingKeys)
      .where(eq(signingKeys.tenant, tenant))
      .orderBy(asc(signingKeys.createdAt))
    return rows.map(({ tenant: _t, ...k }) => k)
  }

  async addSigningKey(tenant: string, key: SigningKey): Promise<void> {
    const insert = this.db.insert(signingKeys).values({ tenant, ...key })
    if (key.active) {
      await this.db.batch([
        this.db.update(signingKeys).set({ active: false }).where(eq(signingKeys.tenant, tenant)),
        insert,
      ])
    } else {
      await insert
    }
  }

  async retireSigningKey(tenant: string, kid: string, now: string): Promise<boolean> {
    const res = await this.db
      .update(signingKeys)
      .set({ retiredAt: now, active: false })
      .where(and(eq(signingKeys.tenant, tenant), eq(signingKeys.kid, kid), sql`retired_at IS NULL`))
    return changed(res)
  }

  async addToken(tenant: string, token: TokenRecord): Promise<void> {
    await this.db.insert(tokens).values({ tenant, ...token })
  }

  async getToken(tenant: string, jti: string): Promise<TokenRecord | undefined> {
    const rows = await this.db
      .select()
      .from(tokens)
      .where(and(eq(tokens.tenant, tenant), eq(tokens.jti, jti)))
    if (!rows[0]) return undefined
    const { tenant: _t, ...t } = rows[0]
    return t
  }

  async listTokens(tenant: string, size: number, offset?: string): Promise<Page<TokenRecord>> {
    const start = decodeOffset(offset)
    const where = eq(tokens.tenant, tenant)
    const [rows, [{ n }]] = await this.db.batch([
      this.db
        .select()
        .from(tokens)
        .where(where)
        .orderBy(asc(tokens.issuedAt), asc(tokens.jti))
        .limit(size)
        .offset(start),
      this.db.select({ n: count() }).from(tokens).where(where),
    ])
    return pageOf(
      rows.map(({ tenant: _t, ...t }) => t),
      n,
      start,
      size,
    )
  }

  async revokeToken(tenant: string, jti: string, now: string): Promise<boolean> {
    const res = await this.db
      .update(tokens)
      .set({ revokedAt: now })
      .where(and(eq(tokens.tenant, tenant), eq(tokens.jti, jti), sql`revoked_at IS NULL`))
    return changed(res)
  }

  async listAudit(tenant: string, size: number, offset?: string): Promise<Page<AuditRecord>> {
    const start = decodeOffset(offset)
    const where = eq(auditLog.tenant, tenant)
    const [rows, [{ n }]] = await this.db.batch([
      this.db
        .select()
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.id))
        .limit(size)
        .offset(start),
      this.db.select({ n: count() }).from(auditLog).where(where),
    ])
    const items = rows.map(({ tenant: _t, id, ...a }) => ({ id: String(id), ...a }))
    return pageOf(items, n, start, size)
  }
}

/** revisionMesh: a Mesh's own writes count towards that mesh's revision. */
function revisionMesh(key: ResourceKey): string {
  return key.type === MESH ? key.name : key.mesh
}

function labelPath(key: string): string {
  return `$."${key.replaceAll('"', '\\"')}"`
}

function changed(res: unknown): boolean {
  const meta = (res as { meta?: { changes?: number } }).meta
  return (meta?.changes ?? 0) > 0
}

function pageOf<T>(items: T[], total: number, start: number, size: number): Page<T> {
  const next = start + items.length
  return {
    items,
    total,
    nextOffset: next < total && items.length === size ? encodeOffset(next) : undefined,
  }
}
