/** @module Tests of ConfigState: an edge answer is applied whole, or not at all. */
import { describe, expect, it } from 'vitest'
import { newSnapshot, resourceHash, TypeUrl } from '../../core/xds/snapshot'
import type { ConfigResponse } from '../../core/sync/protocol'
import { SnapshotCache } from '../ads/cache'
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
})
