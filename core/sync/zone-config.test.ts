/** @module Tests of the zone config diff: only what changed, bodies de-duplicated, removals. */
import { describe, expect, it } from 'vitest'
import { dataplane, meshService, record } from '../meshcontext/testing'
import {
  diffZoneConfig,
  meshConfigOf,
  mergeMeshConfigs,
  sameRevisions,
  servedBy,
} from './zone-config'

const mesh = record('Mesh', 'default', { meshServices: { mode: 'Exclusive' } })
const inZone = (name: string, zone = 'zone-1') => ({
  ...dataplane(name, {
    outbound: [{ port: 10001, backendRef: { kind: 'MeshService', name: 'backend', port: 80 } }],
  }),
  labels: { 'kuma.io/zone': zone },
})
const backend = meshService('backend', [{ port: 80, targetPort: 8080, appProtocol: 'http' }])

function zoneConfig(
  resources = [inZone('web-1'), inZone('web-2'), inZone('other', 'zone-2'), backend],
) {
  return mergeMeshConfigs({ default: 7 }, [meshConfigOf('zone-1', { mesh, resources })])
}

describe('zone config', () => {
  it('generates the proxies of its zone only', () => {
    expect([...zoneConfig().proxies.keys()]).toEqual(['default.web-1', 'default.web-2'])
    expect(servedBy({ 'kuma.io/zone': 'a' }, 'a')).toBe(true)
  })

  it('sends an agent that holds nothing every proxy, each shared body once', () => {
    const zc = zoneConfig()
    const res = diffZoneConfig(zc, { revisions: {}, proxies: {}, hashes: [] })
    expect(res.changed).toBe(true)
    expect(Object.keys(res.proxies)).toEqual(['default.web-1', 'default.web-2'])
    const refs = Object.values(res.proxies).flatMap((p) =>
      Object.values(p.resources).flatMap((byName) => Object.values(byName)),
    )
    expect(new Set(refs).size).toBeLessThan(refs.length)
    expect(Object.keys(res.resources).sort()).toEqual([...new Set(refs)].sort())
  })

  it('answers no change to an agent that holds the current config', () => {
    const zc = zoneConfig()
    const proxies = Object.fromEntries([...zc.proxies].map(([id, p]) => [id, p.version]))
    const res = diffZoneConfig(zc, {
      revisions: { default: 6 },
      proxies,
      hashes: [...zc.bodies.keys()],
    })
    expect(res).toMatchObject({ changed: false, proxies: {}, removed: [], resources: {} })
    expect(res.revisions).toEqual({ default: 7 })
  })

  it('sends only the changed proxy and bodies the agent lacks, and removals', () => {
    const before = zoneConfig()
    const proxies = Object.fromEntries([...before.proxies].map(([id, p]) => [id, p.version]))
    proxies['default.gone'] = 'v0'
    const changedWeb2 = {
      ...inZone('web-2'),
      spec: {
        networking: {
          address: '10.0.0.2',
          inbound: [{ port: 9090, tags: { 'kuma.io/service': 'foo' } }],
        },
      },
    }
    const after = zoneConfig([inZone('web-1'), changedWeb2, backend])
    const res = diffZoneConfig(after, { revisions: {}, proxies, hashes: [...before.bodies.keys()] })
    expect(Object.keys(res.proxies)).toEqual(['default.web-2'])
    expect(res.removed).toEqual(['default.gone'])
    for (const h of Object.keys(res.resources)) expect(before.bodies.has(h)).toBe(false)
  })

  it('keeps a proxy whose config cannot be generated instead of removing it', () => {
    const zc = zoneConfig()
    zc.errors.push({ proxy: 'default.broken', reason: 'inconsistent' })
    const res = diffZoneConfig(zc, {
      revisions: {},
      proxies: { 'default.broken': 'v1' },
      hashes: [],
    })
    expect(res.removed).toEqual([])
  })

  it('compares revision vectors by mesh and value', () => {
    expect(sameRevisions({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true)
    expect(sameRevisions({ a: 1 }, { a: 1, b: 2 })).toBe(false)
    expect(sameRevisions({ a: 1 }, { a: 2 })).toBe(false)
  })
})
