import { describe, expect, it } from 'vitest'
import { matchingResources } from './context'
import { gatewayAsDataplane, policyMatchesDataplane, POLICY_PLUGINS } from './plugins'
import { dpp, rec } from './testing'

const mesh = rec('Mesh', 'default', {})

describe('POLICY_PLUGINS', () => {
  it("follows Kuma's plugin order: routes first, MeshProxyPatch last", () => {
    expect(POLICY_PLUGINS.slice(0, 2)).toEqual(['MeshHTTPRoute', 'MeshTCPRoute'])
    expect(POLICY_PLUGINS.at(-1)).toBe('MeshProxyPatch')
    expect(POLICY_PLUGINS.indexOf('MeshTimeout')).toBeLessThan(
      POLICY_PLUGINS.indexOf('MeshCircuitBreaker'),
    )
  })
})

describe('gatewayAsDataplane', () => {
  it('makes a builtin gateway proxy tagged by the first selector, with the gateway meta', () => {
    const gw = rec(
      'MeshGateway',
      'gw',
      { selectors: [{ match: { 'kuma.io/service': 'gw-1' } }, { match: { other: 'x' } }] },
      { team: 'edge' },
    )
    expect(gatewayAsDataplane(gw)).toMatchObject({
      type: 'Dataplane',
      mesh: 'default',
      name: 'gw',
      labels: { team: 'edge' },
      spec: { networking: { gateway: { type: 'BUILTIN', tags: { 'kuma.io/service': 'gw-1' } } } },
    })
  })

  it('has no proxy for a gateway without selectors', () => {
    expect(gatewayAsDataplane(rec('MeshGateway', 'gw', { selectors: [] }))).toBeUndefined()
  })
})

describe('policyMatchesDataplane', () => {
  const onRoute = rec('MeshTimeout', 'foo', {
    targetRef: { kind: 'MeshHTTPRoute', name: 'the-http-route' },
    to: [{ targetRef: { kind: 'Mesh' }, default: { idleTimeout: '1s' } }],
  })
  const route = rec('MeshHTTPRoute', 'the-http-route', {
    targetRef: { kind: 'MeshService', name: 'foo' },
    to: [],
  })

  it('selects the proxies of the route a policy targets', () => {
    const resources = matchingResources(mesh, [route])
    expect(policyMatchesDataplane(onRoute, dpp(), resources)).toBe(true)
    const other = rec('Dataplane', 'dp-2', {
      networking: { address: '1.1.1.1', inbound: [{ port: 1, tags: { 'kuma.io/service': 'x' } }] },
    })
    expect(policyMatchesDataplane(onRoute, other, resources)).toBe(false)
  })

  it('selects nothing when the targeted route does not exist', () => {
    expect(policyMatchesDataplane(onRoute, dpp(), matchingResources(mesh, []))).toBe(false)
  })

  it("keeps consumer policies to their namespace's proxies", () => {
    const consumer = rec(
      'MeshTimeout',
      'c',
      { targetRef: { kind: 'Mesh' }, to: [] },
      { 'kuma.io/policy-role': 'consumer', 'k8s.kuma.io/namespace': 'ns-1' },
    )
    const inNs = { ...dpp(), labels: { 'k8s.kuma.io/namespace': 'ns-1' } }
    const resources = matchingResources(mesh, [])
    expect(policyMatchesDataplane(consumer, inNs, resources)).toBe(true)
    expect(policyMatchesDataplane(consumer, dpp(), resources)).toBe(false)
  })
})
