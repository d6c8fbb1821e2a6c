#!/usr/bin/env node
// Creates Kumo's DynamoDB table if it is missing (and waits until it is ACTIVE); with
// --replicas, adds those regions so the table becomes a DynamoDB global table.
//
//   node scripts/dynamodb-create-table.mjs [--table kumo] [--region us-east-1]
//       [--endpoint http://127.0.0.1:8000] [--replicas eu-west-1,ap-southeast-2]
//
// Defaults come from DYNAMODB_TABLE, AWS_REGION and DYNAMODB_ENDPOINT. Credentials come from the
// usual AWS sources (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profiles, SSO...); a local endpoint
// without credentials gets dummy ones.
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { ensureTable } from '../workers/store/dynamodb-table.mjs'

/** dynamoDBClientFor builds a Node-side client from the same settings the Worker reads. */
function dynamoDBClientFor({ region, endpoint }) {
  const local = endpoint && !process.env.AWS_ACCESS_KEY_ID
  return new DynamoDBClient({
    region,
    endpoint: endpoint || undefined,
    credentials: local ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined,
  })
}

async function main() {
  const { values } = parseArgs({
    options: {
      table: { type: 'string', default: process.env.DYNAMODB_TABLE || 'kumo' },
      region: { type: 'string', default: process.env.AWS_REGION || '' },
      endpoint: { type: 'string', default: process.env.DYNAMODB_ENDPOINT || '' },
      replicas: { type: 'string', default: '' },
    },
  })
  if (!values.region) {
    console.error('kumo: set AWS_REGION or --region')
    process.exit(2)
  }
  const client = dynamoDBClientFor(values)
  const replicas = values.replicas
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
  const created = await ensureTable(client, values.table, { replicas })
  const where = values.endpoint || values.region
  console.log(`kumo: table ${values.table} ${created ? 'created' : 'already there'} (${where})`)
  if (replicas.length) console.log(`kumo: replicas in ${replicas.join(', ')}`)
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(`kumo: ${e.message}`)
    process.exit(1)
  })
}
