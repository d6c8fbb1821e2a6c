/** @module Store: the storage contract of Kumo. No SQL or DynamoDB detail leaks through it. */

/** ResourceRecord is one stored Kuma resource of one tenant. */
export interface ResourceRecord {
  type: string
  /** mesh is '' for global-scoped kinds (and for a Mesh itself). */
  mesh: string
  name: string
  labels: Record<string, string>
  /** spec holds the kind's spec; for inline kinds (Mesh, Dataplane...) the inline fields. */
  spec: Record<string, unknown>
  status?: Record<string, unknown>
  /** version starts at 1 and grows by one with each write; it is the ETag. */
  version: number
  creationTime: string
  modificationTime: string
}

/** ResourceKey names a resource within a tenant. */
export interface ResourceKey {
  type: string
  mesh: string
  name: string
}

export interface ListOptions {
  /** mesh restricts to one mesh; undefined lists across all meshes. */
  mesh?: string
  /** nameContains keeps names containing this substring. */
  nameContains?: string
  /** labels keeps resources carrying every one of these label values. */
  labels?: Record<string, string>
  /** size of the page, 1..1000. */
  size: number
  /** offset is the opaque position returned as `nextOffset` by the previous page. */
  offset?: string
  /**
   * filter is applied in memory after the database filters, before paging (e.g. Kuma's
   * `tag=` filter on Dataplanes). Stores must page after applying it so totals stay right.
   */
  filter?: (r: ResourceRecord) => boolean
}

export interface ListResult {
  items: ResourceRecord[]
  total: number
  /** nextOffset is set when more items follow. */
  nextOffset?: string
}

/** AuditEntry records who changed what; stores write it in the same atomic step as the change. */
export interface AuditEntry {
  /** actor is the token subject (or `operator`). */
  actor: string
  action: 'create' | 'update' | 'delete'
  type: string
  mesh: string
  name: string
  oldVersion: number | null
  newVersion: number | null
  time: string
}

export interface AuditRecord extends AuditEntry {
  id: string
}

/** WriteResult tells a caller how a conditional write ended. */
export type WriteResult =
  | { ok: true; record: ResourceRecord | null; revision: number }
  | { ok: false; reason: 'conflict' | 'not-found' | 'mesh-not-found' | 'exists' }

export interface PutInput {
  key: ResourceKey
  labels: Record<string, string>
  spec: Record<string, unknown>
  status?: Record<string, unknown>
  /** expectedVersion 0 means "create: must not exist"; n means "update: must be at version n". */
  expectedVersion: number
  actor: string
  now: string
}

export interface DeleteInput {
  key: ResourceKey
  /** expectedVersion undefined deletes whatever version is there. */
  expectedVersion?: number
  actor: string
  now: string
}

export interface Tenant {
  name: string
  createdAt: string
}

/** SigningKey is one of a tenant's token keys. Private JWK never leaves the store and the worker. */
export interface SigningKey {
  kid: string
  alg: 'ES256' | 'EdDSA'
  publicJwk: Record<string, unknown>
  privateJwk: Record<string, unknown>
  createdAt: string
  /** active keys sign; retired keys no longer verify. Inactive, unretired keys only verify. */
  active: boolean
  retiredAt: string | null
}

/** TokenRecord is the metadata of an issued token (never the token itself). */
export interface TokenRecord {
  jti: string
  subject: string
  role: string
  kind: string
  kid: string
  issuedAt: string
  expiresAt: string
  revokedAt: string | null
}

export interface Page<T> {
  items: T[]
  total: number
  nextOffset?: string
}

/**
 * Store is every durable operation Kumo needs, per tenant. Each write is atomic with its audit
 * entry and the bump of the `(tenant, mesh)` revision counter that wakes xDS watchers.
 */
export interface Store {
  get(tenant: string, key: ResourceKey): Promise<ResourceRecord | undefined>
  list(tenant: string, type: string, opts: ListOptions): Promise<ListResult>
  /** put creates or updates one resource if `expectedVersion` holds and, when mesh-scoped, its mesh exists. */
  put(tenant: string, input: PutInput): Promise<WriteResult>
  /** delete removes one resource; deleting a Mesh removes everything in it in the same step. */
  delete(tenant: string, input: DeleteInput): Promise<WriteResult>
  /** revision of a mesh ('' for global resources) as last bumped; 0 before any write. */
  revision(tenant: string, mesh: string): Promise<number>
  /**
   * meshRevisions gives the revision of every existing Mesh of the tenant in one read, when the
   * backend can (the zone long-poll checks it once per hold); else callers list and ask each.
   */
  meshRevisions?(tenant: string): Promise<Record<string, number>>

  createTenant(name: string, now: string): Promise<boolean>
  getTenant(name: string): Promise<Tenant | undefined>

  signingKeys(tenant: string): Promise<SigningKey[]>
  /** addSigningKey stores a key; when `active`, every other key of the tenant stops signing. */
  addSigningKey(tenant: string, key: SigningKey): Promise<void>
  retireSigningKey(tenant: string, kid: string, now: string): Promise<boolean>

  addToken(tenant: string, token: TokenRecord): Promise<void>
  getToken(tenant: string, jti: string): Promise<TokenRecord | undefined>
  listTokens(tenant: string, size: number, offset?: string): Promise<Page<TokenRecord>>
  revokeToken(tenant: string, jti: string, now: string): Promise<boolean>

  listAudit(tenant: string, size: number, offset?: string): Promise<Page<AuditRecord>>
}
