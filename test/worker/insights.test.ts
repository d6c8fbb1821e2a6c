/** @module Route tests: overviews, mesh-insights and service-insights through the real Worker. */
import { beforeAll, describe, expect, it } from 'vitest'
import { call, newTenant, OPERATOR } from './harness'

let admin: string
const TENANT = 'insights-test'

const subscription = (connected: boolean) => ({
  id: 'stream-1',
  controlPlaneInstanceId: 'cp-1',
  connectTime: '2024-01-01T00:00:00Z',
  ...(connected ? {} : { disconnectTime: '2024-01-01T01:00:00Z' }),
  status: { lastUpdateTime: '2024-01-01T00:00:00Z', total: {}, cds: {}, eds: {}, lds: {}, rds: {} },
  version: { kumaDp: { version: '2.14.3' }, envoy: { version: '1.34.0' } },
})

const dataplane = (name: string, service: string, extra: Record<string, unknown> = {}) => ({
  type: 'Dataplane',
  name,
  mesh: 'default',
  networking: {
    address: '127.0.0.1',
    inbound: [{ port: 8080, tags: { 'kuma.io/service': service } }],
    ...extra,
  },
})

const gateway = (name: string, type: string) => ({
  type: 'Dataplane',
  name,
  mesh: 'default',
  networking: { address: '127.0.0.1', gateway: { type, tags: { 'kuma.io/service': name } } },
})

const insight = (name: string, connected: boolean) => ({
  type: 'DataplaneInsight',
  name,
  mesh: 'default',
  subscriptions: [subscription(connected)],
  mTLS: { issuedBackend: 'ca-1', supportedBackends: ['ca-1'] },
})

beforeAll(async () => {
  admin = await newTenant(TENANT)
  const res = await call('POST', `/_operator/tenants/${TENANT}/resources`, {
    token: OPERATOR,
    body: [
      dataplane('backend-1', 'backend'),
      dataplane('backend-2', 'backend'),
      dataplane('web-1', 'web'),
      gateway('edge', 'BUILTIN'),
      gateway('kong', 'DELEGATED'),
      insight('backend-1', true),
      insight('backend-2', false),
      insight('edge', true),
      { type: 'Zone', name: 'zone-1', enabled: true },
      {
        type: 'ZoneInsight',
        name: 'zone-1',
        subscriptions: [
          { id: 'kds-1', globalInstanceId: 'g-1', connectTime: '2024-01-01T00:00:00Z' },
        ],
      },
      {
        type: 'ZoneIngress',
        name: 'zi-1',
        networking: {
          address: '10.0.0.1',
          advertisedAddress: '1.1.1.1',
          port: 10001,
          advertisedPort: 10001,
        },
      },
      {
        type: 'MeshTimeout',
        name: 'mt-1',
        mesh: 'default',
        spec: {
          targetRef: { kind: 'Mesh' },
          to: [{ targetRef: { kind: 'Mesh' }, default: { idleTimeout: '1s' } }],
        },
      },
    ],
  })
  if (res.status !== 201) throw new Error(`import: ${res.status} ${res.text}`)
})

const get = (path: string) => call('GET', path, { token: admin })

describe('Dataplane overviews', () => {
  it('merges a Dataplane with its DataplaneInsight', async () => {
    const res = await get('/meshes/default/dataplanes/backend-1/_overview')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      type: 'DataplaneOverview',
      mesh: 'default',
      name: 'backend-1',
      kri: 'kri_dp_default___backend-1_',
      dataplane: { networking: { address: '127.0.0.1' } },
      dataplaneInsight: { subscriptions: [{ id: 'stream-1' }], mTLS: { issuedBackend: 'ca-1' } },
    })
  })

  it('leaves dataplaneInsight out for a Dataplane without one', async () => {
    const res = await get('/meshes/default/dataplanes+insights/web-1')
    expect(res.status).toBe(200)
    expect(res.body.dataplane).toBeDefined()
    expect(res.body).not.toHaveProperty('dataplaneInsight')
  })

  it('lists overviews with the gateway, tag and name filters', async () => {
    const all = await get('/meshes/default/dataplanes/_overview')
    expect(all.status).toBe(200)
    expect(all.body.total).toBe(5)
    expect(all.body.next).toBeNull()
    const builtin = await get('/meshes/default/dataplanes+insights?gateway=builtin')
    expect(builtin.body.items.map((i: any) => i.name)).toEqual(['edge'])
    const tagged = await get('/meshes/default/dataplanes/_overview?tag=kuma.io/service:backend')
    expect(tagged.body.items.map((i: any) => i.name)).toEqual(['backend-1', 'backend-2'])
    const named = await get('/meshes/default/dataplanes/_overview?name=web')
    expect(named.body.items.map((i: any) => i.name)).toEqual(['web-1'])
  })

  it('answers 404 for a missing Dataplane', async () => {
    const res = await get('/meshes/default/dataplanes/nope/_overview')
    expect(res.status).toBe(404)
  })
})

