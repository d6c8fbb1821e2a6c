import { beforeAll, describe, expect, it } from 'vitest'
import { call, newTenant, tokenFor } from './harness'

let admin: string
let viewer: string

const put = async (path: string, body: unknown) => {
  const res = await call('PUT', path, { token: admin, body })
  if (res.status >= 300) throw new Error(`PUT ${path}: ${res.status} ${res.text}`)
}

const get = (path: string) => call('GET', path, { token: viewer })

const dataplane = (mesh: string, name: string, service: string) => ({
  type: 'Dataplane',
  name,
  mesh,
  networking: {
    address: '127.0.0.1',
    inbound: [{ port: 8080, name: 'main-port', tags: { 'kuma.io/service': service } }],
  },
})

const policy = (mesh: string, type: string, name: string, spec: Record<string, unknown>) => ({
  type,
  name,
  mesh,
  spec,
})

// Resources created through the API carry zone `default` (KUMO_ZONE), so their KRIs name it.
const OUTBOUND = 'kri_msvc_excl_default__backend_http'
const ZIPKIN = { type: 'Zipkin', zipkin: { url: 'http://jaeger:9411/api/v2/spans' } }

beforeAll(async () => {
  admin = await newTenant('inspect-policies')
  viewer = await tokenFor(admin, 'viewer')
  // mesh `default`: legacy services; mesh `excl`: MeshServices only
  await put('/meshes/excl', { type: 'Mesh', name: 'excl', meshServices: { mode: 'Exclusive' } })
  for (const mesh of ['default', 'excl']) {
    await put(`/meshes/${mesh}/dataplanes/web-1`, dataplane(mesh, 'web-1', 'web'))
    await put(`/meshes/${mesh}/dataplanes/web-2`, dataplane(mesh, 'web-2', 'web'))
    await put(`/meshes/${mesh}/dataplanes/backend-1`, dataplane(mesh, 'backend-1', 'backend'))
    await put(
      `/meshes/${mesh}/meshtimeouts/inbound`,
      policy(mesh, 'MeshTimeout', 'inbound', {
        targetRef: { kind: 'Dataplane', labels: { app: 'none' } },
        rules: [{ default: { idleTimeout: '20m' } }],
      }),
    )
    await put(
      `/meshes/${mesh}/meshtimeouts/web-only`,
      policy(mesh, 'MeshTimeout', 'web-only', {
        targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'web' } },
        rules: [{ default: { connectionTimeout: '60s' } }],
      }),
    )
    await put(
      `/meshes/${mesh}/meshtraces/trace`,
      policy(mesh, 'MeshTrace', 'trace', {
        targetRef: { kind: 'Mesh' },
        default: { backends: [ZIPKIN], sampling: { overall: 80 } },
      }),
    )
  }
  await put('/meshes/excl/meshservices/backend', {
    type: 'MeshService',
    name: 'backend',
    mesh: 'excl',
    spec: {
      selector: { dataplaneTags: { 'kuma.io/service': 'backend' } },
      ports: [{ port: 80, targetPort: 8080, appProtocol: 'http', name: 'http' }],
    },
  })
  await put(
    '/meshes/excl/meshhttproutes/api',
    policy('excl', 'MeshHTTPRoute', 'api', {
      targetRef: { kind: 'Mesh' },
      to: [
        {
          targetRef: { kind: 'MeshService', name: 'backend', sectionName: 'http' },
          rules: [
            {
              matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
              default: {
                backendRefs: [{ kind: 'MeshService', name: 'backend', port: 80 }],
              },
            },
          ],
        },
      ],
    }),
  )
  await put(
    '/meshes/excl/meshretries/on-route',
    policy('excl', 'MeshRetry', 'on-route', {
      targetRef: { kind: 'Mesh' },
      to: [
        {
          targetRef: { kind: 'MeshHTTPRoute', name: 'api' },
          default: { http: { numRetries: 3, perTryTimeout: '1h' } },
        },
      ],
    }),
  )
  await put('/meshes/default/meshgateways/edge', {
    type: 'MeshGateway',
    name: 'edge',
    mesh: 'default',
    selectors: [{ match: { 'kuma.io/service': 'edge' } }],
    conf: { listeners: [{ port: 8080, protocol: 'HTTP' }] },
  })
  await put(
    '/meshes/default/meshtimeouts/on-gateway',
    policy('default', 'MeshTimeout', 'on-gateway', {
      targetRef: { kind: 'MeshGateway', name: 'edge' },
      to: [{ targetRef: { kind: 'Mesh' }, default: { idleTimeout: '90s' } }],
    }),
  )
})

