/** @module Tests of the agent's snapshot cache: only encodable snapshots enter, watches fire, writes persist. */
import { describe, expect, it, vi } from 'vitest'
import { consistent, newSnapshot, type Snapshot, TypeUrl } from '../../core/xds/snapshot'
import * as proto from '../xds/envoy-proto'
import { SnapshotCache } from './cache'
import { MemorySnapshotStore } from './store'

const cluster = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'STATIC',
  connectTimeout: '1s',
  ...extra,
})
const snap = (...names: string[]) =>
  newSnapshot({ [TypeUrl.Cluster]: Object.fromEntries(names.map((n) => [n, cluster(n)])) })

describe('SnapshotCache', () => {
  it('encodes an accepted snapshot once, with a content version per resource', () => {
    const cache = new SnapshotCache()
    const s = snap('a', 'b')
    expect(cache.setSnapshot('default.web', s)).toEqual({
      ok: true,
      version: s.version,
      changed: true,
    })
    const encoded = cache.getSnapshot('default.web')!.encoded.get(TypeUrl.Cluster)!
    expect([...encoded.keys()]).toEqual(['a', 'b'])
    expect(encoded.get('a')!.any.type_url).toBe(TypeUrl.Cluster)
    expect(encoded.get('a')!.version).not.toBe(encoded.get('b')!.version)
    expect(cache.setSnapshot('default.web', snap('b', 'a'))).toMatchObject({ changed: false })
  })

  it('rejects a snapshot that fails the judge, listing every problem, and keeps the last good one', () => {
    const cache = new SnapshotCache()
    cache.setSnapshot('default.web', snap('a'))
    const bad = newSnapshot({
      [TypeUrl.Cluster]: {
        a: cluster('a', { type: 'NOPE' }),
        b: cluster('not-b'),
        c: cluster('c', { connectTimeout: 'soon' }),
      },
      [TypeUrl.Listener]: {
        l: {
          name: 'l',
          filterChains: [
            {
              filters: [
                {
                  name: 'tcp',
                  typedConfig: {
                    '@type':
                      'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
                    statPrefix: 's',
                    cluster: 'missing',
                  },
                },
              ],
            },
          ],
        },
      },
    })
    const r = cache.setSnapshot('default.web', bad)
    expect(r.ok).toBe(false)
    const fields = r.ok ? [] : r.violations.map((v) => v.field)
    expect(fields).toEqual(
      expect.arrayContaining([
        'Cluster["a"].type',
        'Cluster["b"].name',
        'Cluster["c"].connectTimeout',
        'Listener["l"].filterChains[0].filters[0].typedConfig.cluster',
      ]),
    )
    expect(cache.getSnapshot('default.web')!.snapshot.version).toBe(snap('a').version)
  })

  it('notifies watches of changes to their proxy only', () => {
    const cache = new SnapshotCache()
    const seen: string[] = []
    const cancel = cache.watch('default.web', (c) => seen.push(c!.snapshot.version))
    cache.setSnapshot('default.web', snap('a'))
    cache.setSnapshot('default.other', snap('b'))
    cache.setSnapshot('default.web', snap('a'))
    cancel()
    cache.setSnapshot('default.web', snap('c'))
    expect(seen).toEqual([snap('a').version])
  })

  it('applies a batch all or nothing', () => {
    const cache = new SnapshotCache()
    const results = cache.setSnapshots([
      ['default.one', snap('a')],
      ['default.two', newSnapshot({ [TypeUrl.Cluster]: { x: cluster('y') } })],
    ])
    expect(results.get('default.one')).toMatchObject({ ok: true })
    expect(results.get('default.two')).toMatchObject({ ok: false })
    expect(cache.nodeIds()).toEqual([])
    cache.setSnapshots([
      ['default.one', snap('a')],
      ['default.two', snap('b')],
    ])
    expect(cache.nodeIds()).toEqual(['default.one', 'default.two'])
  })

  it('writes the whole state behind once per batch of changes and loads it back', async () => {
    const store = new MemorySnapshotStore()
    const cache = new SnapshotCache({ store })
    cache.setSnapshot('default.web', snap('a'))
    cache.setSnapshot('default.web', snap('b'))
    cache.setSnapshot('default.gone', snap('c'))
    cache.clearSnapshot('default.gone')
    cache.setRevisions({ default: 3 })
    await cache.flush()
    expect(store.saves).toBe(1)
    expect([...store.saved!.proxies.keys()]).toEqual(['default.web'])
    expect(store.saved!.proxies.get('default.web')!.version).toBe(snap('b').version)
    expect(store.saved!.revisions).toEqual({ default: 3 })
    const restarted = new SnapshotCache({ store })
    expect(await restarted.load()).toEqual({ loaded: ['default.web'], rejected: [] })
    expect(restarted.getSnapshot('default.web')!.snapshot.version).toBe(snap('b').version)
    expect(restarted.revisions).toEqual({ default: 3 })
  })

  it('judges and encodes a body shared by many proxies once, and shares its encoding', () => {
    const cache = new SnapshotCache()
    const judged = vi.spyOn(proto, 'checkResource')
    const shared = cluster('a')
    const many = Array.from({ length: 50 }, (_, i): [string, Snapshot] => [
      `default.p${i}`,
      newSnapshot({ [TypeUrl.Cluster]: { a: { ...shared }, [`own${i}`]: cluster(`own${i}`) } }),
    ])
    cache.setSnapshots(many)
    expect(judged).toHaveBeenCalledTimes(51)
    const a0 = cache.getSnapshot('default.p0')!.encoded.get(TypeUrl.Cluster)!.get('a')
    const a9 = cache.getSnapshot('default.p9')!.encoded.get(TypeUrl.Cluster)!.get('a')
    expect(a9).toBe(a0)
    judged.mockClear()
    // a new body in every proxy is judged once more; unchanged ones not at all
    cache.setSnapshots(
      many.map(([id, s]) => [
        id,
        newSnapshot({
          ...s.resources,
          [TypeUrl.Cluster]: { ...s.resources[TypeUrl.Cluster], b: cluster('b') },
        }),
      ]),
    )
    expect(judged).toHaveBeenCalledTimes(1)
    judged.mockRestore()
  })

  it('holds the bodies of held snapshots only', () => {
    const cache = new SnapshotCache()
    cache.setSnapshots([
      ['default.one', snap('a', 'b')],
      ['default.two', snap('b')],
    ])
    const hashOf = (n: string) => snap(n).hashes[TypeUrl.Cluster][n]
    expect(cache.bodyHashes().sort()).toEqual([hashOf('a'), hashOf('b')].sort())
    expect(cache.body(TypeUrl.Cluster, hashOf('a'))).toEqual(cluster('a'))
    cache.setSnapshot('default.one', snap('c'))
    expect(cache.bodyHashes().sort()).toEqual([hashOf('b'), hashOf('c')].sort())
    cache.clearSnapshot('default.two')
    expect(cache.bodyHashes()).toEqual([hashOf('c')])
    // a refused batch leaves nothing behind
    cache.setSnapshots([
      ['default.one', snap('d')],
      ['default.two', newSnapshot({ [TypeUrl.Cluster]: { x: cluster('y') } })],
    ])
    expect(cache.bodyHashes()).toEqual([hashOf('c')])
    cache.clearSnapshot('default.one')
    expect(cache.bodyHashes()).toEqual([])
  })

  it('checks each proxy against what its bodies name, even when another proxy holds the same body', () => {
    const cache = new SnapshotCache()
    const l = {
      name: 'l',
      filterChains: [
        {
          filters: [
            {
              name: 'tcp',
              typedConfig: {
                '@type':
                  'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
                statPrefix: 's',
                cluster: 'c',
              },
            },
          ],
        },
      ],
    }
    const withTarget = newSnapshot({
      [TypeUrl.Listener]: { l },
      [TypeUrl.Cluster]: { c: cluster('c') },
    })
    const without = newSnapshot({
      [TypeUrl.Listener]: { l },
      [TypeUrl.Cluster]: { d: cluster('d') },
    })
    expect(cache.setSnapshot('default.a', withTarget)).toMatchObject({ ok: true })
    const r = cache.setSnapshot('default.b', without)
    expect(r).toEqual({ ok: false, violations: consistent(without) })
    expect(r.ok ? [] : r.violations.map((v) => v.field)).toEqual([
      'Listener["l"].filterChains[0].filters[0].typedConfig.cluster',
    ])
  })
})
