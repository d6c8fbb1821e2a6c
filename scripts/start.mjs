#!/usr/bin/env node
// npm start: Kumo on this machine. Applies D1 migrations locally, runs the edge Worker with
// `wrangler dev` on 127.0.0.1:5681 as the standalone zone "local", creates tenant "default"
// (once), and writes a fresh admin token to .kumo/admin.token and the operator secret to
// .kumo/operator.token. Then it starts the zone agent for zone "local" (ADS on 127.0.0.1:5678,
// its API on 127.0.0.1:5679) with a fresh zone token, two gRPC echo backends and the example
// Dataplanes of scripts/local-zone.mjs (KUMO_AGENT=0 skips all that).
// STORE=dynamodb (with DYNAMODB_TABLE, AWS_REGION, DYNAMODB_ENDPOINT, AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY) runs it on DynamoDB instead, creating the table if it is missing.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  exampleDataplanes,
  exampleMeshServices,
  startAgent,
  startEchoProcess,
  stopGroup,
} from './local-zone.mjs'

const PORT = Number(process.env.KUMO_PORT ?? 5681)
const URL_BASE = `http://127.0.0.1:${PORT}`
const STATE = '.kumo'
const TENANT = process.env.KUMO_TENANT ?? 'default'
/** ZONE is the standalone zone the Worker is, and the local agent's: they must be the same. */
const ZONE = process.env.KUMO_ZONE || 'local'
const WITH_AGENT = process.env.KUMO_AGENT !== '0'
const ADS_ADDRESS = '127.0.0.1:5678'
const AGENT_API = 'http://127.0.0.1:5679'
const ECHO_PORTS = { v1: 5691, v2: 5692 }
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
    '--var',
    `KUMO_ZONE:${ZONE}`,
    ...storeVars,
    '--show-interactive-dev-session=false',
  ],
  { env, stdio: ['ignore', 'inherit', 'inherit'], detached: true },
)

let stopping = false
const devExited = new Promise((resolve) => dev.on('exit', resolve))
/** children are the agent and echo backends, each in its own process group. */
const children = []
/**
 * stop ends the agent and echo backends, then wrangler and workerd: SIGINT to their process
 * group, SIGKILL if still there after 5s.
 */
