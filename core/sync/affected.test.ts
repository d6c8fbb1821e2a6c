/**
 * @module Tests of incremental zone config: after each kind of change, regenerating only the
 * affected proxies gives exactly what regenerating every proxy gives, and regenerates few.
 */
import { describe, expect, it } from 'vitest'
import type { MeshSnapshot } from '../meshcontext'
import type { ResourceRecord } from '../store/store'
import { synthMesh } from '../xds/testing/synth'
import { type MeshConfig, meshConfigOf } from './zone-config'

const ZONE = 'zone-1'
const base = synthMesh({ services: 30, instances: 3, policies: 50, reach: 5 })
// a proxyless gRPC client too: it dials any service by name, whatever its outbounds
const grpcClient: ResourceRecord = {
  ...base.resources.find((r) => r.name === base.small)!,
  name: 'grpc-client',
  labels: { 'kumo.io/proxy-type': 'grpc' },
  spec: {
    networking: {
      address: '192.168.0.9',
      inbound: [
        { port: 80, tags: { 'kuma.io/service': 'grpc-client', 'kuma.io/protocol': 'grpc' } },
      ],
    },
  },
}
const before: MeshSnapshot = {
  mesh: base.mesh,
  resources: [...base.resources, grpcClient].map((r) =>
    r.type === 'Dataplane' ? { ...r, labels: { ...r.labels, 'kuma.io/zone': ZONE } } : r,
  ),
}
const first = meshConfigOf(ZONE, before)
const total = first.proxies.size

const T1 = '2024-02-01T00:00:00Z'
const written = (r: ResourceRecord, old?: ResourceRecord): ResourceRecord => ({
  ...r,
  version: (old?.version ?? 0) + 1,
  creationTime: old?.creationTime ?? T1,
  modificationTime: T1,
})
const find = (type: string, name: string) =>
  before.resources.find((r) => r.type === type && r.name === name)!
const put = (r: ResourceRecord): MeshSnapshot => {
  const old = before.resources.find((x) => x.type === r.type && x.name === r.name)
  const rest = before.resources.filter((x) => x !== old)
  return { mesh: before.mesh, resources: [...rest, written(r, old)] }
}
const remove = (type: string, name: string): MeshSnapshot => ({
  mesh: before.mesh,
  resources: before.resources.filter((x) => !(x.type === type && x.name === name)),
})
const record = (type: string, name: string, spec: Record<string, unknown>): ResourceRecord =>
  written({
    type,
    mesh: 'default',
    name,
    labels: {},
    spec,
    version: 0,
    creationTime: T1,
    modificationTime: T1,
  })
const timeoutTo = (service: string, value: string) =>
  record('MeshTimeout', 'one-service', {
    targetRef: { kind: 'Mesh' },
    to: [
      { targetRef: { kind: 'MeshService', name: service }, default: { connectionTimeout: value } },
    ],
  })

/** same compares what an agent would be sent: every proxy's version and refs, and failures. */
function expectSame(incremental: MeshConfig, full: MeshConfig) {
  expect(Object.fromEntries(incremental.proxies)).toEqual(Object.fromEntries(full.proxies))
  expect(incremental.errors).toEqual(full.errors)
  for (const pc of incremental.proxies.values()) {
    for (const byName of Object.values(pc.resources)) {
      for (const hash of Object.values(byName)) expect(incremental.bodies.has(hash)).toBe(true)
    }
  }
}

/** step applies one change incrementally and from scratch; returns the incremental stats. */
function step(after: MeshSnapshot, previous: MeshConfig = first) {
  const incremental = meshConfigOf(ZONE, after, previous)
  expectSame(incremental, meshConfigOf(ZONE, after))
  return { ...incremental.stats!, config: incremental }
}

