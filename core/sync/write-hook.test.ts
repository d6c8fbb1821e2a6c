/** @module Tests of notifyingStore: listeners hear committed writes only. */
import { describe, expect, it } from 'vitest'
import type { Store } from '../store/store'
import { notifyingStore, wakesProxies } from './write-hook'

describe('notifyingStore', () => {
  it('tells of committed writes, not of failed ones, and passes reads through', async () => {
    let ok = true
    const base = {
      put: async () =>
        ok ? { ok: true, record: null, revision: 4 } : { ok: false, reason: 'conflict' },
      delete: async () => ({ ok: true, record: null, revision: 5 }),
      revision: async () => 9,
    } as unknown as Store
    const heard: string[] = []
    const s = notifyingStore(base, (t, k, r) => heard.push(`${t}/${k.mesh}/${k.name}@${r}`))
    const key = { type: 'MeshTimeout', mesh: 'default', name: 'a' }
    await s.put('t', { key, labels: {}, spec: {}, expectedVersion: 0, actor: 'x', now: '' })
    ok = false
    await s.put('t', { key, labels: {}, spec: {}, expectedVersion: 0, actor: 'x', now: '' })
    await s.delete('t', { key, actor: 'x', now: '' })
    expect(await s.revision('t', 'default')).toBe(9)
    expect(heard).toEqual(['t/default/a@4', 't/default/a@5'])
  })

  it('lets insights and zones not wake proxies', () => {
    expect(wakesProxies({ type: 'DataplaneInsight', mesh: 'm', name: 'a' })).toBe(false)
    expect(wakesProxies({ type: 'ZoneInsight', mesh: '', name: 'a' })).toBe(false)
    expect(wakesProxies({ type: 'Zone', mesh: '', name: 'a' })).toBe(false)
    expect(wakesProxies({ type: 'Mesh', mesh: '', name: 'm' })).toBe(true)
    expect(wakesProxies({ type: 'MeshTimeout', mesh: 'm', name: 'a' })).toBe(true)
  })
})
