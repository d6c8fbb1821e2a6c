/** @module Kumo's DynamoDB table: its definition and `ensureTable`, shared by the Worker's tests and scripts. */
// Plain JavaScript (typed by dynamodb-table.d.mts) so `node scripts/*.mjs` can import it as is.
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb'

/** BY_TYPE is the one global secondary index: every resource of a kind, sorted by name then mesh. */
export const BY_TYPE = 'byType'

/**
 * tableDefinition is the single table of docs/storage.md: primary key (pk, sk), index byType
 * (gpk, gsk), on-demand capacity. Streams are on when the table is (or becomes) a global table.
 */
export function tableDefinition(name, { streams = false } = {}) {
  const def = {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'gpk', AttributeType: 'S' },
      { AttributeName: 'gsk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: BY_TYPE,
        KeySchema: [
          { AttributeName: 'gpk', KeyType: 'HASH' },
          { AttributeName: 'gsk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  }
  if (streams)
    def.StreamSpecification = { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' }
  return def
}

async function describe(client, name) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table
  } catch (e) {
    if (e instanceof ResourceNotFoundException || e?.name === 'ResourceNotFoundException')
      return undefined
    throw e
  }
}

async function waitActive(client, name, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const t = await describe(client, name)
    const replicasReady = (t?.Replicas ?? []).every(
      (r) => !r.ReplicaStatus || r.ReplicaStatus === 'ACTIVE',
    )
    const indexesReady = (t?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE')
    if (t?.TableStatus === 'ACTIVE' && replicasReady && indexesReady) return t
    if (Date.now() > deadline) throw new Error(`table ${name} is not ACTIVE after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/**
 * ensureTable creates the table when it is missing and waits until it is ACTIVE; with
 * `replicas` (region names) it then adds every missing replica, one at a time, which turns the
 * table into a DynamoDB global table (version 2019.11.21). Returns whether it created the table.
 */
export async function ensureTable(client, name, { replicas = [], timeoutMs = 600_000 } = {}) {
  let table = await describe(client, name)
  let created = false
  if (!table) {
    try {
      await client.send(
        new CreateTableCommand(tableDefinition(name, { streams: replicas.length > 0 })),
      )
      created = true
    } catch (e) {
      if (e?.name !== 'ResourceInUseException') throw e
    }
  }
  table = await waitActive(client, name, timeoutMs)
  for (const region of replicas) {
    const have = (table.Replicas ?? []).some((r) => r.RegionName === region)
    if (have || region === (await client.config.region())) continue
    if (!table.StreamSpecification?.StreamEnabled) {
      await client.send(
        new UpdateTableCommand({
          TableName: name,
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        }),
      )
      table = await waitActive(client, name, timeoutMs)
    }
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        ReplicaUpdates: [{ Create: { RegionName: region } }],
      }),
    )
    table = await waitActive(client, name, timeoutMs)
  }
  return created
}
