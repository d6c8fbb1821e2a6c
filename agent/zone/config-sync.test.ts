/** @module Tests of ConfigState: an edge answer is applied whole, or not at all. */
import { describe, expect, it, vi } from 'vitest'
import {
  consistent,
  newSnapshot,
  resourceHash,
  snapshotOfHashes,
  TypeUrl,
} from '../../core/xds/snapshot'
import type { ConfigResponse } from '../../core/sync/protocol'
import { diffZoneConfig, mergeMeshConfigs, meshConfigOf } from '../../core/sync/zone-config'
import { synthMesh } from '../../core/xds/testing/synth'
import * as proto from '../xds/envoy-proto'
import { EncodingCache, encodeSnapshot, SnapshotCache } from '../ads/cache'
import { MemorySnapshotStore } from '../ads/store'
import { ConfigState } from './config-sync'

const cluster = (name: string, connectTimeout = '5s') => ({
  name,
  type: 'EDS',
  connectTimeout,
  edsClusterConfig: { edsConfig: { ads: {}, resourceApiVersion: 'V3' } },
})
const endpoints = (name: string) => ({ clusterName: name, endpoints: [] })
const hash = (r: object) => resourceHash(r as never)

/** answer builds an edge answer for proxies each holding the given clusters. */
function answer(
  proxies: Record<string, ReturnType<typeof cluster>[]>,
  send = true,
): ConfigResponse {
  const res: ConfigResponse = {
    changed: true,
    revisions: { default: 1 },
    proxies: {},
    removed: [],
    resources: {},
    errors: [],
  }
  for (const [id, clusters] of Object.entries(proxies)) {
    const resources = {
      [TypeUrl.Cluster]: Object.fromEntries(clusters.map((c) => [c.name, c])),
      [TypeUrl.ClusterLoadAssignment]: Object.fromEntries(
        clusters.map((c) => [c.name, endpoints(c.name)]),
      ),
    }
    const refs: Record<string, Record<string, string>> = {}
    for (const [t, byName] of Object.entries(resources)) {
      refs[t] = {}
      for (const [n, r] of Object.entries(byName)) {
        refs[t][n] = hash(r)
        if (send) res.resources[hash(r)] = r
      }
    }
    res.proxies[id] = { version: newSnapshot(resources).version, resources: refs }
  }
  return res
}

describe('ConfigState', () => {
  it('applies an answer and then asks with what it holds', () => {
    const cache = new SnapshotCache()
    const state = new ConfigState(cache)
    expect(
      state.apply(answer({ 'default.a': [cluster('x')], 'default.b': [cluster('x')] })),
    ).toMatchObject({ ok: true })
    const req = state.request()
    expect(Object.keys(req.proxies)).toEqual(['default.a', 'default.b'])
    expect(req.hashes).toHaveLength(2)
    expect(req.revisions).toEqual({ default: 1 })
  })

  it('rebuilds a proxy from bodies it already holds', () => {
    const cache = new SnapshotCache()
    const state = new ConfigState(cache)
    state.apply(answer({ 'default.a': [cluster('x')] }))
    const second = answer({ 'default.b': [cluster('x')] }, false)
    expect(state.apply(second)).toMatchObject({ ok: true, changed: ['default.b'] })
    expect(cache.getSnapshot('default.b')).toBeDefined()
  })

  it('applies nothing when a body is missing, tampered with, or a snapshot is refused', () => {
    const cache = new SnapshotCache()
    const state = new ConfigState(cache)
    state.apply(answer({ 'default.a': [cluster('x')] }))
    const before = cache.getSnapshot('default.a')!.snapshot.version

    const missing = answer(
      { 'default.a': [cluster('x', '1s')], 'default.c': [cluster('y')] },
      false,
    )
    expect(state.apply(missing)).toMatchObject({ ok: false })

    const tampered = answer({ 'default.a': [cluster('x', '1s')] })
    const h = Object.keys(tampered.resources)[0]
    tampered.resources[h] = { ...tampered.resources[h], connectTimeout: '9s' }
    expect(state.apply(tampered)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('hashes to'),
    })

    const dangling = answer({ 'default.a': [cluster('x', '2s')], 'default.c': [cluster('y')] })
    const c = dangling.proxies['default.c']
    delete c.resources[TypeUrl.ClusterLoadAssignment]
    c.version = newSnapshot({ [TypeUrl.Cluster]: { y: cluster('y') } }).version
    expect(state.apply(dangling)).toMatchObject({ ok: false })

    expect(cache.getSnapshot('default.a')!.snapshot.version).toBe(before)
    expect(cache.getSnapshot('default.c')).toBeUndefined()
    expect(state.revisions).toEqual({ default: 1 })
  })

  it('removes proxies the edge no longer serves', () => {
    const cache = new SnapshotCache()
    const state = new ConfigState(cache)
    state.apply(answer({ 'default.a': [cluster('x')] }))
    const res = answer({})
    res.removed = ['default.a']
    expect(state.apply(res)).toMatchObject({ ok: true, removed: ['default.a'] })
    expect(cache.nodeIds()).toEqual([])
    expect(state.request().hashes).toEqual([])
  })

  it('restores what it holds and the revisions after a restart', async () => {
    const store = new MemorySnapshotStore()
    const cache = new SnapshotCache({ store })
    new ConfigState(cache).apply(answer({ 'default.a': [cluster('x')] }))
    await cache.flush()
    const restarted = new SnapshotCache({ store })
    await restarted.load()
    const req = new ConfigState(restarted).request()
    expect(req.revisions).toEqual({ default: 1 })
    expect(req.proxies).toEqual({ 'default.a': cache.getSnapshot('default.a')!.snapshot.version })
    expect(req.hashes).toEqual(new ConfigState(cache).request().hashes)
  })
})

