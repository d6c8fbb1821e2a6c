/** @module Tests of the agent's snapshot cache: only encodable snapshots enter, watches fire, writes persist. */
import { describe, expect, it } from 'vitest'
import { newSnapshot, TypeUrl } from '../../core/xds/snapshot'
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

  it('writes accepted snapshots behind to its store and loads them back', async () => {
    const store = new MemorySnapshotStore()
    const cache = new SnapshotCache({ store })
    cache.setSnapshot('default.web', snap('a'))
    cache.setSnapshot('default.web', snap('b'))
    cache.setSnapshot('default.gone', snap('c'))
    cache.clearSnapshot('default.gone')
    await cache.flush()
    expect([...store.saved.keys()]).toEqual(['default.web'])
    expect(store.saved.get('default.web')!.version).toBe(snap('b').version)
    const restarted = new SnapshotCache({ store })
    expect(await restarted.load()).toEqual({ loaded: ['default.web'], rejected: [] })
    expect(restarted.getSnapshot('default.web')!.snapshot.version).toBe(snap('b').version)
  })
})
