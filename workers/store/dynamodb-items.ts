/** @module The DynamoDB single table's keys, item codecs, size rule and paging helpers. */
import {
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb'
import { KumaError } from '../../core/api/errors'
import { encodeOffset } from '../../core/store/offset'
import type { Page, ResourceKey, ResourceRecord } from '../../core/store/store'

/** Sender is the part of a DynamoDBClient the store uses; tests wrap it to inject failures. */
export type Sender = Pick<DynamoDBClient, 'send'>

export type Item = Record<string, AttributeValue>

/** MAX_ITEM_BYTES is DynamoDB's item size limit (400 KB), names and values included. */
export const MAX_ITEM_BYTES = 400 * 1024

export const MESH = 'Mesh'

/**
 * keys builds every key of docs/storage.md. A tenant name (a DNS label) never holds `#`, so
 * `T#{tenant}#` prefixes one tenant's partitions and nothing else.
 */
export const keys = {
  tenant: (t: string) => ({ pk: `T#${t}`, sk: 'TENANT' }),
  /** resources: one partition per (tenant, mesh); mesh '' holds global kinds and Meshes. */
  resourcePk: (t: string, mesh: string) => `T#${t}#M#${mesh}`,
  resourceSk: (type: string, name: string) => `R#${type}#${name}`,
  resource: (t: string, k: ResourceKey) => ({
    pk: keys.resourcePk(t, k.mesh),
    sk: keys.resourceSk(k.type, k.name),
  }),
  mesh: (t: string, name: string) => keys.resource(t, { type: MESH, mesh: '', name }),
  /** byType index: every resource of a kind, sorted by name then mesh ('#' sorts below [-.0-9a-z]). */
  typePk: (t: string, type: string) => `T#${t}#K#${type}`,
  typeSk: (name: string, mesh: string) => `${name}#${mesh}`,
  /** revisions: a G-counter, one item per region, summed on read. */
  revisionPk: (t: string, mesh: string) => `T#${t}#REV#${mesh}`,
  auditPk: (t: string) => `T#${t}#AUDIT`,
  tokenPk: (t: string) => `T#${t}#TOKEN`,
  signingKeyPk: (t: string) => `T#${t}#KEY`,
}

export const S = (s: string): AttributeValue => ({ S: s })
export const N = (n: number): AttributeValue => ({ N: String(n) })
export const key = (k: { pk: string; sk: string }): Item => ({ pk: S(k.pk), sk: S(k.sk) })

export function str(item: Item, name: string): string | undefined {
  const v = item[name]
  return v && 'S' in v ? v.S : undefined
}

export function num(item: Item, name: string): number | undefined {
  const v = item[name]
  return v && 'N' in v && v.N !== undefined ? Number(v.N) : undefined
}

export function stringMap(m: Record<string, string>): AttributeValue {
  return { M: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, S(v)])) }
}

/** toRecord reads a resource item; spec and status are stored as JSON text to keep key order. */
export function toRecord(item: Item): ResourceRecord {
  const labels: Record<string, string> = {}
  for (const [k, v] of Object.entries(item.labels?.M ?? {})) labels[k] = v.S ?? ''
  const r: ResourceRecord = {
    type: str(item, 'type')!,
    mesh: str(item, 'mesh') ?? '',
    name: str(item, 'name')!,
    labels,
    spec: JSON.parse(str(item, 'spec') ?? '{}'),
    version: num(item, 'version')!,
    creationTime: str(item, 'ctime')!,
    modificationTime: str(item, 'mtime')!,
  }
  const status = str(item, 'status')
  if (status) r.status = JSON.parse(status)
  return r
}

const utf8 = new TextEncoder()

/** valueBytes follows DynamoDB's item size rules (strings as UTF-8, maps with 3+1 bytes overhead). */
function valueBytes(v: AttributeValue): number {
  if ('S' in v && v.S !== undefined) return utf8.encode(v.S).length
  if ('N' in v && v.N !== undefined)
    return Math.ceil(v.N.replace(/^-|\.|e.*$/gi, '').length / 2) + 1
  if ('BOOL' in v || 'NULL' in v) return 1
  if ('M' in v && v.M) {
    let n = 3
    for (const [k, e] of Object.entries(v.M)) n += utf8.encode(k).length + valueBytes(e) + 1
    return n
  }
  return 0
}

export function itemBytes(item: Item): number {
  let n = 0
  for (const [k, v] of Object.entries(item)) n += utf8.encode(k).length + valueBytes(v)
  return n
}

/**
 * tooLarge is the API's 413 for a resource that fits the API's 1 MiB body limit (and D1) but not
 * one DynamoDB item: Kumo never splits a resource over items, so that a write stays one atomic put.
 */
export function tooLarge(key: ResourceKey, bytes?: number): KumaError {
  const size = bytes === undefined ? '' : ` (${bytes} bytes stored)`
  return new KumaError(
    413,
    'Payload Too Large',
    `${key.type} ${JSON.stringify(key.name)} is too large for the DynamoDB store${size}: ` +
      `a resource is one DynamoDB item, at most ${MAX_ITEM_BYTES} bytes with its labels and status`,
  )
}

export function checkSize(item: Item, key: ResourceKey): void {
  const bytes = itemBytes(item)
  if (bytes > MAX_ITEM_BYTES) throw tooLarge(key, bytes)
}

export function isConditionFailed(e: unknown): boolean {
  return (e as { name?: string } | null)?.name === 'ConditionalCheckFailedException'
}

export function isItemTooLarge(e: unknown): boolean {
  const err = e as { name?: string; message?: string } | null
  return err?.name === 'ValidationException' && /item size/i.test(err.message ?? '')
}

/** queryAll reads every page of a Query (DynamoDB stops each page at 1 MB). */
export async function queryAll(db: Sender, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = []
  let start: Item | undefined
  do {
    const out = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }))
    items.push(...((out.Items ?? []) as Item[]))
    start = out.LastEvaluatedKey as Item | undefined
  } while (start)
  return items
}

/** queryCount counts a Query's matches without moving the items over the wire. */
export async function queryCount(db: Sender, input: QueryCommandInput): Promise<number> {
  let n = 0
  let start: Item | undefined
  do {
    const out = await db.send(
      new QueryCommand({ ...input, Select: 'COUNT', ExclusiveStartKey: start }),
    )
    n += out.Count ?? 0
    start = out.LastEvaluatedKey as Item | undefined
  } while (start)
  return n
}

/** queryFirst reads items in key order until `limit` are in hand. */
export async function queryFirst(
  db: Sender,
  input: QueryCommandInput,
  limit: number,
): Promise<Item[]> {
  const items: Item[] = []
  let start: Item | undefined
  do {
    const out = await db.send(
      new QueryCommand({
        ...input,
        Limit: Math.min(1000, limit - items.length),
        ExclusiveStartKey: start,
      }),
    )
    items.push(...((out.Items ?? []) as Item[]))
    start = out.LastEvaluatedKey as Item | undefined
  } while (start && items.length < limit)
  return items.slice(0, limit)
}

/** pageOf: one page at decimal position `start`, with the next position when more follow. */
export function pageOf<T>(items: T[], total: number, start: number, size: number): Page<T> {
  const next = start + items.length
  return {
    items,
    total,
    nextOffset: next < total && items.length === size ? encodeOffset(next) : undefined,
  }
}