describe('GET /meshes/{mesh}/dataplanes/{name}/_rules', () => {
  it("answers a proxy's rules per policy kind, in Kuma's plugin order, durations as Go prints them", async () => {
    const res = await get('/meshes/default/dataplanes/web-1/_rules')
    expect(res.status).toBe(200)
    expect(res.body.resource).toEqual({
      type: 'Dataplane',
      mesh: 'default',
      name: 'web-1',
      labels: expect.any(Object),
    })
    expect(res.body.httpMatches).toEqual([])
    expect(res.body.rules.map((r: { type: string }) => r.type)).toEqual([
      'MeshTrace',
      'MeshTimeout',
    ])
    const timeout = res.body.rules[1]
    expect(timeout.inboundRules).toEqual([
      {
        inbound: { name: 'main-port', port: 8080, tags: { 'kuma.io/service': 'web' } },
        rules: [
          {
            conf: [{ connectionTimeout: '1m0s' }],
            origin: [
              {
                resourceMeta: {
                  type: 'MeshTimeout',
                  mesh: 'default',
                  name: 'web-only',
                  labels: expect.any(Object),
                },
                ruleIndex: 0,
              },
            ],
          },
        ],
      },
    ])
    expect(res.body.rules[0].proxyRule.conf).toMatchObject({ sampling: { overall: 80 } })
  })

  it('leaves out policies that select other proxies', async () => {
    const res = await get('/meshes/default/dataplanes/backend-1/_rules')
    expect(res.body.rules.map((r: { type: string }) => r.type)).toEqual(['MeshTrace'])
  })

  it.each([
    ['/meshes/nope/dataplanes/web-1/_rules', 'Failed to retrieve Mesh'],
    ['/meshes/default/dataplanes/nope/_rules', 'Could not retrieve Dataplane'],
    ['/meshes/default/meshgateways/nope/_rules', 'Could not retrieve MeshGateway'],
  ])("answers 404 for %s with Kuma's title", async (path, title) => {
    const res = await get(path)
    expect(res.status).toBe(404)
    expect(res.body).toMatchObject({ status: 404, title, detail: 'Not found' })
  })
})

describe('GET /meshes/{mesh}/meshgateways/{name}/_rules', () => {
  it("matches the policies of the gateway's proxies", async () => {
    const res = await get('/meshes/default/meshgateways/edge/_rules')
    expect(res.status).toBe(200)
    expect(res.body.resource).toMatchObject({ type: 'MeshGateway', name: 'edge' })
    const timeout = res.body.rules.find((r: { type: string }) => r.type === 'MeshTimeout')
    expect(timeout.toResourceRules).toEqual([
      expect.objectContaining({
        conf: [{ idleTimeout: '1m30s' }],
        resourceMeta: { type: 'Mesh', mesh: '', name: 'default', labels: expect.any(Object) },
        resourceSectionName: '',
      }),
    ])
  })
})