/** zoneAnswer is what the edge sends an agent holding nothing, for a small synthetic mesh. */
function zoneAnswer(): ConfigResponse {
  const mesh = synthMesh({ services: 6, instances: 2, policies: 12, reach: 3 })
  const resources = mesh.resources.map((r) =>
    r.type === 'Dataplane' ? { ...r, labels: { ...r.labels, 'kuma.io/zone': 'zone-1' } } : r,
  )
  const zc = mergeMeshConfigs({ default: 1 }, [meshConfigOf('zone-1', { ...mesh, resources })])
  // as received: parsed from the JSON the edge sent
  return JSON.parse(JSON.stringify(diffZoneConfig(zc, { revisions: {}, proxies: {}, hashes: [] })))
}

describe('ConfigState with the edge generator', () => {
  it("derives each proxy's version from its references the way the edge does", () => {
    const res = zoneAnswer()
    expect(Object.keys(res.proxies).length).toBeGreaterThan(10)
    for (const [hash, body] of Object.entries(res.resources)) expect(resourceHash(body)).toBe(hash)
    for (const pc of Object.values(res.proxies)) {
      const bodies = Object.fromEntries(
        Object.entries(pc.resources).map(([t, byName]) => [
          t,
          Object.fromEntries(Object.entries(byName).map(([n, h]) => [n, res.resources[h]])),
        ]),
      )
      expect(snapshotOfHashes(bodies, pc.resources).version).toBe(pc.version)
      expect(newSnapshot(bodies).version).toBe(pc.version)
    }
  })

  it('judges each distinct body once for the whole zone', () => {
    const res = zoneAnswer()
    const cache = new SnapshotCache()
    const judged = vi.spyOn(proto, 'checkResource')
    expect(new ConfigState(cache).apply(res)).toMatchObject({ ok: true })
    expect(judged).toHaveBeenCalledTimes(Object.keys(res.resources).length)
    judged.mockRestore()
    expect(cache.bodyHashes().sort()).toEqual(Object.keys(res.resources).sort())
  })

  it('finds a proxy consistent by its bodies exactly when the whole-snapshot walk does', () => {
    const res = zoneAnswer()
    const cache = new SnapshotCache()
    expect(new ConfigState(cache).apply(res)).toMatchObject({ ok: true })
    const encodings = new EncodingCache()
    let broken = 0
    for (const id of cache.nodeIds().slice(0, 4)) {
      const s = cache.getSnapshot(id)!.snapshot
      expect(encodeSnapshot(id, s, true, encodings).ok).toBe(true)
      // drop each resource in turn: the verdicts agree
      for (const [typeUrl, byName] of Object.entries(s.resources)) {
        for (const name of Object.keys(byName)) {
          const { [name]: _, ...rest } = byName
          const less = newSnapshot({ ...s.resources, [typeUrl]: rest })
          const whole = consistent(less).length === 0
          if (!whole) broken++
          expect(encodings.consistent(less)).toBe(whole)
        }
      }
    }
    expect(broken).toBeGreaterThan(10)
  })
})
