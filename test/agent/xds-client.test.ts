/**
 * @module A real proxyless gRPC client (`@grpc/grpc-js-xds`) resolving `xds:///echo` through the
 * agent's ADS server: it reaches the backend the snapshot routes to, follows route changes and
 * weights, and survives an agent restart served from the agent's state directory.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SnapshotCache } from '../../agent/ads/cache'
import { AdsServer } from '../../agent/ads/server'
import { FileSnapshotStore } from '../../agent/ads/store'
import { newSnapshot } from '../../core/xds/snapshot'
import { jsonLogger, silentLogger } from '../../agent/log'
import { echoClient, startEcho } from './echo-server'
import { type GrpcService, grpcSnapshot, startAds } from './fixtures'

const NODE_ID = 'default.client-1'

let echoA: Awaited<ReturnType<typeof startEcho>>
let echoB: Awaited<ReturnType<typeof startEcho>>
let ads: Awaited<ReturnType<typeof startAds>>
let stateDir: string
let client: ReturnType<typeof echoClient>

const service = (
  routeTo: GrpcService['routeTo'],
  extra: Partial<GrpcService> = {},
): GrpcService => ({
  service: 'echo',
  backends: { 'echo-a': [echoA.port], 'echo-b': [echoB.port] },
  routeTo,
  ...extra,
})

/** until calls who() until it answers `backend`, and returns how long that took. */
async function until(backend: string, timeoutMs = 10_000): Promise<number> {
  const started = performance.now()
  let last: unknown
  while (performance.now() - started < timeoutMs) {
    try {
      if ((await client.who(1000)) === backend) return performance.now() - started
    } catch (e) {
      last = e
    }
    await new Promise((r) => setTimeout(r, 5))
  }
  throw new Error(`traffic did not reach ${backend} within ${timeoutMs} ms (last error: ${last})`)
}

async function spread(n: number): Promise<Record<string, number>> {
  const seen: Record<string, number> = {}
  for (let i = 0; i < n; i++) {
    const b = await client.who()
    seen[b] = (seen[b] ?? 0) + 1
  }
  return seen
}

beforeAll(async () => {
  echoA = await startEcho('echo-a')
  echoB = await startEcho('echo-b')
  stateDir = await mkdtemp(path.join(tmpdir(), 'kumo-agent-state-'))
  const cache = new SnapshotCache({ store: new FileSnapshotStore(stateDir), log: silentLogger })
  // ADS_DEBUG=1 logs the agent's pushes, ACK/NACKs and connections to stderr
  ads = await startAds({ cache, ...(process.env.ADS_DEBUG ? { log: jsonLogger('debug') } : {}) })
  ads.cache.setSnapshot(NODE_ID, grpcSnapshot(service('echo-a')))
  process.env.GRPC_XDS_BOOTSTRAP_CONFIG = JSON.stringify({
    xds_servers: [
      {
        server_uri: ads.address,
        channel_creds: [{ type: 'insecure' }],
        server_features: ['xds_v3'],
      },
    ],
    node: { id: NODE_ID, cluster: 'client', locality: { zone: 'local' } },
  })
  const xds = await import('@grpc/grpc-js-xds')
  xds.register()
  client = echoClient('xds:///echo')
})

afterAll(async () => {
  client?.close()
  await ads?.server.close(100)
  await echoA?.close()
  await echoB?.close()
  // the cache writes behind: let its last save finish before the directory goes
  await ads?.cache.flush()
  if (stateDir) await rm(stateDir, { recursive: true, force: true })
})