describe('Zone, ZoneIngress overviews', () => {
  it('merges a Zone with its ZoneInsight under both paths', async () => {
    for (const path of ['/zones/zone-1/_overview', '/zones+insights/zone-1']) {
      const res = await get(path)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({
        type: 'ZoneOverview',
        name: 'zone-1',
        zone: { enabled: true },
        zoneInsight: { subscriptions: [{ id: 'kds-1' }] },
      })
    }
    const list = await get('/zones/_overview')
    expect(list.body.total).toBe(1)
  })

  it('lists ZoneIngress overviews without insights', async () => {
    const res = await get('/zoneingresses+insights')
    expect(res.status).toBe(200)
    expect(res.body.items).toEqual([
      expect.objectContaining({
        type: 'ZoneIngressOverview',
        name: 'zi-1',
        kri: 'kri_zi____zi-1_',
      }),
    ])
    expect(res.body.items[0].zoneIngress.networking.port).toBe(10001)
  })

  it('serves ZoneIngresses under the zone-ingresses path too', async () => {
    const res = await get('/zone-ingresses/zi-1')
    expect(res.status).toBe(200)
    expect(res.body.type).toBe('ZoneIngress')
  })
})

describe('read-only insight kinds', () => {
  it('serves a stored DataplaneInsight and refuses to write it', async () => {
    const got = await get('/meshes/default/dataplane-insights/backend-1')
    expect(got.status).toBe(200)
    expect(got.body.subscriptions).toHaveLength(1)
    const put = await call('PUT', '/meshes/default/dataplane-insights/backend-1', {
      token: admin,
      body: { type: 'DataplaneInsight', name: 'backend-1', mesh: 'default' },
    })
    expect(put.status).toBe(405)
    const del = await call('DELETE', '/zone-insights/zone-1', { token: admin })
    expect(del.status).toBe(405)
  })
})

describe('mesh-insights', () => {
  it('computes a MeshInsight from the mesh on read', async () => {
    const res = await get('/mesh-insights/default')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      type: 'MeshInsight',
      name: 'default',
      dataplanes: { total: 5, online: 2, offline: 3 },
      policies: { MeshTimeout: { total: 1 } },
      resources: { Dataplane: { total: 5 }, MeshTimeout: { total: 1 } },
      dpVersions: { kumaDp: { '2.14.3': { total: 3, online: 2, offline: 1 } } },
      mTLS: { issuedBackends: { 'ca-1': { total: 3, online: 2, offline: 1 } } },
      services: { total: 4, internal: 4 },
      dataplanesByType: {
        standard: { total: 3, online: 1, offline: 2 },
        gateway: { total: 2, online: 1, offline: 1 },
        gatewayBuiltin: { total: 1, online: 1 },
        gatewayDelegated: { total: 1, offline: 1 },
      },
    })
    const list = await get('/mesh-insights')
    expect(list.body.items.map((i: any) => i.name)).toEqual(['default'])
  })

  it('answers 404 for a missing mesh', async () => {
    expect((await get('/mesh-insights/nope')).status).toBe(404)
  })
})

describe('service-insights', () => {
  it('lists one item per service with counts and addresses', async () => {
    const res = await get('/meshes/default/service-insights')
    expect(res.status).toBe(200)
    expect(res.body.total).toBe(4)
    const backend = res.body.items.find((i: any) => i.name === 'backend')
    expect(backend).toMatchObject({
      type: 'ServiceInsight',
      mesh: 'default',
      status: 'partially_degraded',
      dataplanes: { total: 2, online: 1, offline: 1 },
      issuedBackends: { 'ca-1': 2 },
      addressPort: 'backend.mesh:80',
    })
    expect(backend).not.toHaveProperty('serviceType')
  })

  it('filters by type and pages by offset', async () => {
    const gw = await get('/meshes/default/service-insights?type=gateway_builtin,gateway_delegated')
    expect(gw.body.items.map((i: any) => [i.name, i.serviceType])).toEqual([
      ['edge', 'gateway_builtin'],
      ['kong', 'gateway_delegated'],
    ])
    const page = await get('/meshes/default/service-insights?size=2')
    expect(page.body.items).toHaveLength(2)
    expect(page.body.next).toContain('offset=2')
    const bad = await get('/meshes/default/service-insights?type=random-type')
    expect(bad.status).toBe(400)
    expect(bad.body.detail).toBe('bad request: unsupported service type')
  })

  it('answers one service, empty counts for an unknown one', async () => {
    const web = await get('/meshes/default/service-insights/web')
    expect(web.body).toMatchObject({
      name: 'web',
      status: 'offline',
      dataplanes: { total: 1, offline: 1 },
    })
    const none = await get('/meshes/default/service-insights/none')
    expect(none.status).toBe(200)
    expect(none.body).toMatchObject({ name: 'none', dataplanes: {}, addressPort: 'none.mesh:80' })
  })
})
