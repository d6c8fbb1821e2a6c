import { beforeAll, describe, expect, it } from 'vitest'
import { call, newTenant, OPERATOR, tokenFor } from './harness'

let admin: string
let viewer: string

const put = async (path: string, body: unknown) => {
  const res = await call('PUT', path, { token: admin, body })
  if (res.status >= 300) throw new Error(`PUT ${path}: ${res.status} ${res.text}`)
}

const dataplane = (name: string, app: string, extra: Record<string, unknown> = {}) => ({
  type: 'Dataplane',
  name,
  mesh: 'default',
  networking: {
    address: '127.0.0.1',
    inbound: [
      {
        port: 8080,
        name: 'main-port',
        tags: { 'kuma.io/service': app, app, 'kuma.io/protocol': 'http' },
      },
    ],
    ...extra,
  },
})

const meshService = (name: string) => ({
  type: 'MeshService',
  name,
  mesh: 'default',
  spec: {
    selector: { dataplaneTags: { app: name } },
    ports: [
      { port: 80, targetPort: 8080, appProtocol: 'http', name: 'main-port' },
      { port: 90, targetPort: 9090 },
    ],
  },
})

beforeAll(async () => {
  admin = await newTenant('inspect')
  viewer = await tokenFor(admin, 'viewer')
  await put('/meshes/default', {
    type: 'Mesh',
    name: 'default',
    meshServices: { mode: 'Exclusive' },
  })
  await put('/meshes/default/meshservices/backend', meshService('backend'))
  await put('/meshes/default/meshservices/web', meshService('web'))
  for (let i = 1; i <= 3; i++) {
    await put(`/meshes/default/dataplanes/backend-${i}`, dataplane(`backend-${i}`, 'backend'))
  }
  await put('/meshes/default/dataplanes/web-1', dataplane('web-1', 'web'))
  await put('/meshes/default/dataplanes/web-2', {
    ...dataplane('web-2', 'web', {
      transparentProxying: {
        redirectPortInbound: 15006,
        redirectPortOutbound: 15001,
        reachableBackends: { refs: [{ kind: 'MeshService', name: 'backend', port: 80 }] },
      },
    }),
  })
  await put('/meshes/default/meshexternalservices/httpbin', {
    type: 'MeshExternalService',
    name: 'httpbin',
    mesh: 'default',
    spec: {
      match: { type: 'HostnameGenerator', port: 443, protocol: 'tcp' },
      endpoints: [{ address: 'httpbin.org', port: 443 }],
    },
  })
  await put('/hostnamegenerators/local-services', {
    type: 'HostnameGenerator',
    name: 'local-services',
    spec: {
      template: '{{ .DisplayName }}.svc.{{ .Zone }}.mesh.local',
      selector: { meshService: { matchLabels: { 'kuma.io/origin': 'zone' } } },
    },
  })
  await put('/hostnamegenerators/external', {
    type: 'HostnameGenerator',
    name: 'external',
    spec: {
      template: '{{ .DisplayName }}.extsvc.mesh.local',
      selector: { meshExternalService: {} },
    },
  })
})

describe('GET /meshes/{mesh}/dataplanes/{name}/_layout', () => {
  it('lays out inbounds and every destination port when nothing limits them', async () => {
    const res = await call('GET', '/meshes/default/dataplanes/web-1/_layout', { token: viewer })
    expect(res.status, res.text).toBe(200)
    expect(res.body.kri).toBe('kri_dp_default_default__web-1_')
    expect(res.body.labels['kuma.io/zone']).toBe('default')
    expect(res.body.inbounds).toEqual([
      {
        kri: 'kri_dp_default_default__web-1_main-port',
        port: 8080,
        protocol: 'http',
        proxyResourceName: 'self_inbound_dp_main-port',
      },
    ])
    expect(res.body.listeners).toEqual([])
    expect(res.body.outbounds.map((o: { kri: string }) => o.kri)).toEqual([
      'kri_extsvc_default_default__httpbin_443',
      'kri_msvc_default_default__backend_90',
      'kri_msvc_default_default__backend_main-port',
      'kri_msvc_default_default__web_90',
      'kri_msvc_default_default__web_main-port',
    ])
    expect(res.body.outbounds[2]).toEqual({
      kri: 'kri_msvc_default_default__backend_main-port',
      port: 80,
      protocol: 'http',
      proxyResourceName: 'kri_msvc_default_default__backend_main-port',
    })
  })

  it('keeps to the reachable backends a transparent proxy declares', async () => {
    const res = await call('GET', '/meshes/default/dataplanes/web-2/_layout', { token: viewer })
    expect(res.status, res.text).toBe(200)
    expect(res.body.outbounds).toEqual([
      {
        kri: 'kri_msvc_default_default__backend_main-port',
        port: 80,
        protocol: 'http',
        proxyResourceName: 'kri_msvc_default_default__backend_main-port',
      },
    ])
  })

  it('refuses a mesh without MeshServices in Exclusive mode', async () => {
    await put('/meshes/legacy', { type: 'Mesh', name: 'legacy' })
    await put('/meshes/legacy/dataplanes/dp-1', { ...dataplane('dp-1', 'a'), mesh: 'legacy' })
    const res = await call('GET', '/meshes/legacy/dataplanes/dp-1/_layout', { token: viewer })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({
      title: 'Bad Request',
      detail: "bad request: can't use _layout endpoint without meshService enabled",
    })
  })

  it('answers 404 for an unknown mesh or dataplane', async () => {
    const noMesh = await call('GET', '/meshes/nope/dataplanes/dp-1/_layout', { token: viewer })
    expect(noMesh.status).toBe(404)
    expect(noMesh.body.title).toBe('Failed to build MeshContext')
    const noDp = await call('GET', '/meshes/default/dataplanes/nope/_layout', { token: viewer })
    expect(noDp.status).toBe(404)
    expect(noDp.body.title).toBe('Failed to retrieve Dataplane')
  })

  it('needs a token', async () => {
    const res = await call('GET', '/meshes/default/dataplanes/web-1/_layout')
    expect(res.status).toBe(401)
  })
})