describe('proxyless gRPC through the agent', () => {
  it('makes an RPC through xds:///echo that reaches the backend the route names', async () => {
    const started = performance.now()
    expect(await client.who()).toBe('echo-a')
    console.info(`first RPC through xDS: ${Math.round(performance.now() - started)} ms`)
    const st = ads.server.status(NODE_ID)!
    expect(st.connected).toBe(true)
    expect(Object.keys(st.lastAckedVersion).sort()).toHaveLength(4)
    expect(st.lastNack).toBeUndefined()
  })

  it('follows a route change to the second backend', async () => {
    ads.cache.setSnapshot(NODE_ID, grpcSnapshot(service('echo-b')))
    const ms = await until('echo-b')
    console.info(`route change observed after ${Math.round(ms)} ms`)
    expect(await spread(20)).toEqual({ 'echo-b': 20 })
  })

  it('follows 100 route flips, each observed by the next RPCs (agent-side propagation time)', async () => {
    const times: number[] = []
    for (let i = 0; i < 100; i++) {
      const to = i % 2 === 0 ? 'echo-a' : 'echo-b'
      ads.cache.setSnapshot(NODE_ID, grpcSnapshot(service(to)))
      times.push(await until(to))
    }
    times.sort((a, b) => a - b)
    const p = (q: number) =>
      times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1)
    console.info(`setSnapshot -> RPC observes the route: p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`)
    expect(ads.server.status(NODE_ID)!.lastNack).toBeUndefined()
  }, 60_000)

  it('splits traffic by route weights', async () => {
    ads.cache.setSnapshot(NODE_ID, grpcSnapshot(service({ 'echo-a': 80, 'echo-b': 20 })))
    await until('echo-a')
    const seen = await spread(400)
    expect(seen['echo-a'] + seen['echo-b']).toBe(400)
    expect(seen['echo-a']).toBeGreaterThan(260)
    expect(seen['echo-b']).toBeGreaterThan(40)
  })

  it('follows an inline route configuration in the listener', async () => {
    ads.cache.setSnapshot(NODE_ID, grpcSnapshot(service('echo-a', { inlineRoute: true })))
    await until('echo-a')
    expect(await spread(10)).toEqual({ 'echo-a': 10 })
  })

  it('reports the NACK of a config the client rejects and keeps the last good one', async () => {
    const good = ads.cache.getSnapshot(NODE_ID)!.snapshot
    const snap = grpcSnapshot(service('echo-b', { inlineRoute: true }))
    // valid for Envoy's protos, but gRPC refuses duplicate filter names and a router before the end
    const l = snap.resources['type.googleapis.com/envoy.config.listener.v3.Listener'].echo as any
    const hcm = l.apiListener.apiListener
    hcm.httpFilters = [...hcm.httpFilters, ...hcm.httpFilters]
    expect(ads.cache.setSnapshot(NODE_ID, newSnapshot(snap.resources)).ok).toBe(true)
    for (let i = 0; i < 200 && !ads.server.status(NODE_ID)!.lastNack; i++) {
      await new Promise((r) => setTimeout(r, 10))
    }
    const nack = ads.server.status(NODE_ID)!.lastNack!
    expect(nack.typeUrl).toBe('type.googleapis.com/envoy.config.listener.v3.Listener')
    expect(nack.error).toMatch(/duplicate HTTP filter name/)
    console.info(`NACK from grpc-js-xds: ${nack.error}`)
    expect(await spread(5)).toEqual({ 'echo-a': 5 })
    ads.cache.setSnapshot(NODE_ID, good)
  })

  it('keeps serving from the state directory after an agent restart', async () => {
    expect(await client.who()).toBe('echo-a')
    await ads.cache.flush()
    const port = ads.port
    await ads.server.close(100)
    const cache = new SnapshotCache({ store: new FileSnapshotStore(stateDir), log: silentLogger })
    const { loaded } = await cache.load()
    expect(loaded).toEqual([NODE_ID])
    const server = new AdsServer({ cache, log: silentLogger })
    await server.listen(`127.0.0.1:${port}`)
    ads = { ...ads, cache, server }
    // the client reconnects to the restarted agent, which serves it the stored config; then it
    // follows the agent's next change
    const restarted = performance.now()
    while (!server.status(NODE_ID)?.acks && performance.now() - restarted < 20_000) {
      await new Promise((r) => setTimeout(r, 10))
    }
    console.info(
      `client re-synced with the restarted agent after ${Math.round(performance.now() - restarted)} ms`,
    )
    expect(server.status(NODE_ID)).toMatchObject({ connected: true })
    expect(await client.who()).toBe('echo-a')
    cache.setSnapshot(NODE_ID, grpcSnapshot(service('echo-b')))
    const ms = await until('echo-b', 20_000)
    console.info(`change after restart observed after ${Math.round(ms)} ms`)
  }, 30_000)
})