describe('incremental zone config', () => {
  it('regenerates only the clients of a service whose to-entry changed', () => {
    const added = step(put(timeoutTo('svc-0006', '7s')))
    // client-small reaches svc-0006 by backendRef, client-large through its transparent proxy,
    // grpc-client by name
    expect(added).toMatchObject({ generated: 3, reused: total - 3, plan: 'affected proxies' })
    const changed = step(
      {
        mesh: before.mesh,
        resources: [
          ...before.resources,
          written(timeoutTo('svc-0006', '9s'), written(timeoutTo('svc-0006', '7s'))),
        ],
      },
      added.config,
    )
    expect(changed.generated).toBe(3)
    // a service only client-large (and grpc-client) reach
    expect(step(put(timeoutTo('svc-0007', '7s'))).generated).toBe(2)
  })

  it('regenerates a proxyless gRPC client for any to-entry it takes', () => {
    const timeout = (v: string) =>
      record('MeshTimeout', 'grpc-timeout', {
        targetRef: { kind: 'Mesh' },
        to: [
          {
            targetRef: { kind: 'MeshService', name: 'svc-0001' },
            default: { http: { requestTimeout: v } },
          },
        ],
      })
    const added = step(put(timeout('3s')))
    const changed = step(
      {
        mesh: before.mesh,
        resources: [...before.resources, written(timeout('4s'), timeout('3s'))],
      },
      added.config,
    )
    expect(changed.generated).toBeGreaterThanOrEqual(1)
    const grpc = 'default.grpc-client'
    expect(changed.config.proxies.get(grpc)).not.toEqual(added.config.proxies.get(grpc))
  })

  it('regenerates a proxyless client whose route now sends elsewhere (issue 5 e2e)', () => {
    // a split route makes the client read echo-v1's and echo-v2's endpoints, not echo's; the
    // route's entry names echo, which the client still dials
    const ms = (name: string, tags: Record<string, string>) =>
      record('MeshService', name, {
        selector: { dataplaneTags: tags },
        ports: [{ port: 80, targetPort: 'grpc', appProtocol: 'grpc', name: 'grpc' }],
      })
    const dp = (name: string, tags: Record<string, string>, labels = {}) => ({
      ...record('Dataplane', name, {
        networking: { address: '127.0.0.1', inbound: [{ port: 7000, name: 'grpc', tags }] },
      }),
      labels: { ...labels, 'kuma.io/zone': ZONE },
    })
    const grpc = { 'kuma.io/protocol': 'grpc' }
    const split = (v1: number, v2: number, version: number) => ({
      ...record('MeshHTTPRoute', 'echo-split', {
        targetRef: { kind: 'Mesh' },
        to: [
          {
            targetRef: { kind: 'MeshService', name: 'echo' },
            rules: [
              {
                matches: [{ path: { type: 'PathPrefix', value: '/' } }],
                default: {
                  backendRefs: [
                    { kind: 'MeshService', name: 'echo-v1', port: 80, weight: v1 },
                    { kind: 'MeshService', name: 'echo-v2', port: 80, weight: v2 },
                  ].filter((r) => r.weight > 0),
                },
              },
            ],
          },
        ],
      }),
      version,
    })
    const infra = [
      ms('echo', { app: 'echo' }),
      ms('echo-v1', { app: 'echo', version: 'v1' }),
      ms('echo-v2', { app: 'echo', version: 'v2' }),
      dp('echo-v1', { 'kuma.io/service': 'echo-v1', app: 'echo', version: 'v1', ...grpc }),
      dp('echo-v2', { 'kuma.io/service': 'echo-v2', app: 'echo', version: 'v2', ...grpc }),
      dp(
        'echo-client',
        { 'kuma.io/service': 'echo-client', ...grpc },
        { 'kumo.io/proxy-type': 'grpc' },
      ),
    ]
    const mesh = written({
      ...before.mesh,
      name: 'default',
      spec: { meshServices: { mode: 'Exclusive' } },
    })
    const s1 = { mesh, resources: [...infra, split(80, 20, 1)] }
    const s2 = { mesh, resources: [...infra, split(0, 100, 2)] }
    const c1 = meshConfigOf(ZONE, s1)
    const incremental = meshConfigOf(ZONE, s2, c1)
    const full = meshConfigOf(ZONE, s2)
    expectSame(incremental, full)
    expect(full.proxies.get('default.echo-client')).not.toEqual(
      c1.proxies.get('default.echo-client'),
    )
  })

  it('regenerates a Dataplane that changed and the clients of its service', () => {
    const dp = find('Dataplane', 'svc-0006-1')
    const spec = dp.spec as { networking: Record<string, unknown> }
    const moved = { ...dp, spec: { networking: { ...spec.networking, address: '10.9.9.9' } } }
    // itself, the two clients of svc-0006, and grpc-client (it lists every Dataplane)
    expect(step(put(moved)).generated).toBe(4)
    // a new instance of a service nobody reaches by backendRef: itself, client-large, grpc-client
    const extra = { ...find('Dataplane', 'svc-0003-0'), name: 'svc-0003-9' }
    expect(step(put(extra)).generated).toBe(3)
    expect(step(remove('Dataplane', 'svc-0006-2')).generated).toBe(3)
  })

  it('regenerates the proxies a policy selects, before or after the change', () => {
    const p = record('MeshTrafficPermission', 'only-4', {
      targetRef: { kind: 'Dataplane', labels: { app: 'svc-0004' } },
      from: [{ targetRef: { kind: 'Mesh' }, default: { action: 'Deny' } }],
    })
    const added = step(put(p))
    expect(added.generated).toBe(3)
    const retargeted = written(
      { ...p, spec: { ...p.spec, targetRef: { kind: 'Dataplane', labels: { app: 'svc-0005' } } } },
      p,
    )
    const moved = step(
      { mesh: before.mesh, resources: [...before.resources, retargeted] },
      added.config,
    )
    expect(moved.generated).toBe(6)
  })

  it('regenerates the clients a changed MeshHTTPRoute entry reaches', () => {
    const route = before.resources.find((r) => r.type === 'MeshHTTPRoute')!
    const to = route.spec.to as { rules: { matches: unknown[] }[] }[]
    const rules = [{ ...to[0].rules[0], matches: [{ path: { type: 'PathPrefix', value: '/v3' } }] }]
    const changed = { ...route, spec: { ...route.spec, to: [{ ...to[0], rules }, ...to.slice(1)] } }
    const r = step(put(changed))
    expect(r.generated).toBeGreaterThan(0)
    expect(r.generated).toBeLessThanOrEqual(3)
  })

  it('changes nothing for insights, and everything for the Mesh or a MeshService', () => {
    const insight = record('DataplaneInsight', 'svc-0001-0', { subscriptions: [] })
    expect(step(put(insight))).toMatchObject({ generated: 0, reused: total })
    const mesh = written({ ...before.mesh, labels: { team: 'a' } }, before.mesh)
    expect(step({ mesh, resources: before.resources })).toMatchObject({
      generated: total,
      plan: 'everything: the Mesh changed',
    })
    const ms = find('MeshService', 'svc-0002')
    expect(step(put({ ...ms, labels: { ...ms.labels, team: 'b' } })).generated).toBe(total)
  })

  it('regenerates every proxy a deleted mesh-wide policy selected', () => {
    // MeshTrace's top-level default configures every sidecar it selects (proxyless gRPC
    // clients do not take MeshTrace)
    expect(step(remove('MeshTrace', 'meshtrace-mesh')).generated).toBe(total - 1)
    // a policy of `to` entries only is its entries: svc-0010 is reached by client-large and
    // grpc-client only
    expect(step(remove('MeshTimeout', 'meshtimeout-10')).generated).toBe(2)
  })
})
