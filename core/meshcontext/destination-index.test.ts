import { describe, expect, it } from 'vitest'
import { destinationOf } from './destination'
import { DestinationIndex } from './destination-index'
import { dataplane, meshService, record } from './testing'

const mzs = (name: string, ports: Record<string, unknown>[]) =>
  record('MeshMultiZoneService', name, { selector: {}, ports })
const mes = (name: string, port: number, protocol?: string) =>
  record('MeshExternalService', name, { match: { type: 'HostnameGenerator', port, protocol } })

const kris = (index: DestinationIndex, dp = dataplane('dp-1')) =>
  index.reachableBackends(dp).backends.map((b) => b.kri)

describe('destinationOf', () => {
  it('names MeshService ports by name, else by number, with tcp as the default protocol', () => {
    const d = destinationOf(
      meshService('a', [{ port: 80, name: 'http', appProtocol: 'http' }, { port: 81 }]),
    )!
    expect(d.kri).toBe('kri_msvc_default_test-zone__a_')
    expect(d.ports).toEqual([
      { name: 'http', value: 80, protocol: 'http' },
      { name: '81', value: 81, protocol: 'tcp' },
    ])
  })

  it('finds a port by name or by number, and the first unnamed port for an empty name', () => {
    const d = destinationOf(meshService('a', [{ port: 80, name: 'http' }, { port: 81 }]))!
    expect(d.findPortByName('http')?.value).toBe(80)
    expect(d.findPortByName('80')?.value).toBe(80)
    expect(d.findPortByName('')?.value).toBe(81)
    expect(d.findPortByName('nope')).toBeUndefined()
  })

  it('names a MeshExternalService port by its number and always finds it', () => {
    const d = destinationOf(mes('ext', 9090, 'http'))!
    expect(d.ports).toEqual([{ name: '9090', value: 9090, protocol: 'http' }])
    expect(d.findPortByName('whatever')?.value).toBe(9090)
  })

  it('ignores MeshMultiZoneService port names that are empty', () => {
    const d = destinationOf(mzs('m', [{ port: 80, name: '' }]))!
    expect(d.ports[0].name).toBe('80')
  })

  it('is undefined for kinds that are not destinations', () => {
    expect(destinationOf(dataplane('dp'))).toBeUndefined()
  })
})

describe('DestinationIndex', () => {
  const all = [
    meshService('b', [{ port: 80, name: 'main', appProtocol: 'http' }, { port: 90 }]),
    meshService('a', [{ port: 80, name: 'main', appProtocol: 'http' }]),
    mzs('multi', [{ port: 80, appProtocol: 'http' }]),
    mes('ext', 9090, 'http'),
    dataplane('not-a-destination'),
  ]

  it('makes every port of every destination reachable when the proxy declares nothing', () => {
    const res = new DestinationIndex(all).reachableBackends(dataplane('dp-1'))
    expect(res.matched).toBe(false)
    expect(res.backends.map((b) => b.kri)).toEqual([
      'kri_extsvc_default___ext_9090',
      'kri_msvc_default_test-zone__a_main',
      'kri_msvc_default_test-zone__b_90',
      'kri_msvc_default_test-zone__b_main',
      'kri_mzsvc_default___multi_80',
    ])
  })

  it('answers the same whatever order the resources come in', () => {
    expect(kris(new DestinationIndex([...all].reverse()))).toEqual(kris(new DestinationIndex(all)))
  })

  it('makes nothing reachable for an empty reachableBackends', () => {
    const dp = dataplane('dp-1', { transparentProxying: { reachableBackends: {} } })
    const res = new DestinationIndex(all).reachableBackends(dp)
    expect(res).toEqual({ backends: [], matched: true })
  })

  it('resolves reachableBackends refs by name and port, in the proxy zone', () => {
    const dp = dataplane('dp-1', {
      transparentProxying: {
        reachableBackends: {
          refs: [
            { kind: 'MeshService', name: 'b', port: 90 },
            { kind: 'MeshService', name: 'missing', port: 80 },
            { kind: 'MeshExternalService', name: 'ext' },
          ],
        },
      },
    })
    expect(kris(new DestinationIndex(all), dp)).toEqual(['kri_msvc_default_test-zone__b_90'])
  })

  it('takes every port of a ref without port when all ports are named', () => {
    const dp = dataplane('dp-1', {
      transparentProxying: { reachableBackends: { refs: [{ kind: 'MeshService', name: 'a' }] } },
    })
    expect(kris(new DestinationIndex(all), dp)).toEqual(['kri_msvc_default_test-zone__a_main'])
  })

  it('resolves refs by labels to every matching destination of the kind', () => {
    const dp = dataplane('dp-1', {
      transparentProxying: {
        reachableBackends: {
          refs: [{ kind: 'MeshService', labels: { 'kuma.io/zone': 'test-zone' }, port: 80 }],
        },
      },
    })
    expect(kris(new DestinationIndex(all), dp)).toEqual(['kri_msvc_default_test-zone__a_main'])
  })

  it('prefers backendRef outbounds, resolved by name or labels', () => {
    const byName = dataplane('dp-1', {
      outbound: [{ port: 8080, backendRef: { kind: 'MeshService', name: 'b', port: 80 } }],
    })
    expect(kris(new DestinationIndex(all), byName)).toEqual(['kri_msvc_default_test-zone__b_main'])
    const byLabels = dataplane('dp-1', {
      outbound: [
        {
          port: 8080,
          backendRef: { kind: 'MeshService', labels: { 'kuma.io/display-name': 'a' }, port: 80 },
        },
      ],
    })
    expect(kris(new DestinationIndex(all), byLabels)).toEqual([
      'kri_msvc_default_test-zone__a_main',
    ])
  })

  it('gets a destination by KRI, ignoring the section name', () => {
    const index = new DestinationIndex(all)
    expect(index.get('kri_msvc_default_test-zone__a_main')?.resource.name).toBe('a')
    expect(index.get('kri_msvc_default_test-zone__zzz_')).toBeUndefined()
    expect(index.get('not-a-kri')).toBeUndefined()
  })

  it('resolves labels to the oldest matching destination', () => {
    const old = meshService('old', [{ port: 80 }], { team: 'x' })
    const young = {
      ...meshService('young', [{ port: 80 }], { team: 'x' }),
      creationTime: '2030-01-01T00:00:00Z',
    }
    const index = new DestinationIndex([young, old])
    expect(index.resolveLabels('MeshService', { team: 'x' }).map((d) => d.resource.name)).toEqual([
      'old',
      'young',
    ])
    expect(index.resolveOldest('MeshService', { team: 'x' })?.resource.name).toBe('old')
    expect(index.resolveLabels('MeshService', {})).toEqual([])
  })
})
