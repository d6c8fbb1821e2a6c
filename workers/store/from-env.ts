/** @module storeOf: the Store the Worker's configuration asks for (`STORE=d1|dynamodb`). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { FetchHttpHandler } from '@smithy/fetch-http-handler'
import type { Store } from '../../core/store/store'
import { D1Store } from './d1-store'
import { DynamoDBStore } from './dynamodb-store'

/** AWS credentials are secrets (`wrangler secret put`), so `wrangler types` does not list them. */
type AwsSecrets = Partial<Record<'AWS_ACCESS_KEY_ID' | 'AWS_SECRET_ACCESS_KEY', string>>

export interface DynamoDBSettings {
  table: string
  region: string
  endpoint?: string
  accessKeyId: string
  secretAccessKey: string
}

/** dynamoDBSettings reads and checks the DynamoDB configuration; every missing setting is named. */
export function dynamoDBSettings(env: Env): DynamoDBSettings {
  const secrets = env as Env & AwsSecrets
  const s = {
    table: env.DYNAMODB_TABLE ?? '',
    region: env.AWS_REGION ?? '',
    endpoint: env.DYNAMODB_ENDPOINT || undefined,
    accessKeyId: secrets.AWS_ACCESS_KEY_ID ?? '',
    secretAccessKey: secrets.AWS_SECRET_ACCESS_KEY ?? '',
  }
  const missing = Object.entries({
    DYNAMODB_TABLE: s.table,
    AWS_REGION: s.region,
    AWS_ACCESS_KEY_ID: s.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s.secretAccessKey,
  }).filter(([, v]) => !v)
  if (missing.length > 0) {
    throw new Error(`STORE=dynamodb needs ${missing.map(([k]) => k).join(', ')}`)
  }
  return s
}

/** dynamoDBClient speaks to DynamoDB with workerd's fetch; the Node HTTP stack is not used. */
export function dynamoDBClient(s: DynamoDBSettings): DynamoDBClient {
  return new DynamoDBClient({
    region: s.region,
    endpoint: s.endpoint,
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
    requestHandler: new FetchHttpHandler(),
    maxAttempts: 3,
  })
}

const clients = new Map<string, DynamoDBClient>()

/** storeOf picks the store per request; the DynamoDB client is kept for the isolate's life. */
export function storeOf(env: Env): Store {
  const kind = (env.STORE as string | undefined) || 'd1'
  if (kind === 'd1') return new D1Store(env.DB)
  if (kind !== 'dynamodb')
    throw new Error(`STORE must be "d1" or "dynamodb", not ${JSON.stringify(kind)}`)
  const s = dynamoDBSettings(env)
  const id = JSON.stringify([s.region, s.endpoint, s.accessKeyId, s.secretAccessKey])
  let client = clients.get(id)
  if (!client) clients.set(id, (client = dynamoDBClient(s)))
  return new DynamoDBStore({ db: client, table: s.table, region: s.region })
}
