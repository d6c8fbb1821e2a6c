import { describe, expect, it } from 'vitest'
import { buildMeshContext } from './context'
import { dataplaneLayout } from './layout'
import { dataplane, exclusiveMesh, meshService, record } from './testing'

const ctxOf = (...resources: ReturnType<typeof record>[]) =>
  buildMeshContext({ mesh: exclusiveMesh(), resources }, { zone: 'test-zone' })

describe('dataplaneLayout', () => {
  it('refuses a mesh whose meshServices mode is not Exclusive', () => {
    const ctx = buildMeshContext(
      { mesh: record('Mesh', 'default', {}), resources: [] },
      { zone: 'z' },
    )
    expect(dataplaneLayout(ctx, dataplane('dp-1'))).toEqual({
      ok: false,
      reason: 'mesh-services-not-exclusive',
    })
  })

  it('lays out inbounds with their KRI, protocol fallback and contextual name', () => {
    const dp = dataplane('dp-1', {
      inbound: [
        { port: 8080, name: 'main-port', tags: { 'kuma.io/protocol': 'http' } },
        { port: 8081, protocol: 'grpc', tags: { 'kuma.io/protocol': 'http' } },
        { port: 8082, tags: {} },
      ],
      transparentProxying: { reachableBackends: {} },
    })
    const res = dataplaneLayout(ctxOf(), dp)
    expect(res).toEqual({
      ok: true,
      layout: {
        inbounds: [
          {
            kri: 'kri_dp_default_test-zone__dp-1_main-port',
            port: 8080,
            protocol: 'http',
            proxyResourceName: 'self_inbound_dp_main-port',
          },
          {
            kri: 'kri_dp_default_test-zone__dp-1_8081',
            port: 8081,
            protocol: 'grpc',
            proxyResourceName: 'self_inbound_dp_8081',
          },
          {
            kri: 'kri_dp_default_test-zone__dp-1_8082',
            port: 8082,
            protocol: '',
            proxyResourceName: 'self_inbound_dp_8082',
          },
        ],
        kri: 'kri_dp_default_test-zone__dp-1_',
        labels: { 'kuma.io/zone': 'test-zone' },
        listeners: [],
        outbounds: [],
      },
    })
  })

  it('lays out zone ingress and egress listeners and leaves out unspecified ones', () => {
    const dp = dataplane('dp-1', {
      listeners: [
        { type: 'ZoneIngress', port: 10001, name: 'ingress' },
        { type: 'ZoneEgress', port: 10002 },
        { type: 'Unspecified', port: 10003 },
      ],
    })
    const res = dataplaneLayout(ctxOf(), dp)
    expect(res.ok && res.layout.listeners).toEqual([
      {
        kri: 'kri_dp_default_test-zone__dp-1_ingress',
        type: 'ZoneIngress',
        port: 10001,
        proxyResourceName: 'self_zoneingress_dp_ingress',
      },
      {
        kri: 'kri_dp_default_test-zone__dp-1_10002',
        type: 'ZoneEgress',
        port: 10002,
        proxyResourceName: 'self_zoneegress_dp_10002',
      },
    ])
  })

  it('lists reachable destination ports as outbounds named by their KRI', () => {
    const ctx = ctxOf(
      meshService('test-server', [
        { port: 80, name: 'main-port', appProtocol: 'http' },
        { port: 8080, name: 'secondary-port', appProtocol: 'tcp' },
      ]),
    )
    const res = dataplaneLayout(ctx, dataplane('dp-1'))
    expect(res.ok && res.layout.outbounds).toEqual([
      {
        kri: 'kri_msvc_default_test-zone__test-server_main-port',
        port: 80,
        protocol: 'http',
        proxyResourceName: 'kri_msvc_default_test-zone__test-server_main-port',
      },
      {
        kri: 'kri_msvc_default_test-zone__test-server_secondary-port',
        port: 8080,
        protocol: 'tcp',
        proxyResourceName: 'kri_msvc_default_test-zone__test-server_secondary-port',
      },
    ])
  })

  it('adds the SPIFFE ID of the initialized MeshIdentity that selects the proxy', () => {
    const identity = (ready: string) => {
      const r = record('MeshIdentity', 'identity-1', {
        selector: { dataplane: { matchLabels: { 'kuma.io/zone': 'test-zone' } } },
        provider: { type: 'Bundled', bundled: { autogenerate: { enabled: true } } },
      })
      return {
        ...r,
        status: { conditions: [{ type: 'Ready', status: ready, reason: 'R', message: '' }] },
      }
    }
    const dp = dataplane('dp-1')
    dp.labels['kuma.io/workload'] = 'my-app'
    const ready = dataplaneLayout(ctxOf(identity('True')), dp)
    expect(ready.ok && ready.layout.spiffeId).toBe(
      'spiffe://default.test-zone.mesh.local/workload/my-app',
    )
    const notReady = dataplaneLayout(ctxOf(identity('False')), dp)
    expect(notReady.ok && notReady.layout).not.toHaveProperty('spiffeId')
  })
})