describe('GET /meshes/{mesh}/meshservices/{name}/_dataplanes', () => {
  it('lists the dataplanes the MeshService selects', async () => {
    const res = await call('GET', '/meshes/default/meshservices/backend/_dataplanes', {
      token: viewer,
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body.total).toBe(3)
    expect(res.body.next).toBeUndefined()
    expect(res.body.items.map((i: { name: string }) => i.name)).toEqual([
      'backend-1',
      'backend-2',
      'backend-3',
    ])
    expect(res.body.items[0]).toMatchObject({ type: 'Dataplane', mesh: 'default' })
    expect(res.body.items[0].labels['kuma.io/mesh']).toBe('default')
  })

  it('pages and filters by name', async () => {
    const page = await call('GET', '/meshes/default/meshservices/backend/_dataplanes?size=2', {
      token: viewer,
    })
    expect(page.body.items).toHaveLength(2)
    expect(page.body.total).toBe(3)
    expect(page.body.next).toContain('offset=')
    const rest = await call(
      'GET',
      new URL(page.body.next).pathname + new URL(page.body.next).search,
      {
        token: viewer,
      },
    )
    expect(rest.body.items.map((i: { name: string }) => i.name)).toEqual(['backend-3'])
    const named = await call('GET', '/meshes/default/meshservices/backend/_dataplanes?name=-2', {
      token: viewer,
    })
    expect(named.body.items.map((i: { name: string }) => i.name)).toEqual(['backend-2'])
  })

  it('answers Kuma errors for a bad size and an unknown MeshService', async () => {
    const bad = await call('GET', '/meshes/default/meshservices/backend/_dataplanes?size=0', {
      token: viewer,
    })
    expect(bad.status).toBe(400)
    expect(bad.body.title).toBe('Could not retrieve policy')
    const missing = await call('GET', '/meshes/default/meshservices/nope/_dataplanes', {
      token: viewer,
    })
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({ title: 'Could not retrieve policy', detail: 'Not found' })
  })
})

describe('GET /meshes/{mesh}/{serviceType}/{name}/_hostnames', () => {
  it('lists the hostnames generators give a MeshService, with its zone', async () => {
    const res = await call('GET', '/meshes/default/meshservices/backend/_hostnames', {
      token: viewer,
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual({
      items: [{ hostname: 'backend.svc.default.mesh.local', zones: [{ name: 'default' }] }],
      total: 1,
    })
  })

  it('serves MeshExternalServices too', async () => {
    const res = await call('GET', '/meshes/default/meshexternalservices/httpbin/_hostnames', {
      token: viewer,
    })
    expect(res.body.items.map((i: { hostname: string }) => i.hostname)).toEqual([
      'httpbin.extsvc.mesh.local',
    ])
  })

  it('answers items null when no generator applies', async () => {
    const imported = await call('POST', '/_operator/tenants/inspect/resources', {
      token: OPERATOR,
      body: [
        {
          type: 'MeshMultiZoneService',
          name: 'multi',
          mesh: 'default',
          spec: { selector: { meshService: { matchLabels: { app: 'x' } } }, ports: [{ port: 80 }] },
        },
      ],
    })
    expect(imported.status, imported.text).toBe(201)
    const res = await call('GET', '/meshes/default/meshmultizoneservices/multi/_hostnames', {
      token: viewer,
    })
    expect(res.body).toEqual({ items: null, total: 0 })
  })

  it('refuses other collections and unknown services with Kuma errors', async () => {
    const other = await call('GET', '/meshes/default/meshtimeouts/x/_hostnames', { token: viewer })
    expect(other.status).toBe(400)
    expect(other.body).toMatchObject({
      title:
        'only "meshservices,meshexternalservices,meshmultizoneservices" are available for inspection',
      detail: 'Resource is not valid',
    })
    const missing = await call('GET', '/meshes/default/meshservices/nope/_hostnames', {
      token: viewer,
    })
    expect(missing.status).toBe(404)
    expect(missing.body.title).toBe('could not retrieve service')
  })
})

describe('the resource routes beside inspect', () => {
  it('still serve the resources', async () => {
    const res = await call('GET', '/meshes/default/dataplanes/web-1', { token: viewer })
    expect(res.status).toBe(200)
    expect(res.body.name).toBe('web-1')
  })
})
