import { describe, expect, it } from 'vitest'
import { buildMeshContext, meshServicesModeOf } from './context'
import { dataplane, exclusiveMesh, meshService, record } from './testing'

describe('buildMeshContext', () => {
  const resources = [
    dataplane('b'),
    dataplane('a'),
    meshService('svc', [{ port: 80 }]),
    record('Dataplane', 'elsewhere', {}, { mesh: 'other' }),
    record('HostnameGenerator', 'hg', { template: 'x' }),
    exclusiveMesh('default'),
  ]
  const ctx = buildMeshContext({ mesh: exclusiveMesh(), resources }, { zone: 'zone-1' })

  it('keeps the resources of its mesh and global ones, in name order', () => {
    expect(ctx.name).toBe('default')
    expect(ctx.zone).toBe('zone-1')
    expect(ctx.resources.types()).toEqual(['Dataplane', 'HostnameGenerator', 'MeshService'])
    expect(ctx.resources.list('Dataplane').map((d) => d.name)).toEqual(['a', 'b'])
    expect(ctx.resources.get('Dataplane', 'elsewhere')).toBeUndefined()
    expect(ctx.resources.list('MeshTimeout')).toEqual([])
    expect([...ctx.dataplanesByName.keys()]).toEqual(['a', 'b'])
  })

  it('indexes the destinations', () => {
    expect(ctx.destinations.destinations().map((d) => d.kri)).toEqual([
      'kri_msvc_default_test-zone__svc_',
    ])
  })

  it('reads the meshServices mode, Disabled when unset', () => {
    expect(ctx.meshServicesMode).toBe('Exclusive')
    expect(meshServicesModeOf(record('Mesh', 'm', {}))).toBe('Disabled')
  })
})
