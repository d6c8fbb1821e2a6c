import { describe, expect, it } from 'vitest'
import { kindByName } from '../resources/registry'
import type { ListOptions, ResourceRecord, Store } from '../store/store'
import { DESTINATION_KINDS } from './destination'
import { loadMesh } from './load'
import { dataplane, exclusiveMesh, meshService, record } from './testing'

/** pagedStore serves get and list from records, `pageSize` at most per page, like a real Store. */
function pagedStore(records: ResourceRecord[], pageSize: number): Store {
  const store: Partial<Store> = {
    get: async (_t, key) =>
      records.find((r) => r.type === key.type && r.mesh === key.mesh && r.name === key.name),
    list: async (_t, type, opts: ListOptions) => {
      const all = records.filter(
        (r) => r.type === type && (opts.mesh === undefined || r.mesh === opts.mesh),
      )
      const from = Number(opts.offset ?? 0)
      const size = Math.min(opts.size, pageSize)
      const items = all.slice(from, from + size)
      const next = from + size < all.length ? String(from + size) : undefined
      return { items, total: all.length, nextOffset: next }
    },
  }
  return store as Store
}

describe('loadMesh', () => {
  const records = [
    exclusiveMesh(),
    ...Array.from({ length: 5 }, (_, i) => dataplane(`dp-${i}`)),
    meshService('svc', [{ port: 80 }]),
    record('Dataplane', 'other', {}, { mesh: 'other' }),
  ]

  it('reads every page of every kind of the mesh', async () => {
    const snap = await loadMesh({ store: pagedStore(records, 2), tenant: 't' }, 'default')
    expect(snap?.mesh.name).toBe('default')
    expect(snap?.resources.map((r) => `${r.type}/${r.name}`).sort()).toEqual([
      'Dataplane/dp-0',
      'Dataplane/dp-1',
      'Dataplane/dp-2',
      'Dataplane/dp-3',
      'Dataplane/dp-4',
      'MeshService/svc',
    ])
  })

  it('reads only the kinds asked for', async () => {
    const snap = await loadMesh({ store: pagedStore(records, 2), tenant: 't' }, 'default', {
      types: ['MeshService'],
    })
    expect(snap?.resources.map((r) => r.name)).toEqual(['svc'])
  })

  it('is undefined for a mesh that does not exist', async () => {
    expect(await loadMesh({ store: pagedStore(records, 2), tenant: 't' }, 'nope')).toBeUndefined()
  })

  it('knows the destination kinds by the short names the registry gives them', () => {
    for (const [type, short] of Object.entries(DESTINATION_KINDS)) {
      expect(kindByName(type)?.shortName).toBe(short)
    }
  })
})