describe('GET /meshes/{mesh}/dataplanes/{name}/_policies and friends', () => {
  it('needs a mesh with Exclusive MeshServices', async () => {
    const res = await get('/meshes/default/dataplanes/web-1/_policies')
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({
      title: 'Bad Request',
      detail: "bad request: can't use _policies endpoint without meshService enabled",
    })
  })

  it('lists whole-proxy policies', async () => {
    const res = await get('/meshes/excl/dataplanes/web-1/_policies')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      policies: [
        {
          conf: {
            backends: [{ ...ZIPKIN, zipkin: expect.objectContaining(ZIPKIN.zipkin) }],
            sampling: { overall: 80 },
          },
          kind: 'MeshTrace',
          origins: [{ kri: 'kri_mtr_excl_default__trace_' }],
        },
      ],
    })
  })

  it('lists the inbound rules of an inbound named by KRI', async () => {
    const res = await get(
      '/meshes/excl/dataplanes/web-1/_inbounds/kri_dp_excl_default__web-1_main-port/_policies',
    )
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      policies: [
        {
          kind: 'MeshTimeout',
          origins: [{ kri: 'kri_mt_excl_default__web-only_' }],
          rules: [{ conf: { connectionTimeout: '1m0s' }, kri: 'kri_mt_excl_default__web-only_' }],
        },
      ],
    })
  })

  it('lists the routes of an outbound and the policies of a route', async () => {
    const routes = await get(`/meshes/excl/dataplanes/web-1/_outbounds/${OUTBOUND}/_routes`)
    expect(routes.status).toBe(200)
    expect(routes.body).toEqual({
      routes: [
        {
          kind: 'MeshHTTPRoute',
          origins: [{ kri: 'kri_mhttpr_excl_default__api_' }],
          rules: [
            {
              conf: {
                backendRefs: [{ kind: 'MeshService', name: 'backend', port: 80, weight: 1 }],
              },
              kri: 'kri_mhttpr_excl_default__api_',
              matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
            },
          ],
        },
      ],
    })
    const policies = await get(
      `/meshes/excl/dataplanes/web-1/_outbounds/${OUTBOUND}/_routes/kri_mhttpr_excl_default__api_/_policies`,
    )
    expect(policies.body).toEqual({
      policies: [
        {
          conf: [{ http: { numRetries: 3, perTryTimeout: '1h0m0s' } }],
          kind: 'MeshRetry',
          origins: [{ kri: 'kri_mr_excl_default__on-route_' }],
        },
      ],
    })
    const outbound = await get(`/meshes/excl/dataplanes/web-1/_outbounds/${OUTBOUND}/_policies`)
    expect(outbound.body.policies.map((p: { kind: string }) => p.kind)).toEqual(['MeshHTTPRoute'])
  })

  it.each([
    ['_inbounds/invalid-kri/_policies', 'bad request: invalid identifier string: "invalid-kri"'],
    [
      '_inbounds/id_dp_excl___web-1_main-port/_policies',
      'bad request: identifier must start with \'kri\': "id_dp_excl___web-1_main-port"',
    ],
    [
      '_outbounds/kri_x_excl___a_b/_policies',
      'bad request: unknown short name of resource type: "x"',
    ],
    ['_outbounds/invalid-kri/_routes', 'bad request: invalid identifier string: "invalid-kri"'],
    [
      `_outbounds/${OUTBOUND}/_routes/invalid-kri/_policies`,
      'bad request: invalid identifier string: "invalid-kri"',
    ],
  ])('answers 400 for a malformed KRI: %s', async (tail, detail) => {
    const res = await get(`/meshes/excl/dataplanes/web-1/${tail}`)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ title: 'Bad Request', detail })
  })

  it('answers 404 for a missing proxy', async () => {
    const res = await get('/meshes/excl/dataplanes/nope/_policies')
    expect(res.status).toBe(404)
    expect(res.body.title).toBe('Could not retrieve Dataplane')
  })
})

describe('GET /meshes/{mesh}/{policies}/{name}/_resources/dataplanes', () => {
  it('lists the proxies a policy selects, by name', async () => {
    const res = await get('/meshes/default/meshtimeouts/web-only/_resources/dataplanes')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      items: [
        { type: 'Dataplane', mesh: 'default', name: 'web-1', labels: expect.any(Object) },
        { type: 'Dataplane', mesh: 'default', name: 'web-2', labels: expect.any(Object) },
      ],
      total: 2,
    })
  })

  it('pages and filters by name like lists do', async () => {
    const page = await get('/meshes/default/meshtraces/trace/_resources/dataplanes?size=1')
    expect(page.body.total).toBe(3)
    expect(page.body.items).toHaveLength(1)
    expect(page.body.next).toContain('offset=')
    const named = await get('/meshes/default/meshtraces/trace/_resources/dataplanes?name=backend')
    expect(named.body.items.map((i: { name: string }) => i.name)).toEqual(['backend-1'])
    expect(named.body.next).toBeUndefined()
  })

  it("lists a MeshService's proxies on its legacy path", async () => {
    const res = await get('/meshes/excl/meshservices/backend/_resources/dataplanes')
    expect(res.body.items.map((i: { name: string }) => i.name)).toEqual(['backend-1'])
  })

  it.each([
    ['/meshes/nope/meshtimeouts/web-only/_resources/dataplanes', 404, 'Failed to retrieve Mesh'],
    ['/meshes/default/meshtimeouts/nope/_resources/dataplanes', 404, 'Could not retrieve policy'],
    ['/meshes/default/meshservices/nope/_resources/dataplanes', 404, 'Could not retrieve policy'],
    [
      '/meshes/default/meshtimeouts/web-only/_resources/dataplanes?size=0',
      400,
      'Could not retrieve policy',
    ],
  ])('answers %s with %i %s', async (path, status, title) => {
    const res = await get(path)
    expect(res.status).toBe(status)
    expect(res.body.title).toBe(title)
  })

  it('is not served for kinds that are not policies', async () => {
    const res = await get('/meshes/default/dataplanes/web-1/_resources/dataplanes')
    expect(res.status).toBe(404)
  })
})
