/** @module DynamoDBStore: the Store over one DynamoDB (global) table, without transactions. */
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb'
import { decodeOffset } from '../../core/store/offset'
import type {
  DeleteInput,
  ListOptions,
  ListResult,
  PutInput,
  ResourceKey,
  ResourceRecord,
  Store,
  WriteResult,
} from '../../core/store/store'
import { DynamoDBTenancy } from './dynamodb-tenancy'
import { BY_TYPE } from './dynamodb-table.mjs'
import {
  checkSize,
  isConditionFailed,
  isItemTooLarge,
  key,
  keys,
  MESH,
  N,
  num,
  pageOf,
  queryAll,
  S,
  str,
  stringMap,
  toRecord,
  tooLarge,
  type Item,
  type Sender,
} from './dynamodb-items'

export interface DynamoDBStoreOptions {
  db: Sender
  table: string
  /** region names this writer's revision counter; each region bumps only its own. */
  region: string
}

/** SWEEP_LIMIT bounds the deletes a Mesh deletion makes at once (Workers count subrequests). */
const SWEEP_LIMIT = 200
const SWEEP_PARALLEL = 25

/**
 * DynamoDBStore keeps every tenant in one table. Each resource is one item, so a reader in any
 * region sees a resource whole or not at all. The commit point of a write is one conditional
 * write of that item; the revision bump and the audit entry are idempotent follow-ups; a Mesh
 * deletion hides everything in the mesh at once through the mesh generation (`gen`/`meshGen`)
 * and removes the items afterwards. See docs/storage.md.
 */
export class DynamoDBStore extends DynamoDBTenancy implements Store {
  private readonly region: string

  constructor(opts: DynamoDBStoreOptions) {
    super(opts.db, opts.table)
    this.region = opts.region
  }

  private async getItem(k: { pk: string; sk: string }): Promise<Item | undefined> {
    const out = await this.db.send(
      new GetItemCommand({ TableName: this.table, Key: key(k), ConsistentRead: true }),
    )
    return out.Item as Item | undefined
  }

  /** visible reads a resource item and, when mesh-scoped, checks it belongs to its live mesh. */
  private async visible(tenant: string, k: ResourceKey): Promise<Item | undefined> {
    if (k.mesh === '') return this.getItem(keys.resource(tenant, k))
    const [item, mesh] = await Promise.all([
      this.getItem(keys.resource(tenant, k)),
      this.getItem(keys.mesh(tenant, k.mesh)),
    ])
    if (!item || !mesh || str(item, 'meshGen') !== str(mesh, 'gen')) return undefined
    return item
  }

  async get(tenant: string, k: ResourceKey): Promise<ResourceRecord | undefined> {
    const item = await this.visible(tenant, k)
    return item ? toRecord(item) : undefined
  }

