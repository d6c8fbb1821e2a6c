import { describe, expect, it } from 'vitest'
import { metaOf } from './meta'
import { inspectRules } from './rules'
import { dpp, exclusiveMesh, match, rec, toTestServer, testServer } from './testing'

const mesh = rec('Mesh', 'default', {})

const rulesOf = (
  dataplane: ReturnType<typeof dpp>,
  resources: ReturnType<typeof rec>[],
  m = mesh,
) =>
  inspectRules({
    resource: metaOf('Dataplane', dataplane),
    dataplane,
    matched: match(dataplane, m, resources),
    meshServicesExclusive: m === exclusiveMesh,
  })

describe('inspectRules', () => {
  it('answers with no rules when no policy selects the proxy', () => {
    expect(rulesOf(dpp(), [])).toEqual({
      httpMatches: [],
      resource: { type: 'Dataplane', mesh: 'default', name: 'dp-1', labels: {} },
      rules: [],
    })
  })

  it('lists inbound rules per inbound, by port, with names and tags, durations as Go prints them', () => {
    const whole = rec('MeshTimeout', 'whole', {
      targetRef: { kind: 'Mesh' },
      rules: [{ default: { idleTimeout: '60s' } }],
    })
    const section = rec('MeshTimeout', 'section', {
      targetRef: { kind: 'Dataplane', sectionName: 'secondary-port' },
      rules: [{ default: { http: { requestTimeout: '20m' } } }],
    })
    const dataplane = dpp({ inbound: [...(dpp().spec as any).networking.inbound].reverse() })
    const [rule] = rulesOf(dataplane, [whole, section]).rules
    expect(rule.type).toBe('MeshTimeout')
    expect(rule.fromRules).toEqual([])
    expect(rule.inboundRules.map((e) => e.inbound)).toEqual([
      { name: 'main-port', port: 8080, tags: { 'kuma.io/service': 'foo' } },
      { name: 'secondary-port', port: 9090, tags: { 'kuma.io/service': 'bar' } },
    ])
    expect(rule.inboundRules[1].rules).toEqual([
      {
        conf: [{ idleTimeout: '1m0s' }],
        origin: [{ resourceMeta: metaOf('MeshTimeout', whole), ruleIndex: 0 }],
      },
      {
        conf: [{ http: { requestTimeout: '20m0s' } }],
        origin: [{ resourceMeta: metaOf('MeshTimeout', section), ruleIndex: 0 }],
      },
    ])
    expect(rule.warnings).toEqual([])
  })

  it('names an embedded listener by port only, with null tags', () => {
    const global = rec('MeshTimeout', 'global', { rules: [{ default: { idleTimeout: '7s' } }] })
    const dataplane = dpp({
      listeners: [{ type: 'ZoneEgress', address: '127.0.0.1', port: 10002, name: 'ze-port' }],
    })
    const [rule] = rulesOf(dataplane, [global]).rules
    expect(rule.inboundRules.map((e) => e.inbound)).toEqual([
      { name: 'main-port', port: 8080, tags: { 'kuma.io/service': 'foo' } },
      { name: 'secondary-port', port: 9090, tags: { 'kuma.io/service': 'bar' } },
      { port: 10002, tags: null },
    ])
  })

  it('shows legacy to rules with matchers, and hides them on meshes with Exclusive MeshServices', () => {
    const mt = rec('MeshTimeout', 'to-svc', {
      targetRef: { kind: 'Mesh' },
      to: [{ targetRef: { kind: 'MeshService', name: 'bar' }, default: { idleTimeout: '5s' } }],
    })
    const [legacy] = rulesOf(dpp(), [mt]).rules
    expect(legacy.toRules).toEqual([
      {
        conf: { idleTimeout: '5s' },
        matchers: [{ key: 'kuma.io/service', not: false, value: 'bar' }],
        origin: [metaOf('MeshTimeout', mt)],
      },
    ])
    expect(rulesOf(dpp(), [mt], exclusiveMesh).rules).toEqual([])
  })

  it('sorts outbound resource rules by resource name and keeps the section name', () => {
    const mt = rec('MeshTimeout', 'to-port', {
      targetRef: { kind: 'Mesh' },
      to: [
        { targetRef: toTestServer('main-port'), default: { connectionTimeout: '2s' } },
        { targetRef: { kind: 'Mesh' }, default: { idleTimeout: '1h' } },
      ],
    })
    const [rule] = rulesOf(dpp(), [testServer, mt], exclusiveMesh).rules
    expect(rule.toResourceRules.map((r) => [r.resourceMeta.name, r.resourceSectionName])).toEqual([
      ['default', ''],
      ['test-server-1', 'main-port'],
    ])
    expect(rule.toResourceRules[0]).toEqual({
      conf: [{ idleTimeout: '1h0m0s' }],
      origin: [{ resourceMeta: metaOf('MeshTimeout', mt), ruleIndex: 1 }],
      resourceMeta: { type: 'Mesh', mesh: '', name: 'default', labels: {} },
      resourceSectionName: '',
    })
  })

  it('gives single-item kinds a proxy rule and lists kinds in plugin order', () => {
    const trace = rec('MeshTrace', 'trace', {
      targetRef: { kind: 'Mesh' },
      default: { sampling: { overall: 80 } },
    })
    const timeout = rec('MeshTimeout', 'timeout', {
      targetRef: { kind: 'Mesh' },
      rules: [{ default: { idleTimeout: '7s' } }],
    })
    const rules = rulesOf(dpp(), [timeout, trace]).rules
    expect(rules.map((r) => r.type)).toEqual(['MeshTrace', 'MeshTimeout'])
    expect(rules[0].proxyRule).toEqual({
      conf: { sampling: { overall: 80 } },
      origin: [metaOf('MeshTrace', trace)],
    })
    expect(rules[1].proxyRule).toBeUndefined()
  })

  it('lists MeshHTTPRoute matches under the hash Kuma gives them', () => {
    const gw = rec('MeshGateway', 'gw-1', {
      selectors: [{ match: { 'kuma.io/service': 'gw-1' } }],
      conf: { listeners: [{ port: 80, protocol: 'HTTP' }] },
    })
    const route = rec('MeshHTTPRoute', 'route', {
      targetRef: { kind: 'MeshGateway', name: 'gw-1' },
      to: [
        {
          targetRef: { kind: 'Mesh' },
          rules: [
            {
              matches: [{ headers: [{ type: 'Exact', name: 'foo', value: 'bar' }] }],
              default: { backendRefs: [{ kind: 'MeshService', name: 'x', weight: 1 }] },
            },
          ],
        },
      ],
    })
    const gateway = rec('Dataplane', 'gw-1', {
      networking: { gateway: { type: 'BUILTIN', tags: { 'kuma.io/service': 'gw-1' } } },
    })
    const out = rulesOf(gateway, [gw, route])
    expect(out.httpMatches).toEqual([
      {
        hash: 'yM0/dbXyGi3nh/16+QCWa0maH7RkPXftZ4fkR+vFOjA=',
        match: [{ headers: [{ type: 'Exact', name: 'foo', value: 'bar' }] }],
      },
    ])
    expect(out.rules.map((r) => r.type)).toEqual(['MeshHTTPRoute'])
  })
})
