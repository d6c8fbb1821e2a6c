/** @module The Store conformance suite over DynamoDB (dynalite, through the AWS SDK in workerd). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { FetchHttpHandler } from '@smithy/fetch-http-handler'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { ensureTable } from '../../workers/store/dynamodb-table.mjs'
import { MAX_ITEM_BYTES, type Sender } from '../../workers/store/dynamodb-items'
import { DynamoDBStore } from '../../workers/store/dynamodb-store'
import { storeSuite } from '../store/store-suite'
import { call, newTenant } from './harness'

const TABLE = 'kumo-store-suite'
const client = new DynamoDBClient({
  region: 'us-east-1',
  endpoint: inject('dynamodbEndpoint'),
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  requestHandler: new FetchHttpHandler(),
})

/** failing is the client, except that every call after the first `n` fails. */
function failing(n: number): Sender {
  let calls = 0
  return {
    send: ((command: Parameters<DynamoDBClient['send']>[0]) => {
      if (calls++ >= n)
        return Promise.reject(new Error(`injected failure after ${n} DynamoDB calls`))
      return client.send(command)
    }) as Sender['send'],
  }
}

const storeIn = (region: string, db: Sender = client) =>
  new DynamoDBStore({ db, table: TABLE, region })

beforeAll(async () => {
  await ensureTable(client, TABLE)
})

storeSuite('DynamoDBStore', {
  store: () => storeIn('us-east-1'),
  failingStore: (n) => storeIn('us-east-1', failing(n)),
  maxResourceBytes: MAX_ITEM_BYTES,
})

describe('DynamoDBStore across regions', () => {
  it('sums the per-region revision counters, so no region overwrites another one', async () => {
    const east = storeIn('us-east-1')
    const west = storeIn('eu-west-1')
    const tenant = `regions-${crypto.randomUUID().slice(0, 8)}`
    await east.createTenant(tenant, new Date().toISOString())
    const mesh = { type: 'Mesh', mesh: '', name: 'default' }
    const put = (s: DynamoDBStore, name: string) =>
      s.put(tenant, {
        key: { type: 'MeshRetry', mesh: 'default', name },
        labels: {},
        spec: {},
        expectedVersion: 0,
        actor: 't',
        now: new Date().toISOString(),
      })
    await east.put(tenant, {
      key: mesh,
      labels: {},
      spec: {},
      expectedVersion: 0,
      actor: 't',
      now: '',
    })
    expect(await Promise.all([put(east, 'a'), put(west, 'b'), put(west, 'c')])).toMatchObject([
      { ok: true },
      { ok: true },
      { ok: true },
    ])
    expect(await east.revision(tenant, 'default')).toBe(4)
    expect(await west.revision(tenant, 'default')).toBe(4)
  })
})

describe('the API with STORE=dynamodb', () => {
  let admin: string
  beforeAll(async () => {
    admin = await newTenant('big-specs')
  })

  it('answers 413 for a resource over the DynamoDB item limit, and stores nothing', async () => {
    const body = {
      type: 'MeshTrafficPermission',
      name: 'huge',
      mesh: 'default',
      labels: { blob: 'x'.repeat(60) },
      spec: {
        targetRef: { kind: 'Mesh' },
        from: Array.from({ length: 1100 }, (_, i) => ({
          targetRef: { kind: 'MeshService', name: `service-${i}-${'s'.repeat(300)}` },
          default: { action: 'Allow' },
        })),
      },
    }
    const path = '/meshes/default/meshtrafficpermissions/huge'
    const res = await call('PUT', path, { token: admin, body })
    expect(res.status, res.text).toBe(413)
    expect(res.body).toMatchObject({ type: '/std-errors', status: 413, title: 'Payload Too Large' })
    expect(res.body.detail).toContain('too large for the DynamoDB store')
    expect((await call('GET', path, { token: admin })).status).toBe(404)
  })
})