  async list(tenant: string, type: string, opts: ListOptions): Promise<ListResult> {
    const names: Record<string, string> = {}
    const values: Item = {}
    const filters: string[] = []
    if (opts.nameContains) {
      names['#n'] = 'name'
      values[':nc'] = S(opts.nameContains)
      filters.push('contains(#n, :nc)')
    }
    Object.entries(opts.labels ?? {}).forEach(([k, v], i) => {
      names['#lb'] = 'labels'
      names[`#l${i}`] = k
      values[`:l${i}`] = S(v)
      filters.push(`#lb.#l${i} = :l${i}`)
    })
    const filter = filters.length
      ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names }
      : {}
    let items: Item[]
    let gens: Map<string, string | undefined>
    if (opts.mesh !== undefined) {
      const query: QueryCommandInput = {
        TableName: this.table,
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :type)',
        ExpressionAttributeValues: {
          ...values,
          ':pk': S(keys.resourcePk(tenant, opts.mesh)),
          ':type': S(keys.resourceSk(type, '')),
        },
        ...filter,
      }
      const [found, mesh] = await Promise.all([
        queryAll(this.db, query),
        opts.mesh === '' ? undefined : this.getItem(keys.mesh(tenant, opts.mesh)),
      ])
      items = found
      gens = new Map([[opts.mesh, mesh && str(mesh, 'gen')]])
    } else {
      // across meshes: the byType index (eventually consistent) and the live meshes' generations
      const [found, meshes] = await Promise.all([
        queryAll(this.db, {
          TableName: this.table,
          IndexName: BY_TYPE,
          KeyConditionExpression: 'gpk = :gpk',
          ExpressionAttributeValues: { ...values, ':gpk': S(keys.typePk(tenant, type)) },
          ...filter,
        }),
        this.meshes(tenant),
      ])
      items = found
      gens = new Map(meshes.map((m) => [str(m, 'name')!, str(m, 'gen')]))
    }
    let records = items.filter((i) => live(i, gens)).map(toRecord)
    if (opts.filter) records = records.filter(opts.filter)
    records.sort(byNameThenMesh)
    const start = decodeOffset(opts.offset)
    return pageOf(records.slice(start, start + opts.size), records.length, start, opts.size)
  }

  private meshes(tenant: string): Promise<Item[]> {
    return queryAll(this.db, {
      TableName: this.table,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :type)',
      ExpressionAttributeValues: {
        ':pk': S(keys.resourcePk(tenant, '')),
        ':type': S(keys.resourceSk(MESH, '')),
      },
    })
  }

  async put(tenant: string, input: PutInput): Promise<WriteResult> {
    const { key: k, expectedVersion, now } = input
    const scoped = k.mesh !== ''
    let gen: string | undefined
    if (scoped) {
      const mesh = await this.getItem(keys.mesh(tenant, k.mesh))
      if (!mesh) return { ok: false, reason: 'mesh-not-found' }
      gen = str(mesh, 'gen') ?? ''
    }
    const version = expectedVersion + 1
    const body: Item = {
      labels: stringMap(input.labels),
      spec: S(JSON.stringify(input.spec)),
      version: N(version),
      mtime: S(now),
      actor: S(input.actor),
    }
    if (input.status) body.status = S(JSON.stringify(input.status))
    // the whole item as a create writes it; an update keeps the fixed part (size is alike)
    const full: Item = {
      ...key(keys.resource(tenant, k)),
      gpk: S(keys.typePk(tenant, k.type)),
      gsk: S(keys.typeSk(k.name, k.mesh)),
      type: S(k.type),
      mesh: S(k.mesh),
      name: S(k.name),
      ...body,
      ctime: S(now),
    }
    if (k.type === MESH) full.gen = S(crypto.randomUUID())
    if (scoped) full.meshGen = S(gen!)
    checkSize(full, k)
    let written = full
    try {
      if (expectedVersion === 0) {
        await this.db.send(
          new PutItemCommand({
            TableName: this.table,
            Item: full,
            // an item left behind by a deleted mesh is not there: it may be replaced
            ConditionExpression: scoped
              ? 'attribute_not_exists(pk) OR meshGen <> :gen'
              : 'attribute_not_exists(pk)',
            ExpressionAttributeValues: scoped ? { ':gen': S(gen!) } : undefined,
          }),
        )
      } else {
        const set = Object.keys(body).map((a) => `#${a} = :${a}`)
        const out = await this.db.send(
          new UpdateItemCommand({
            TableName: this.table,
            Key: key(keys.resource(tenant, k)),
            UpdateExpression: `SET ${set.join(', ')}${input.status ? '' : ' REMOVE #status'}`,
            ConditionExpression: scoped ? '#version = :ev AND meshGen = :gen' : '#version = :ev',
            ExpressionAttributeNames: Object.fromEntries(
              [...Object.keys(body), 'status', 'version'].map((a) => [`#${a}`, a]),
            ),
            ExpressionAttributeValues: {
              ...Object.fromEntries(Object.entries(body).map(([a, v]) => [`:${a}`, v])),
              ':ev': N(expectedVersion),
              ...(scoped ? { ':gen': S(gen!) } : {}),
            },
            ReturnValues: 'ALL_NEW',
          }),
        )
        written = out.Attributes as Item
      }
    } catch (e) {
      if (isItemTooLarge(e)) throw tooLarge(k)
      if (!isConditionFailed(e)) throw e
      return { ok: false, reason: await this.whyNot(tenant, k, expectedVersion) }
    }
    const write = `${k.type}#${k.mesh}#${k.name}#${version}#${now}`
    const [revision] = await Promise.all([
      this.bump(tenant, revisionMesh(k), write),
      this.audit(tenant, {
        actor: input.actor,
        action: expectedVersion === 0 ? 'create' : 'update',
        ...k,
        oldVersion: expectedVersion || null,
        newVersion: version,
        time: now,
      }),
    ])
    return { ok: true, record: toRecord(written), revision }
  }

  private async whyNot(tenant: string, k: ResourceKey, expectedVersion: number) {
    const current = await this.get(tenant, k)
    if (expectedVersion !== 0) return current ? ('conflict' as const) : ('not-found' as const)
    if (current) return 'exists' as const
    if (k.mesh !== '' && !(await this.getItem(keys.mesh(tenant, k.mesh))))
      return 'mesh-not-found' as const
    return 'exists' as const
  }

  async delete(tenant: string, input: DeleteInput): Promise<WriteResult> {
    const { key: k, now } = input
    const current = await this.visible(tenant, k)
    if (!current) return { ok: false, reason: 'not-found' }
    const version = input.expectedVersion ?? num(current, 'version')!
    try {
      await this.db.send(
        new DeleteItemCommand({
          TableName: this.table,
          Key: key(keys.resource(tenant, k)),
          ConditionExpression: '#version = :v',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':v': N(version) },
        }),
      )
    } catch (e) {
      if (!isConditionFailed(e)) throw e
      return { ok: false, reason: (await this.get(tenant, k)) ? 'conflict' : 'not-found' }
    }
    const write = `${k.type}#${k.mesh}#${k.name}#-${version}#${now}`
    const [revision] = await Promise.all([
      this.bump(tenant, revisionMesh(k), write),
      this.audit(tenant, {
        actor: input.actor,
        action: 'delete',
        ...k,
        oldVersion: version,
        newVersion: null,
        time: now,
      }),
      k.type === MESH ? this.sweep(tenant, k.name, str(current, 'gen') ?? '') : undefined,
    ])
    return { ok: true, record: null, revision }
  }

  /**
   * sweep removes the items of a deleted mesh generation. They are invisible already; a delete is
   * conditional on the old generation so a re-created mesh's new items are never touched.
   * Whatever is left (beyond SWEEP_LIMIT, or after a crash) stays invisible and is replaced by
   * the next create of the same key.
   */
  private async sweep(tenant: string, mesh: string, gen: string): Promise<void> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': S(keys.resourcePk(tenant, mesh)), ':gen': S(gen) },
      FilterExpression: 'meshGen = :gen',
      ProjectionExpression: 'pk, sk, meshGen',
    })
    await this.collect(items.slice(0, SWEEP_LIMIT))
  }

  /** collect deletes items of a dead mesh generation, each only if still of that generation. */
  private async collect(items: Item[]): Promise<void> {
    for (let i = 0; i < items.length; i += SWEEP_PARALLEL) {
      await Promise.all(
        items.slice(i, i + SWEEP_PARALLEL).map((item) =>
          this.db
            .send(
              new DeleteItemCommand({
                TableName: this.table,
                Key: { pk: item.pk, sk: item.sk },
                ConditionExpression: 'meshGen = :gen',
                ExpressionAttributeValues: { ':gen': item.meshGen ?? S('') },
              }),
            )
            .catch((e) => {
              if (!isConditionFailed(e)) throw e
            }),
        ),
      )
    }
  }

  /**
   * bump adds one to this region's counter of the mesh revision. `write` names the write, so a
   * retried bump of the same write is refused by the condition instead of counting twice.
   */
  private async bump(tenant: string, mesh: string, write: string): Promise<number> {
    let own: number
    try {
      const out = await this.db.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: key({ pk: keys.revisionPk(tenant, mesh), sk: this.region }),
          UpdateExpression: 'ADD revision :one SET lastWrite = :w',
          ConditionExpression: 'attribute_not_exists(lastWrite) OR lastWrite <> :w',
          ExpressionAttributeValues: { ':one': N(1), ':w': S(write) },
          ReturnValues: 'UPDATED_NEW',
        }),
      )
      own = num(out.Attributes as Item, 'revision') ?? 0
    } catch (e) {
      if (!isConditionFailed(e)) throw e
      own = 0
    }
    const counters = await this.counters(tenant, mesh)
    if (own === 0) return sum(counters)
    return own + sum(counters.filter((c) => str(c, 'sk') !== this.region))
  }

  private counters(tenant: string, mesh: string): Promise<Item[]> {
    return queryAll(this.db, {
      TableName: this.table,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': S(keys.revisionPk(tenant, mesh)) },
    })
  }

  async revision(tenant: string, mesh: string): Promise<number> {
    return sum(await this.counters(tenant, mesh))
  }
}

/** live: a global item always; a mesh-scoped item only while its mesh has the same generation. */
function live(item: Item, gens: Map<string, string | undefined>): boolean {
  const mesh = str(item, 'mesh') ?? ''
  if (mesh === '') return true
  const gen = gens.get(mesh)
  return gen !== undefined && str(item, 'meshGen') === gen
}

function byNameThenMesh(a: ResourceRecord, b: ResourceRecord): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1
  return a.mesh < b.mesh ? -1 : a.mesh > b.mesh ? 1 : 0
}

/** revisionMesh: a Mesh's own writes count towards that mesh's revision. */
function revisionMesh(k: ResourceKey): string {
  return k.type === MESH ? k.name : k.mesh
}

function sum(counters: Item[]): number {
  return counters.reduce((n, c) => n + (num(c, 'revision') ?? 0), 0)
}
