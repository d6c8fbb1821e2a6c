/** @module Setup file of the workers-dynamodb project: each test file starts with an empty table. */
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb'
import { env } from 'cloudflare:workers'
import { ensureTable } from '../../workers/store/dynamodb-table.mjs'
import { dynamoDBClient, dynamoDBSettings } from '../../workers/store/from-env'

const settings = dynamoDBSettings(env)
const client = dynamoDBClient(settings)
await client.send(new DeleteTableCommand({ TableName: settings.table })).catch((e: Error) => {
  if (e.name !== 'ResourceNotFoundException') throw e
})
await ensureTable(client, settings.table)
