/** @module Tests of proxy ids and the per-proxy sync state. */
import { describe, expect, it } from 'vitest'
import { ackedSnapshotVersion, parseProxyId, SyncTracker } from './status'

describe('parseProxyId', () => {
  it.each([
    ['default.web-1', { ok: true, id: { mesh: 'default', name: 'web-1' } }],
    ['default.web.1', { ok: true, id: { mesh: 'default', name: 'web.1' } }],
    ['.ingress', { ok: true, id: { mesh: '', name: 'ingress' } }],
    ['', { ok: false, message: 'Envoy ID must not be nil' }],
    ['web', { ok: false, message: 'the name should be provided after the dot' }],
    ['default.', { ok: false, message: 'name must not be empty' }],
  ])('parses %j as Kuma does', (id, want) => {
    expect(parseProxyId(id)).toEqual(want)
  })
})

describe('SyncTracker', () => {
  it('tracks streams, ACKs and the last NACK, and says which snapshot version a proxy runs', () => {
    let t = 0
    const tracker = new SyncTracker(() => new Date(Date.UTC(2026, 0, 1, 0, 0, t++)))
    const changes: boolean[] = []
    tracker.onChange((s) => changes.push(s.connected))
    tracker.connect('m.a')
    tracker.connect('m.a')
    tracker.pushed('m.a', 'T1', 'v1')
    tracker.acked('m.a', 'T1', 'v1')
    tracker.pushed('m.a', 'T2', 'w2')
    tracker.nacked('m.a', { typeUrl: 'T2', version: 'w2', nonce: '3', error: 'bad' })
    tracker.disconnect('m.a')
    const s = tracker.get('m.a')!
    expect(s).toMatchObject({ connected: true, streams: 1, pushes: 2, acks: 1, nacks: 1 })
    expect(s.lastNack).toEqual({
      typeUrl: 'T2',
      version: 'w2',
      nonce: '3',
      error: 'bad',
      at: '2026-01-01T00:00:01.000Z',
    })
    expect(
      ackedSnapshotVersion(s, { version: 'S', versions: { T1: 'v1', T2: 'w2' } }),
    ).toBeUndefined()
    tracker.pushed('m.a', 'T2', 'w3')
    tracker.acked('m.a', 'T2', 'w3')
    expect(
      ackedSnapshotVersion(tracker.get('m.a')!, {
        version: 'S2',
        versions: { T1: 'v1', T2: 'w3' },
      }),
    ).toBe('S2')
    tracker.disconnect('m.a')
    expect(tracker.get('m.a')).toMatchObject({
      connected: false,
      disconnectedAt: '2026-01-01T00:00:02.000Z',
    })
    expect(tracker.counters()).toEqual({
      connectedProxies: 0,
      streams: 0,
      pushes: 3,
      acks: 2,
      nacks: 1,
    })
    expect(changes.at(-1)).toBe(false)
  })
})
