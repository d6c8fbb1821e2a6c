/**
 * @module End to end with real processes: the Worker (wrangler dev, local D1), the kumo-agent
 * process reading a watched directory of Dataplane YAML, two gRPC echo servers (echo-v1,
 * echo-v2) and a proxyless `@grpc/grpc-js-xds` client dialing `xds:///echo` through the agent.
 * Policies written at the edge show in the client's traffic; with the edge stopped the agent keeps
 * serving, a new client still gets its config, and once the edge is back everything converges.
 */
import { type ChildProcess, execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { randomBytes } from 'node:crypto'
import { status as grpcStatus, type ServiceError } from '@grpc/grpc-js'
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest'
import { freePort } from '../harness/dev-worker.mjs'
import { echoClient, registerXds } from '../../scripts/echo.mjs'
import {
  exampleDataplanes,
  exampleMeshServices,
  splitRoute,
  startAgent,
  startEchoProcess,
  stopGroup,
} from '../../scripts/local-zone.mjs'
import { restartableWorker, type RestartableWorker } from './restartable-worker'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
/** ZONE is the Worker's KUMO_ZONE and the agent's zone. */
const ZONE = 'local'
type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

let dir: string
let worker: RestartableWorker
let adminToken: string
let agent: ChildProcess
let agentApi: string
let bootstrap: string
const logs: string[] = []
const children: ChildProcess[] = []
let client: ReturnType<typeof echoClient>

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms
  let last: unknown
  while (Date.now() < end) {
    try {
      const v = await fn()
      if (v !== undefined && v !== false) return v
    } catch (e) {
      last = e
    }
    await sleep(100)
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`)
}

async function api(method: string, p: string, body?: unknown, token = adminToken) {
  const res = await fetch(worker.url + p, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let json: Json | undefined
  try {
    json = JSON.parse(text)
  } catch {}
  return { status: res.status, text, json }
}

async function put(p: string, body: Json) {
  const r = await api('PUT', p, body)
  expect([200, 201], r.text).toContain(r.status)
}

/** spread makes n calls and counts the answers (backend names, or error codes). */
async function spread(n: number, o: Parameters<typeof client.who>[0] = {}) {
  const seen: Record<string, number> = {}
  for (let i = 0; i < n; i++) {
    const who = await client.who(o).catch((e: ServiceError) => `error:${grpcStatus[e.code]}`)
    seen[who] = (seen[who] ?? 0) + 1
  }
  return seen
}

/** follows waits until every one of 10 calls in a row answers `want`. */
async function follows(want: string, o: Parameters<typeof client.who>[0] = {}) {
  const started = performance.now()
  await until(`calls to answer ${want}`, async () => {
    const s = await spread(10, o)
    return s[want] === 10
  })
  return performance.now() - started
}

const policy = (type: string, name: string, to: Json[]) => ({
  type,
  name,
  mesh: 'default',
  spec: { targetRef: { kind: 'Mesh' }, to },
})
const toEcho = (d: Json) => [{ targetRef: { kind: 'MeshService', name: 'echo' }, default: d }]
const plural = (type: string) => type.toLowerCase().replace(/y$/, 'ie') + 's'

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kumo-e2e-proxyless-'))
  mkdirSync(path.join(dir, 'persist'))
  const operatorToken = randomBytes(24).toString('base64url')
  worker = restartableWorker({
    persist: path.join(dir, 'persist'),
    port: await freePort(),
    operatorToken,
    vars: { KUMO_ZONE: ZONE },
  })
  await worker.start()
  const t = await fetch(`${worker.url}/_operator/tenants`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${operatorToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'default' }),
  })
  adminToken = ((await t.json()) as { token: string }).token
  await put('/meshes/default', {
    type: 'Mesh',
    name: 'default',
    meshServices: { mode: 'Exclusive' },
  })
  for (const ms of exampleMeshServices()) await put(`/meshes/default/meshservices/${ms.name}`, ms)
  const zt = await api('POST', '/tokens/zone', { zone: ZONE, validFor: '1h' })
  writeFileSync(path.join(dir, 'zone.token'), zt.text.trim())

  const [v1, v2, ads, apiPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ]
  children.push(startEchoProcess('echo-v1', v1), startEchoProcess('echo-v2', v2))
  const dpDir = path.join(dir, 'dataplanes')
  mkdirSync(dpDir)
  writeFileSync(path.join(dpDir, 'echo.yaml'), exampleDataplanes({ v1Port: v1, v2Port: v2 }))
  agentApi = `http://127.0.0.1:${apiPort}`
  agent = startAgent({
    controlPlane: worker.url,
    zone: ZONE,
    tokenFile: path.join(dir, 'zone.token'),
    stateDir: path.join(dir, 'state'),
    dataplanesDir: dpDir,
    adsAddress: `127.0.0.1:${ads}`,
    apiAddress: `127.0.0.1:${apiPort}`,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(agent)
  for (const s of [agent.stdout!, agent.stderr!])
    s.on('data', (b: Buffer) => logs.push(...b.toString().split('\n').filter(Boolean)))
  bootstrap = await until('the client bootstrap from the agent', async () => {
    const r = await fetch(`${agentApi}/bootstrap?mesh=default&name=echo-client&client=grpc`)
    return r.ok ? r.text() : undefined
  })
  process.env.GRPC_XDS_BOOTSTRAP_CONFIG = bootstrap
  await registerXds()
  client = echoClient('xds:///echo')
}, 240_000)

afterAll(async () => {
  client?.close()
  await Promise.all(children.map((c) => stopGroup(c)))
  await worker?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

beforeEach(() => {
  onTestFailed(async () => {
    const dps = await fetch(`${agentApi}/dataplanes`).then((r) => r.text(), String)
    console.log(`agent log:\n${logs.slice(-30).join('\n')}\nagent dataplanes: ${dps}`)
  })
})

describe('a proxyless gRPC client in the local zone', () => {
  it('reaches both versions of echo, from Dataplanes the agent reads from its directory', async () => {
    const dp = await until('echo-v1 at the edge', async () => {
      const r = await api('GET', '/meshes/default/dataplanes/echo-v1')
      return r.status === 200 ? r.json : undefined
    })
    expect(dp.labels).toMatchObject({ 'kuma.io/zone': ZONE, 'kuma.io/origin': 'zone' })
    await until('calls to reach both versions', async () => {
      const s = await spread(40)
      return s['echo-v1'] > 0 && s['echo-v2'] > 0
    })
    const boot = JSON.parse(bootstrap)
    expect(boot.node.id).toBe('default.echo-client')

    // a file added to the directory is reported; removed, its Dataplane goes from the edge
    const extra = path.join(dir, 'dataplanes', 'extra.yaml')
    writeFileSync(
      extra,
      'type: Dataplane\nmesh: default\nname: extra-1\nnetworking:\n  address: 127.0.0.1\n' +
        '  inbound:\n    - port: 7001\n      tags:\n        kuma.io/service: extra\n',
    )
    await until('extra-1 at the edge', async () =>
      (await api('GET', '/meshes/default/dataplanes/extra-1')).status === 200 ? true : undefined,
    )
    unlinkSync(extra)
    await until('extra-1 gone from the edge', async () =>
      (await api('GET', '/meshes/default/dataplanes/extra-1')).status === 404 ? true : undefined,
    )
  })

  it('aborts calls as a MeshFaultInjection says', async () => {
    // Kuma admits MeshFaultInjection's to[] with kind Mesh only (faults on every destination)
    const p = policy('MeshFaultInjection', 'echo-abort', [
      {
        targetRef: { kind: 'Mesh' },
        default: { http: [{ abort: { httpStatus: 503, percentage: 100 } }] },
      },
    ])
    await put(`/meshes/default/${plural(p.type)}/${p.name}`, p)
    await follows('error:UNAVAILABLE')
    expect((await api('DELETE', `/meshes/default/${plural(p.type)}/${p.name}`)).status).toBe(200)
    await until('calls to succeed again', async () => {
      const s = await spread(10)
      return (s['echo-v1'] ?? 0) + (s['echo-v2'] ?? 0) === 10 ? true : undefined
    })
  })

  it('bounds calls by a MeshTimeout, whatever deadline the caller sets', async () => {
    expect(await client.who({ sleepMs: 600, deadlineMs: 5000 })).toMatch(/^echo-v/)
    const p = policy('MeshTimeout', 'echo-timeout', toEcho({ http: { requestTimeout: '300ms' } }))
    await put(`/meshes/default/${plural(p.type)}/${p.name}`, p)
    await follows('error:DEADLINE_EXCEEDED', { sleepMs: 600, deadlineMs: 5000 })
    const started = performance.now()
    const err = await client.who({ sleepMs: 2000, deadlineMs: 5000 }).catch((e: ServiceError) => e)
    const took = performance.now() - started
    expect((err as ServiceError).code).toBe(grpcStatus.DEADLINE_EXCEEDED)
    expect(took).toBeGreaterThanOrEqual(280)
    expect(took).toBeLessThan(1500)
    expect((await api('DELETE', `/meshes/default/${plural(p.type)}/${p.name}`)).status).toBe(200)
    await until(
      'slow calls to succeed again',
      async () =>
        (await client.who({ sleepMs: 600, deadlineMs: 5000 }).catch(() => undefined)) ?? undefined,
    )
  })

  it('retries UNAVAILABLE as a MeshRetry says', async () => {
    // each backend fails a key's first try; round robin sends the retry to the other one, so the
    // third attempt is the first to succeed
    let n = 0
    const failTwice = () => client.who({ failTimes: 1, key: `k${n++}` })
    const before = await failTwice().catch((e: ServiceError) => e)
    expect((before as ServiceError).code).toBe(grpcStatus.UNAVAILABLE)
    const p = policy(
      'MeshRetry',
      'echo-retry',
      toEcho({
        grpc: {
          numRetries: 3,
          retryOn: ['Unavailable'],
          backOff: { baseInterval: '10ms', maxInterval: '50ms' },
        },
      }),
    )
    await put(`/meshes/default/${plural(p.type)}/${p.name}`, p)
    await until('calls failing twice to succeed through retries', async () =>
      (await failTwice().catch(() => undefined)) ? true : undefined,
    )
    for (let i = 0; i < 10; i++) expect(await failTwice()).toMatch(/^echo-v/)
    const tooMany = await client.who({ failTimes: 5, key: 'many' }).catch((e: ServiceError) => e)
    expect((tooMany as ServiceError).code).toBe(grpcStatus.UNAVAILABLE)
  })

  it('splits its traffic 80/20 as a MeshHTTPRoute says', async () => {
    await put('/meshes/default/meshhttproutes/echo-split', splitRoute(80, 20))
    await until('the split to take effect', async () => {
      const s = await spread(50)
      return s['echo-v1'] >= 30 && s['echo-v2'] > 0 ? true : undefined
    })
    const seen = await spread(1000)
    console.info(`80/20 split, 1000 calls: ${JSON.stringify(seen)}`)
    expect(seen['echo-v1'] + seen['echo-v2']).toBe(1000)
    expect(seen['echo-v1']).toBeGreaterThan(740)
    expect(seen['echo-v1']).toBeLessThan(860)
  })

  it('follows a route change', async () => {
    await put('/meshes/default/meshhttproutes/echo-split', splitRoute(0, 100))
    console.info(`route to echo-v2 followed after ${(await follows('echo-v2')).toFixed(0)} ms`)
    await put('/meshes/default/meshhttproutes/echo-split', splitRoute(100, 0))
    console.info(`route to echo-v1 followed after ${(await follows('echo-v1')).toFixed(0)} ms`)
    expect(await spread(20)).toEqual({ 'echo-v1': 20 })
    expect((await api('DELETE', '/meshes/default/meshhttproutes/echo-split')).status).toBe(200)
  })

  it('keeps serving with the edge stopped, also to a new client, and converges when it returns', async () => {
    await put('/meshes/default/meshhttproutes/echo-split', splitRoute(0, 100))
    await follows('echo-v2')
    await worker.stop()
    await until('the agent to notice', async () => logs.some((l) => l.includes('unreachable')))
    expect(await spread(20)).toEqual({ 'echo-v2': 20 })
    const metrics = await (await fetch(`${agentApi}/metrics`)).text()
    expect(metrics).toMatch(/^kumo_agent_edge_reachable 0$/m)

    // a new client process, bootstrapped from the agent while the edge is away
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'scripts', 'echo.mjs'), 'call', 'xds:///echo', '--count', '10'],
      { cwd: ROOT, env: { ...process.env, GRPC_XDS_BOOTSTRAP_CONFIG: bootstrap }, timeout: 30_000 },
    )
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ 'echo-v2': 10 })

    await worker.start()
    await until('the agent to reach the edge again', async () =>
      (await (await fetch(`${agentApi}/metrics`)).text()).match(/^kumo_agent_edge_reachable 1$/m),
    )
    await put('/meshes/default/meshhttproutes/echo-split', splitRoute(100, 0))
    console.info(
      `after the outage, route change followed in ${(await follows('echo-v1')).toFixed(0)} ms`,
    )
    const overview = await until('the client online at the edge', async () => {
      const r = await api('GET', '/meshes/default/dataplanes/echo-client/_overview')
      const subs = r.json?.dataplaneInsight?.subscriptions as Json[] | undefined
      return subs?.at(-1)?.connectTime && !subs.at(-1)!.disconnectTime ? r.json : undefined
    })
    expect(overview.dataplaneInsight.subscriptions.at(-1).status.lastNack).toBeUndefined()
  })
})
