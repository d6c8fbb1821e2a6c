/**
 * @module End to end: the real Worker under wrangler dev, the real kumo-agent process and a raw ADS
 * client. A Dataplane registered on the agent shows at the edge as the zone's; a policy written
 * at the edge reaches the proxy within seconds (propagation time measured); with the edge gone,
 * the agent keeps serving.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import { AdsClient, decoded } from '../agent/ads-client'
import { freePort, startDevWorker } from '../harness/dev-worker.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const CDS = 'type.googleapis.com/envoy.config.cluster.v3.Cluster'
/** ZONE is the edge's own zone (KUMO_ZONE): a standalone zone edge serves only its own agents. */
const ZONE = 'default'

type Worker = Awaited<ReturnType<typeof startDevWorker>>
type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

let worker: Worker
let dir: string
let zoneToken: string
const agents: ChildProcess[] = []

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
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

async function api(method: string, p: string, body?: unknown, token = worker.adminToken) {
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

interface Agent {
  proc: ChildProcess
  ads: string
  api: string
  logs: string[]
}

async function startAgent(tokenFile: string, stateDir: string): Promise<Agent> {
  const [adsPort, apiPort] = [await freePort(), await freePort()]
  const proc = spawn(
    process.execPath,
    [
      path.join(ROOT, 'agent', 'kumo-agent.mjs'),
      '--control-plane',
      worker.url,
      '--zone',
      ZONE,
      '--zone-token',
      tokenFile,
      '--ads-address',
      `127.0.0.1:${adsPort}`,
      '--api-address',
      `127.0.0.1:${apiPort}`,
      '--state-dir',
      stateDir,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  agents.push(proc)
  const logs: string[] = []
  proc.stderr!.on('data', (b: Buffer) => logs.push(...b.toString().split('\n').filter(Boolean)))
  proc.stdout!.on('data', (b: Buffer) => logs.push(...b.toString().split('\n').filter(Boolean)))
  const agent = { proc, ads: `127.0.0.1:${adsPort}`, api: `http://127.0.0.1:${apiPort}`, logs }
  await until('the agent API', async () => (await fetch(`${agent.api}/ready`)).ok, 60_000)
  return agent
}

async function stopAgent(a: Agent) {
  if (a.proc.exitCode !== null) return
  const exited = new Promise((r) => a.proc.once('exit', r))
  a.proc.kill('SIGTERM')
  await Promise.race([exited, sleep(5000)])
  if (a.proc.exitCode === null) a.proc.kill('SIGKILL')
}

const DATAPLANE = `type: Dataplane
mesh: default
name: web-1
networking:
  address: 127.0.0.1
  inbound:
    - port: 8080
      tags:
        kuma.io/service: web
        kuma.io/protocol: http
  outbound:
    - port: 10001
      backendRef:
        kind: MeshService
        name: backend
        port: 80
`

/** clusters opens a SotW stream as proxy web-1 and returns it with the first CDS response. */
async function clusters(ads: AdsClient) {
  const s = ads.sotw()
  s.send({ node: { id: 'default.web-1' }, type_url: CDS })
  const first = await s.next(15_000)
  return { s, first }
}

const connectTimeoutOf = (r: Json, name: string) =>
  decoded(r).find((c) => c.name === name)?.connectTimeout as string | undefined

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kumo-e2e-zone-'))
  worker = await startDevWorker()
  const mesh = await api('PUT', '/meshes/default', {
    type: 'Mesh',
    name: 'default',
    meshServices: { mode: 'Exclusive' },
  })
  expect([200, 201], mesh.text).toContain(mesh.status)
  const tok = await api('POST', '/tokens/zone', { zone: ZONE, validFor: '1h' })
  expect(tok.status).toBe(200)
  zoneToken = tok.text.trim()
  writeFileSync(path.join(dir, 'zone.token'), zoneToken)
}, 180_000)

afterAll(async () => {
  for (const p of agents) if (p.exitCode === null) p.kill('SIGKILL')
  await worker?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('zone sync, end to end', () => {
  it('refuses tokens that are not zone tokens, and bad tokens', async () => {
    expect((await api('POST', '/zone/v1/config?hold=0', {}, 'garbage')).status).toBe(401)
    expect((await api('POST', '/zone/v1/config?hold=0', {}, worker.adminToken)).status).toBe(403)
    const ok = await api('POST', '/zone/v1/config?hold=0', {}, zoneToken)
    expect(ok.status).toBe(200)
    expect(ok.json).toMatchObject({ changed: false })
    const other = await api('POST', '/tokens/zone', { zone: 'elsewhere', validFor: '1h' })
    const refused = await api('POST', '/zone/v1/config?hold=0', {}, other.text.trim())
    expect(refused.status).toBe(403)
    expect(refused.json!.detail).toContain('KUMO_MODE=global')
    const zone = await api('GET', `/zones/${ZONE}`)
    expect(zone.status).toBe(200)
  })

  it('tells a user clearly that the agent was given a bad token', async () => {
    const bad = path.join(dir, 'bad.token')
    writeFileSync(bad, worker.adminToken)
    const a = await startAgent(bad, path.join(dir, 'state-bad'))
    const line = await until('a token error', async () =>
      a.logs.find((l) => l.includes('edge refused the zone token') && l.includes('"error"')),
    )
    expect(JSON.parse(line)).toMatchObject({ level: 'error', kind: 'forbidden' })
    await stopAgent(a)
  })

  it('registers a proxy on the agent, serves it config, and propagates a policy change', async () => {
    const a = await startAgent(path.join(dir, 'zone.token'), path.join(dir, 'state'))
    onTestFailed(async () => {
      const cfg = await api('GET', '/meshes/default/dataplanes/web-1/_config').catch(
        () => undefined,
      )
      const cl = Object.values(cfg?.json?.xds?.[CDS] ?? {}).map((c: any) => [
        c.name,
        c.connectTimeout,
      ]) // eslint-disable-line @typescript-eslint/no-explicit-any
      console.log(`agent log:\n${a.logs.join('\n')}\nedge clusters: ${JSON.stringify(cl)}`)
    })
    const reg = await fetch(`${a.api}/dataplanes`, { method: 'POST', body: DATAPLANE })
    expect(reg.status).toBe(200)

    const dp = await until('the Dataplane at the edge', async () => {
      const r = await api('GET', '/meshes/default/dataplanes/web-1')
      return r.status === 200 ? r.json : undefined
    })
    expect(dp!.labels).toMatchObject({ 'kuma.io/zone': ZONE, 'kuma.io/origin': 'zone' })

    const put = await api('PUT', '/meshes/default/meshservices/backend', {
      type: 'MeshService',
      name: 'backend',
      mesh: 'default',
      spec: {
        selector: { dataplaneTags: { 'kuma.io/service': 'backend' } },
        ports: [{ port: 80, targetPort: 8080, appProtocol: 'http', name: 'http' }],
      },
    })
    expect([200, 201]).toContain(put.status)

    const cfg = await until('the backend cluster in the config', async () => {
      const r = await api('GET', '/meshes/default/dataplanes/web-1/_config')
      const cl = Object.keys(r.json?.xds?.[CDS] ?? {})
      return cl.some((n) => n.includes('backend')) ? cl : undefined
    })
    expect(cfg.length).toBeGreaterThan(0)
    const ads = new AdsClient(a.ads)
    const { s, first } = await clusters(ads)
    expect(decoded(first).length).toBeGreaterThan(0)
    s.send({ type_url: CDS, version_info: first.version_info, response_nonce: first.nonce })

    const timeouts: number[] = []
    const samples: string[] = []
    const values = Array.from({ length: 20 }, (_, i) => `${i + 2}s`)
    for (const [i, t] of values.entries()) {
      const start = performance.now()
      const w = await api('PUT', '/meshes/default/meshtimeouts/timeouts', {
        type: 'MeshTimeout',
        name: 'timeouts',
        mesh: 'default',
        spec: {
          targetRef: { kind: 'Mesh' },
          to: [{ targetRef: { kind: 'Mesh' }, default: { connectionTimeout: t } }],
        },
      })
      expect(w.status, w.text).toBe(i === 0 ? 201 : 200)
      const accepted = performance.now()
      for (;;) {
        const r = await s.next(15_000)
        s.send({ type_url: CDS, version_info: r.version_info, response_nonce: r.nonce })
        const got = decoded(r).map((c) => c.connectTimeout as string)
        samples.push(got.join(','))
        if (got.some((v) => v === t)) break
      }
      timeouts.push(performance.now() - accepted)
      void start
    }
    const sorted = [...timeouts].sort((x, y) => x - y)
    console.log(
      `propagation (write accepted -> proxy has it), ms: ${timeouts.map((t) => t.toFixed(0)).join(', ')}; ` +
        `p50 ${sorted[Math.floor(sorted.length / 2)].toFixed(0)}, ` +
        `p95 ${sorted[Math.floor(sorted.length * 0.95)].toFixed(0)}, max ${sorted[sorted.length - 1].toFixed(0)}`,
    )
    expect(Math.max(...timeouts)).toBeLessThan(5000)
    void connectTimeoutOf

    const insight = await until('the sync state at the edge', async () => {
      const r = await api('GET', '/meshes/default/dataplanes/web-1/_overview')
      const subs = r.json?.dataplaneInsight?.subscriptions as Json[] | undefined
      return subs?.length ? r.json : undefined
    })
    expect(insight!.dataplaneInsight.subscriptions.at(-1).connectTime).toBeTruthy()
    s.close()

    // a Dataplane created through the edge API in this zone is served by the agent too
    const web2 = await api('PUT', '/meshes/default/dataplanes/web-2', {
      type: 'Dataplane',
      name: 'web-2',
      mesh: 'default',
      networking: {
        address: '127.0.0.2',
        inbound: [{ port: 8080, tags: { 'kuma.io/service': 'web', 'kuma.io/protocol': 'http' } }],
      },
    })
    expect(web2.status, web2.text).toBe(201)
    await until('the agent to serve web-2', async () => {
      const ready = (await (await fetch(`${a.api}/ready`)).json()) as { proxies: string[] }
      return ready.proxies.includes('default.web-2')
    })
    const s2 = ads.sotw()
    s2.send({ node: { id: 'default.web-2' }, type_url: CDS })
    expect(decoded(await s2.next(15_000)).map((c) => c.name)).toContain('localhost:8080')
    s2.close()
    ads.close()

    // the streaming variant sends the same config as NDJSON events
    const stream = await fetch(`${worker.url}/zone/v1/config/stream`, {
      headers: { Authorization: `Bearer ${zoneToken}` },
    })
    expect(stream.headers.get('content-type')).toContain('application/x-ndjson')
    const reader = stream.body!.getReader()
    let buf = ''
    while (!buf.includes('\n')) buf += new TextDecoder().decode((await reader.read()).value)
    const event = JSON.parse(buf.slice(0, buf.indexOf('\n')))
    expect(event.type).toBe('config')
    expect(Object.keys(event.config.proxies)).toEqual(['default.web-1', 'default.web-2'])
    await reader.cancel()

    // the edge goes away: the agent keeps serving, to a new stream as well
    await worker.stop()
    await until('the agent to notice', async () => a.logs.some((l) => l.includes('unreachable')))
    const ads2 = new AdsClient(a.ads)
    const again = await clusters(ads2)
    expect(decoded(again.first).some((c) => c.connectTimeout === values.at(-1))).toBe(true)
    again.s.close()
    ads2.close()
    await stopAgent(a)
  })
})
