import { describe, expect, it } from 'vitest'
import { parseKri, type Identifier } from '../kri/kri'
import { ROUTE_PLUGINS, POLICY_PLUGINS } from './plugins'
import { inboundPolicies, outboundPolicies, proxyPolicies, routePolicies, routes } from './policies'
import { dpp, exclusiveMesh as mesh, match, rec, testServer, toTestServer } from './testing'

const id = (kri: string): Identifier => {
  const p = parseKri(kri)
  if (!p.ok) throw new Error(p.reason)
  return p.id
}

const OUTBOUND = id('kri_msvc_default_test-zone__test-server-1_main-port')
const ROUTE = id('kri_mhttpr_default___the-http-route_')

const httpRoute = rec('MeshHTTPRoute', 'the-http-route', {
  to: [
    {
      targetRef: toTestServer(),
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
          default: { backendRefs: [{ kind: 'MeshService', name: 'x', port: 80, weight: 1 }] },
        },
      ],
    },
  ],
})

const tcpRoute = rec('MeshTCPRoute', 'the-tcp-route', {
  to: [
    {
      targetRef: toTestServer(),
      rules: [{ default: { backendRefs: [{ kind: 'MeshService', name: 'x', weight: 90 }] } }],
    },
  ],
})

describe('proxyPolicies', () => {
  it('lists the merged single-item conf of each kind, in plugin order, origins least specific first', () => {
    const trace1 = rec('MeshTrace', 'default', { default: { sampling: { overall: 10 } } })
    const trace2 = rec('MeshTrace', 'default-1', { default: { sampling: { random: 60 } } })
    const passthrough = rec('MeshPassthrough', 'none', {
      targetRef: { kind: 'Dataplane' },
      default: { passthroughMode: 'None' },
    })
    const out = proxyPolicies(match(dpp(), mesh, [trace1, trace2, passthrough]))
    expect(out.policies).toEqual([
      {
        conf: { passthroughMode: 'None' },
        kind: 'MeshPassthrough',
        origins: [{ kri: 'kri_mp_default___none_' }],
      },
      {
        conf: { sampling: { overall: 10, random: 60 } },
        kind: 'MeshTrace',
        origins: [{ kri: 'kri_mtr_default___default-1_' }, { kri: 'kri_mtr_default___default_' }],
      },
    ])
  })

  it('answers an empty list when nothing applies', () => {
    expect(proxyPolicies(match(dpp(), mesh, []))).toEqual({ policies: [] })
  })
})

describe('outboundPolicies', () => {
  it('takes the port rule first, then the service rule, then the mesh rule', () => {
    const onMesh = rec('MeshTimeout', 'on-mesh', {
      to: [{ targetRef: { kind: 'Mesh' }, default: { idleTimeout: '20s' } }],
    })
    const onService = rec('MeshCircuitBreaker', 'on-service', {
      to: [{ targetRef: toTestServer(), default: { connectionLimits: { maxRetries: 2 } } }],
    })
    const onPort = rec('MeshRetry', 'on-port', {
      to: [{ targetRef: toTestServer('main-port'), default: { http: { perTryTimeout: '90s' } } }],
    })
    const out = outboundPolicies(
      match(dpp(), mesh, [testServer, onMesh, onService, onPort]),
      mesh,
      OUTBOUND,
    )
    expect(out.policies).toEqual([
      {
        conf: [{ idleTimeout: '20s' }],
        kind: 'MeshTimeout',
        origins: [{ kri: 'kri_mt_default___on-mesh_' }],
      },
      {
        conf: [{ connectionLimits: { maxRetries: 2 } }],
        kind: 'MeshCircuitBreaker',
        origins: [{ kri: 'kri_mcb_default___on-service_' }],
      },
      {
        conf: [{ http: { perTryTimeout: '1m30s' } }],
        kind: 'MeshRetry',
        origins: [{ kri: 'kri_mr_default___on-port_' }],
      },
    ])
  })
})

