/** @module DynamoDBTenancy: tenants, signing keys, token metadata and the audit log in DynamoDB. */
import {
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb'
import { decodeOffset } from '../../core/store/offset'
import type {
  AuditEntry,
  AuditRecord,
  Page,
  SigningKey,
  Tenant,
  TokenRecord,
} from '../../core/store/store'
import {
  isConditionFailed,
  key,
  keys,
  N,
  num,
  pageOf,
  queryAll,
  queryCount,
  queryFirst,
  S,
  str,
  type Item,
  type Sender,
} from './dynamodb-items'

const NULL: AttributeValue = { NULL: true }
/** optional: an absent timestamp is an absent attribute, so conditions can test it. */
const optional = (name: string, v: string | null): Item => (v === null ? {} : { [name]: S(v) })
const orNull = (item: Item, name: string) => str(item, name) ?? null

/**
 * DynamoDBTenancy holds everything of a tenant that is not a Kuma resource. Every item is keyed
 * under `T#{tenant}`; each write is one conditional item write, so none needs a transaction.
 */
export class DynamoDBTenancy {
  constructor(
    protected readonly db: Sender,
    protected readonly table: string,
  ) {}

  async createTenant(name: string, now: string): Promise<boolean> {
    try {
      await this.db.send(
        new PutItemCommand({
          TableName: this.table,
          Item: { ...key(keys.tenant(name)), name: S(name), createdAt: S(now) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      return true
    } catch (e) {
      if (isConditionFailed(e)) return false
      throw e
    }
  }

  async getTenant(name: string): Promise<Tenant | undefined> {
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.table,
        Key: key(keys.tenant(name)),
        ConsistentRead: true,
      }),
    )
    const item = out.Item as Item | undefined
    return item ? { name: str(item, 'name')!, createdAt: str(item, 'createdAt')! } : undefined
  }

  /**
   * signingKeys lists keys oldest first. Only the newest unretired key flagged active counts as
   * active: a rotation stores the new key before it clears the old flags, and a reader that comes
   * in between (or a region that got the items in another order) must still see one signer.
   */
  async signingKeys(tenant: string): Promise<SigningKey[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': S(keys.signingKeyPk(tenant)) },
    })
    const all: SigningKey[] = items.map((i) => ({
      kid: str(i, 'sk')!,
      alg: str(i, 'alg') as SigningKey['alg'],
      publicJwk: JSON.parse(str(i, 'publicJwk')!),
      privateJwk: JSON.parse(str(i, 'privateJwk')!),
      createdAt: str(i, 'createdAt')!,
      active: i.active?.BOOL === true,
      retiredAt: orNull(i, 'retiredAt'),
    }))
    all.sort((a, b) => cmp(a.createdAt, b.createdAt) || cmp(a.kid, b.kid))
    const signer = all.filter((k) => k.active && !k.retiredAt).pop()
    return all.map((k) => ({ ...k, active: k === signer }))
  }

  async addSigningKey(tenant: string, k: SigningKey): Promise<void> {
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: {
          ...key({ pk: keys.signingKeyPk(tenant), sk: k.kid }),
          alg: S(k.alg),
          publicJwk: S(JSON.stringify(k.publicJwk)),
          privateJwk: S(JSON.stringify(k.privateJwk)),
          createdAt: S(k.createdAt),
          active: { BOOL: k.active },
          ...optional('retiredAt', k.retiredAt),
        },
        ConditionExpression: 'attribute_not_exists(sk)',
      }),
    )
    if (!k.active) return
    // follow-up: the new key already wins by age (see signingKeys); clear the old flags
    const others = (await this.signingKeys(tenant)).filter((o) => o.kid !== k.kid)
    await Promise.all(
      others.map((o) =>
        this.db
          .send(
            new UpdateItemCommand({
              TableName: this.table,
              Key: key({ pk: keys.signingKeyPk(tenant), sk: o.kid }),
              UpdateExpression: 'SET active = :f',
              ConditionExpression: 'active = :t',
              ExpressionAttributeValues: { ':f': { BOOL: false }, ':t': { BOOL: true } },
            }),
          )
          .catch(ignoreConditionFailed),
      ),
    )
  }

  async retireSigningKey(tenant: string, kid: string, now: string): Promise<boolean> {
    return this.setOnce(keys.signingKeyPk(tenant), kid, 'retiredAt', now, ', active = :f', {
      ':f': { BOOL: false },
    })
  }

  async addToken(tenant: string, t: TokenRecord): Promise<void> {
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: {
          ...key({ pk: keys.tokenPk(tenant), sk: t.jti }),
          subject: S(t.subject),
          role: S(t.role),
          kind: S(t.kind),
          kid: S(t.kid),
          issuedAt: S(t.issuedAt),
          expiresAt: S(t.expiresAt),
          ...optional('revokedAt', t.revokedAt),
        },
      }),
    )
  }

  async getToken(tenant: string, jti: string): Promise<TokenRecord | undefined> {
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.table,
        Key: key({ pk: keys.tokenPk(tenant), sk: jti }),
        ConsistentRead: true,
      }),
    )
    return out.Item ? toToken(out.Item as Item) : undefined
  }

  /** listTokens pages in memory: a tenant holds few tokens, sorted by issue time then `jti`. */
  async listTokens(tenant: string, size: number, offset?: string): Promise<Page<TokenRecord>> {
    const start = decodeOffset(offset)
    const items = await queryAll(this.db, {
      TableName: this.table,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': S(keys.tokenPk(tenant)) },
    })
    const all = items.map(toToken).sort((a, b) => cmp(a.issuedAt, b.issuedAt) || cmp(a.jti, b.jti))
    return pageOf(all.slice(start, start + size), all.length, start, size)
  }

  async revokeToken(tenant: string, jti: string, now: string): Promise<boolean> {
    return this.setOnce(keys.tokenPk(tenant), jti, 'revokedAt', now)
  }

  /** setOnce sets a timestamp attribute of an existing item unless it is set already. */
  private async setOnce(
    pk: string,
    sk: string,
    attr: string,
    value: string,
    more = '',
    values: Item = {},
  ): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: key({ pk, sk }),
          UpdateExpression: `SET #a = :v${more}`,
          ConditionExpression: 'attribute_exists(sk) AND attribute_not_exists(#a)',
          ExpressionAttributeNames: { '#a': attr },
          ExpressionAttributeValues: { ':v': S(value), ...values },
        }),
      )
      return true
    } catch (e) {
      if (isConditionFailed(e)) return false
      throw e
    }
  }

  /**
   * audit appends one entry, keyed by time and by the write itself (`type#mesh#name#version`),
   * so writing it twice leaves one entry and entries from two regions never overwrite each other.
   */
  protected async audit(tenant: string, e: AuditEntry): Promise<void> {
    const v = e.newVersion ?? `-${e.oldVersion}`
    await this.db
      .send(
        new PutItemCommand({
          TableName: this.table,
          Item: {
            ...key({
              pk: keys.auditPk(tenant),
              sk: `${e.time}#${e.type}#${e.mesh}#${e.name}#${v}`,
            }),
            actor: S(e.actor),
            action: S(e.action),
            type: S(e.type),
            mesh: S(e.mesh),
            name: S(e.name),
            oldVersion: e.oldVersion === null ? NULL : N(e.oldVersion),
            newVersion: e.newVersion === null ? NULL : N(e.newVersion),
            time: S(e.time),
          },
          ConditionExpression: 'attribute_not_exists(sk)',
        }),
      )
      .catch(ignoreConditionFailed)
  }

  /** listAudit reads newest first up to the page's end and counts the rest without reading it. */
  async listAudit(tenant: string, size: number, offset?: string): Promise<Page<AuditRecord>> {
    const start = decodeOffset(offset)
    const query = {
      TableName: this.table,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': S(keys.auditPk(tenant)) },
    }
    const [items, total] = await Promise.all([
      queryFirst(this.db, { ...query, ScanIndexForward: false }, start + size),
      queryCount(this.db, query),
    ])
    const page = items.slice(start).map((i): AuditRecord => ({
      id: str(i, 'sk')!,
      actor: str(i, 'actor')!,
      action: str(i, 'action') as AuditRecord['action'],
      type: str(i, 'type')!,
      mesh: str(i, 'mesh') ?? '',
      name: str(i, 'name')!,
      oldVersion: num(i, 'oldVersion') ?? null,
      newVersion: num(i, 'newVersion') ?? null,
      time: str(i, 'time')!,
    }))
    return pageOf(page, total, start, size)
  }
}

function toToken(i: Item): TokenRecord {
  return {
    jti: str(i, 'sk')!,
    subject: str(i, 'subject')!,
    role: str(i, 'role')!,
    kind: str(i, 'kind')!,
    kid: str(i, 'kid')!,
    issuedAt: str(i, 'issuedAt')!,
    expiresAt: str(i, 'expiresAt')!,
    revokedAt: orNull(i, 'revokedAt'),
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function ignoreConditionFailed(e: unknown): void {
  if (!isConditionFailed(e)) throw e
}