async function stop(code = 0) {
  if (stopping) return
  stopping = true
  await Promise.all(children.map((c) => stopGroup(c)))
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

/** call is an admin API call with the tenant's admin token. */
async function call(token, method, path, body) {
  const res = await fetch(URL_BASE + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let json
  try {
    json = JSON.parse(text)
  } catch {}
  return { status: res.status, text, json }
}

/**
 * startLocalZone gives mesh "default" MeshServices (mode Exclusive, unless a mode was chosen)
 * and the example echo MeshServices if missing, issues a fresh zone token, writes the example
 * Dataplanes to the agent's watched directory (once: edit them freely) and starts the echo
 * backends and the agent.
 */
async function startLocalZone(token) {
  const mesh = await call(token, 'GET', '/meshes/default')
  if (mesh.status === 200 && !mesh.json?.meshServices?.mode) {
    const { creationTime, modificationTime, ...rest } = mesh.json
    const put = await call(token, 'PUT', '/meshes/default', {
      ...rest,
      meshServices: { ...(rest.meshServices ?? {}), mode: 'Exclusive' },
    })
    if (put.status !== 200) throw new Error(`setting meshServices.mode: ${put.text}`)
  }
  for (const ms of exampleMeshServices()) {
    const path = `/meshes/default/meshservices/${ms.name}`
    if ((await call(token, 'GET', path)).status !== 404) continue
    const put = await call(token, 'PUT', path, ms)
    if (put.status !== 201) throw new Error(`creating MeshService ${ms.name}: ${put.text}`)
  }
  const zt = await call(token, 'POST', '/tokens/zone', { zone: ZONE, validFor: '8760h' })
  if (zt.status !== 200) throw new Error(`issuing a zone token: ${zt.text}`)
  const tokenFile = join(STATE, `zone-${ZONE}.token`)
  writeFileSync(tokenFile, zt.text.trim() + '\n', { mode: 0o600 })
  const dataplanesDir = join(STATE, 'dataplanes')
  mkdirSync(dataplanesDir, { recursive: true })
  const examples = join(dataplanesDir, 'examples.yaml')
  if (!existsSync(examples))
    writeFileSync(examples, exampleDataplanes({ v1Port: ECHO_PORTS.v1, v2Port: ECHO_PORTS.v2 }))
  for (const [version, port] of Object.entries(ECHO_PORTS))
    children.push(startEchoProcess(`echo-${version}`, port))
  const agent = startAgent({
    controlPlane: URL_BASE,
    zone: ZONE,
    tokenFile: resolve(tokenFile),
    stateDir: resolve(STATE, 'agent'),
    dataplanesDir: resolve(dataplanesDir),
    adsAddress: ADS_ADDRESS,
    apiAddress: AGENT_API.replace('http://', ''),
    logLevel: process.env.KUMO_AGENT_LOG_LEVEL ?? 'warn',
  })
  children.push(agent)
  agent.on('exit', (code) => {
    if (!stopping) console.error(`kumo: the zone agent exited (${code}); see its log above`)
  })
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    try {
      const ready = await (await fetch(`${AGENT_API}/ready`)).json()
      if (ready.proxies.includes('default.echo-client')) return
    } catch {}
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(
    `the zone agent did not serve default.echo-client within 60s (${AGENT_API}/ready)`,
  )
}

async function operatorCall(path, body) {
  const res = await fetch(URL_BASE + path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${operator}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: await res.json() }
}

function localZoneHelp() {
  const bootstrap = `${AGENT_API}/bootstrap?mesh=default&name=echo-client&client=grpc`
  return `
Zone "${ZONE}" (this Worker is its control plane):
  zone agent:     ADS ${ADS_ADDRESS}, API ${AGENT_API} (/dataplanes, /metrics, /bootstrap)
  zone token:     ${STATE}/zone-${ZONE}.token
  Dataplanes:     ${STATE}/dataplanes/*.yaml (watched): echo-v1, echo-v2 (gRPC echo on :${ECHO_PORTS.v1}, :${ECHO_PORTS.v2}), echo-client
  gRPC bootstrap: ${bootstrap}
  Envoy bootstrap: ${AGENT_API}/bootstrap?mesh=default&name=<dataplane>

A proxyless gRPC client (@grpc/grpc-js-xds) in the zone, dialing xds:///echo:
  GRPC_XDS_BOOTSTRAP_CONFIG="$(curl -s '${bootstrap}')" node scripts/echo.mjs call xds:///echo --count 100

Split echo's traffic 80/20 between v1 and v2, then run the client again:
  KUMO_ADDRESS=${URL_BASE} KUMO_TOKEN=$(cat ${STATE}/admin.token) npx kumoctl apply -f - <<'YAML'
type: MeshHTTPRoute
name: echo-split
mesh: default
spec:
  targetRef:
    kind: Mesh
  to:
    - targetRef:
        kind: MeshService
        name: echo
      rules:
        - matches:
            - path:
                type: PathPrefix
                value: /
          default:
            backendRefs:
              - { kind: MeshService, name: echo-v1, port: 80, weight: 80 }
              - { kind: MeshService, name: echo-v2, port: 80, weight: 20 }
YAML
`
}

try {
  await waitHealthy()
  let res = await operatorCall('/_operator/tenants', { name: TENANT })
  if (res.status === 409) res = await operatorCall(`/_operator/tenants/${TENANT}/tokens`, {})
  if (res.status !== 201)
    throw new Error(`could not get an admin token: ${JSON.stringify(res.body)}`)
  writeFileSync(join(STATE, 'admin.token'), res.body.token + '\n', { mode: 0o600 })
  if (WITH_AGENT) await startLocalZone(res.body.token)
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
${WITH_AGENT ? localZoneHelp() : ''}
Ctrl-C stops everything.`)
} catch (e) {
  console.error(`kumo: ${e.message}`)
  stop(1)
}