describe('routePolicies', () => {
  it('prefers what targets the route and falls back to the outbound', () => {
    const onRoute = rec('MeshTimeout', 'mt-1', {
      targetRef: { kind: 'Mesh' },
      to: [
        {
          targetRef: { kind: 'MeshHTTPRoute', name: 'the-http-route' },
          default: { http: { requestTimeout: '20s' } },
        },
      ],
    })
    const onService = rec('MeshRetry', 'mr-1', {
      to: [{ targetRef: toTestServer(), default: { http: { numRetries: 3 } } }],
    })
    const types = POLICY_PLUGINS.filter((t) => !ROUTE_PLUGINS.includes(t))
    const matched = match(dpp(), mesh, [testServer, httpRoute, onRoute, onService], types)
    expect(routePolicies(matched, mesh, OUTBOUND, ROUTE).policies).toEqual([
      {
        conf: [{ http: { requestTimeout: '20s' } }],
        kind: 'MeshTimeout',
        origins: [{ kri: 'kri_mt_default___mt-1_' }],
      },
      {
        conf: [{ http: { numRetries: 3 } }],
        kind: 'MeshRetry',
        origins: [{ kri: 'kri_mr_default___mr-1_' }],
      },
    ])
  })
})

describe('inboundPolicies', () => {
  const mtp = (name: string, rules: Record<string, unknown>[]) =>
    rec('MeshTrafficPermission', name, { rules: rules.map((d) => ({ default: d })) })

  it('lists every inbound rule, most precise match first, and each policy once in origins', () => {
    const allow = { allow: [{ spiffeID: { type: 'Prefix', value: 'spiffe://td/ns/backend' } }] }
    const deny = { deny: [{ spiffeID: { type: 'Exact', value: 'spiffe://td/ns/backend/v1' } }] }
    const res = inboundPolicies(
      match(dpp(), mesh, [mtp('allow', [allow, deny])]),
      dpp(),
      id('kri_dp_default_test-zone__dp-1_main-port'),
    )
    expect(res).toEqual({
      ok: true,
      value: {
        policies: [
          {
            kind: 'MeshTrafficPermission',
            origins: [{ kri: 'kri_mtp_default___allow_' }],
            rules: [
              { conf: allow, kri: 'kri_mtp_default___allow_' },
              { conf: deny, kri: 'kri_mtp_default___allow_' },
            ],
          },
        ],
      },
    })
  })

  it('finds embedded listeners by section name and reports unknown sections', () => {
    const dataplane = dpp({
      listeners: [{ type: 'ZoneEgress', address: '127.0.0.1', port: 10002, name: 'ze-port' }],
    })
    const global = rec('MeshTimeout', 'global', { rules: [{ default: { idleTimeout: '60s' } }] })
    const matched = match(dataplane, mesh, [global])
    const res = inboundPolicies(matched, dataplane, id('kri_dp_default___dp-1_ze-port'))
    expect(res.ok && res.value.policies[0].rules).toEqual([
      { conf: { idleTimeout: '1m0s' }, kri: 'kri_mt_default___global_' },
    ])
    expect(inboundPolicies(matched, dataplane, id('kri_dp_default___dp-1_nope'))).toEqual({
      ok: false,
      reason: 'inbound-not-found',
    })
  })
})

describe('routes', () => {
  it('lists MeshHTTPRoute rules with their route and matches, MeshTCPRoute rules without', () => {
    const matched = match(dpp(), mesh, [testServer, httpRoute, tcpRoute], ROUTE_PLUGINS)
    expect(routes(matched, mesh, OUTBOUND).routes).toEqual([
      {
        kind: 'MeshHTTPRoute',
        origins: [{ kri: 'kri_mhttpr_default___the-http-route_' }],
        rules: [
          {
            conf: { backendRefs: [{ kind: 'MeshService', name: 'x', port: 80, weight: 1 }] },
            kri: 'kri_mhttpr_default___the-http-route_',
            matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
          },
        ],
      },
      {
        kind: 'MeshTCPRoute',
        origins: [{ kri: 'kri_mtcpr_default___the-tcp-route_' }],
        rules: [
          {
            conf: { backendRefs: [{ kind: 'MeshService', name: 'x', weight: 90 }] },
            kri: '',
            matches: null,
          },
        ],
      },
    ])
  })

  it('falls back to routes on the whole mesh for a service outbound', () => {
    const meshRoute = rec('MeshTCPRoute', 'everywhere', {
      to: [{ targetRef: { kind: 'Mesh' }, rules: [{ default: { backendRefs: [] } }] }],
    })
    const matched = match(dpp(), mesh, [testServer, meshRoute], ROUTE_PLUGINS)
    expect(routes(matched, mesh, OUTBOUND).routes.map((r) => r.origins)).toEqual([
      [{ kri: 'kri_mtcpr_default___everywhere_' }],
    ])
    expect(routes(matched, mesh, id('kri_mt_default___x_')).routes).toEqual([])
  })
})
