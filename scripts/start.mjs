#!/usr/bin/env node
// npm start: Kumo on this machine. Applies D1 migrations locally, runs the edge Worker with
// `wrangler dev` on 127.0.0.1:5681, creates tenant "default" (once), and writes a fresh admin
// token to .kumo/admin.token and the operator secret to .kumo/operator.token.
// STORE=dynamodb (with DYNAMODB_TABLE, AWS_REGION, DYNAMODB_ENDPOINT, AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY) runs it on DynamoDB instead, creating the table if it is missing.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const PORT = Number(process.env.KUMO_PORT ?? 5681)
const URL_BASE = `http://127.0.0.1:${PORT}`
const STATE = '.kumo'
const TENANT = process.env.KUMO_TENANT ?? 'default'
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: process.env.CI ?? '' }
const wrangler = join('node_modules', '.bin', 'wrangler')

mkdirSync(STATE, { recursive: true })
const operatorFile = join(STATE, 'operator.token')
const operator = existsSync(operatorFile)
  ? readFileSync(operatorFile, 'utf8').trim()
  : randomBytes(32).toString('base64url')
writeFileSync(operatorFile, operator + '\n', { mode: 0o600 })

const STORE = process.env.STORE || 'd1'
/** storeVars are the `--var`s that point the Worker at its store (DynamoDB settings pass through). */
const storeVars = []
if (STORE === 'dynamodb') {
  const dynamodb = {
    STORE,
    DYNAMODB_TABLE: process.env.DYNAMODB_TABLE || 'kumo',
    AWS_REGION: process.env.AWS_REGION || '',
    DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT || '',
    // a local endpoint takes any credentials; AWS needs real ones
    AWS_ACCESS_KEY_ID:
      process.env.AWS_ACCESS_KEY_ID || (process.env.DYNAMODB_ENDPOINT ? 'local' : ''),
    AWS_SECRET_ACCESS_KEY:
      process.env.AWS_SECRET_ACCESS_KEY || (process.env.DYNAMODB_ENDPOINT ? 'local' : ''),
  }
  const missing = Object.entries(dynamodb).filter(([k, v]) => !v && k !== 'DYNAMODB_ENDPOINT')
  if (missing.length > 0) {
    console.error(`kumo: STORE=dynamodb needs ${missing.map(([k]) => k).join(', ')}`)
    process.exit(2)
  }
  const { ensureTable } = await import('../workers/store/dynamodb-table.mjs')
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb')
  const client = new DynamoDBClient({
    region: dynamodb.AWS_REGION,
    endpoint: dynamodb.DYNAMODB_ENDPOINT || undefined,
    credentials: {
      accessKeyId: dynamodb.AWS_ACCESS_KEY_ID,
      secretAccessKey: dynamodb.AWS_SECRET_ACCESS_KEY,
    },
  })
  try {
    if (await ensureTable(client, dynamodb.DYNAMODB_TABLE))
      console.log(`kumo: created DynamoDB table ${dynamodb.DYNAMODB_TABLE}`)
  } catch (e) {
    console.error(`kumo: DynamoDB table ${dynamodb.DYNAMODB_TABLE}: ${e.message}`)
    process.exit(1)
  }
  for (const [k, v] of Object.entries(dynamodb)) storeVars.push('--var', `${k}:${v}`)
} else if (STORE === 'd1') {
  const migrate = spawnSync(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local'], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  if (migrate.status !== 0) {
    console.error('kumo: applying D1 migrations failed')
    process.exit(1)
  }
} else {
  console.error(`kumo: STORE must be "d1" or "dynamodb", not ${JSON.stringify(STORE)}`)
  process.exit(2)
}

const dev = spawn(
  wrangler,
  [
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(PORT),
    '--var',
    `OPERATOR_TOKEN:${operator}`,
    ...storeVars,
    '--show-interactive-dev-session=false',
  ],
  { env, stdio: ['ignore', 'inherit', 'inherit'], detached: true },
)

let stopping = false
const devExited = new Promise((resolve) => dev.on('exit', resolve))
/** stop ends wrangler and workerd: SIGINT to their process group, SIGKILL if still there after 5s. */
async function stop(code = 0) {
  if (stopping) return
  stopping = true
  const signal = (sig) => {
    try {
      process.kill(-dev.pid, sig)
    } catch {}
  }
  signal('SIGINT')
  const timeout = new Promise((r) => setTimeout(r, 5000))
  await Promise.race([devExited, timeout])
  // wrangler's own children (workerd) stay in the group: make sure none outlives us
  await new Promise((r) => setTimeout(r, 300))
  signal('SIGKILL')
  process.exit(code)
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))
dev.on('exit', (code) => {
  if (!stopping) {
    console.error(`kumo: wrangler dev exited (${code})`)
    process.exit(code ?? 1)
  }
})

async function waitHealthy() {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${URL_BASE}/healthz`)
      if (res.ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(`the API did not answer on ${URL_BASE} within 120s`)
}

async function operatorCall(path, body) {
  const res = await fetch(URL_BASE + path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${operator}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: await res.json() }
}

try {
  await waitHealthy()
  let res = await operatorCall('/_operator/tenants', { name: TENANT })
  if (res.status === 409) res = await operatorCall(`/_operator/tenants/${TENANT}/tokens`, {})
  if (res.status !== 201)
    throw new Error(`could not get an admin token: ${JSON.stringify(res.body)}`)
  writeFileSync(join(STATE, 'admin.token'), res.body.token + '\n', { mode: 0o600 })
  console.log(`
Kumo is running.
  API:            ${URL_BASE}   (Kuma's REST API, tenant "${TENANT}", mesh "default")
  store:          ${STORE}
  admin token:    ${STATE}/admin.token
  operator token: ${STATE}/operator.token

Try:
  export KUMO_TOKEN=$(cat ${STATE}/admin.token)
  curl -s -H "Authorization: Bearer $KUMO_TOKEN" ${URL_BASE}/meshes
  curl -s -XPUT -H "Authorization: Bearer $KUMO_TOKEN" -H 'Content-Type: application/json' \\
    ${URL_BASE}/meshes/default/meshtrafficpermissions/allow-all \\
    -d '{"type":"MeshTrafficPermission","name":"allow-all","mesh":"default","spec":{"targetRef":{"kind":"Mesh"},"from":[{"targetRef":{"kind":"Mesh"},"default":{"action":"Allow"}}]}}'

Ctrl-C stops everything.`)
} catch (e) {
  console.error(`kumo: ${e.message}`)
  stop(1)
}
