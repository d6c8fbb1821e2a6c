/**
 * @module Golden tests of the proxyless gRPC generator. Every snapshot goes through Envoy's protos
 * and through gRPC's own xDS resource validation (`@grpc/grpc-js-xds`), which is what decides
 * whether a gRPC client ACKs or NACKs it.
 */
import { fileURLToPath } from 'node:url'
import { register } from '@grpc/grpc-js-xds'
import { ClusterResourceType } from '@grpc/grpc-js-xds/build/src/xds-resource-type/cluster-resource-type'
import { EndpointResourceType } from '@grpc/grpc-js-xds/build/src/xds-resource-type/endpoint-resource-type'
import { ListenerResourceType } from '@grpc/grpc-js-xds/build/src/xds-resource-type/listener-resource-type'
import { RouteConfigurationResourceType } from '@grpc/grpc-js-xds/build/src/xds-resource-type/route-config-resource-type'
import { describe, expect, it } from 'vitest'
import { encodeResource, judgeSnapshot } from '../../../agent/xds/envoy-proto'
import { generate, prepareMesh } from '../generator'
import { canonicalJson, TypeUrl, type Snapshot } from '../snapshot'
import { goldenMessage, listCases, loadCase, matchGolden, recordsFromYaml } from '../testing/golden'

const dir = fileURLToPath(new URL('./testdata', import.meta.url))
const problems = (vs: { field: string; message: string }[]) =>
  vs.map((v) => `${v.field}: ${v.message}`)

register()
const GRPC_TYPES = {
  [TypeUrl.Listener]: ListenerResourceType.get(),
  [TypeUrl.RouteConfiguration]: RouteConfigurationResourceType.get(),
  [TypeUrl.Cluster]: ClusterResourceType.get(),
  [TypeUrl.ClusterLoadAssignment]: EndpointResourceType.get(),
}
const decodeContext = {
  server: { serverUri: 'kumo', channelCreds: [], serverFeatures: [] },
  bootstrap: { xdsServers: [], node: {}, authorities: {}, certificateProviders: {} },
} as never

/** grpcJudge lists what gRPC's xDS client would NACK in the snapshot. */
function grpcJudge(snapshot: Snapshot): string[] {
  const errors: string[] = []
  for (const [typeUrl, byName] of Object.entries(snapshot.resources)) {
    const type = GRPC_TYPES[typeUrl as keyof typeof GRPC_TYPES]
    if (!type) {
      errors.push(`${typeUrl}: not a type gRPC clients subscribe to`)
      continue
    }
    for (const [name, resource] of Object.entries(byName)) {
      const value = Buffer.from(encodeResource(typeUrl, resource))
      const res = type.decode(decodeContext, { type_url: typeUrl, value } as never)
      if (res.error) errors.push(`${name}: ${res.error}`)
    }
  }
  return errors
}

function generateProxylessCase(name: string) {
  const c = loadCase(dir, name)
  const res = generate(c.ctx, c.dataplane, c.options)
  if (!res.ok) throw new Error(`${name}: ${res.reason}`)
  return res
}

describe('proxyless gRPC generator', () => {
  it.each(listCases(dir))('generates %s as in its golden files, and gRPC accepts it', (name) => {
    const { snapshot } = generateProxylessCase(name)
    expect(problems(judgeSnapshot(snapshot))).toEqual([])
    expect(grpcJudge(snapshot)).toEqual([])
    const r = matchGolden(dir, name, snapshot)
    expect(problems(judgeSnapshot(r.golden))).toEqual([])
    expect(r.mismatches, goldenMessage(r)).toEqual([])
  })

  it('names API listeners by the dial targets of each destination', () => {
    const { snapshot } = generateProxylessCase('mesh-services')
    expect(Object.keys(snapshot.resources[TypeUrl.Listener]).sort()).toEqual([
      'echo-a',
      'echo-a:80',
      'echo-b',
      'echo-b:80',
    ])
  })

  it('sends a gRPC client by its user agent to the proxyless generator, with warnings', () => {
    const res = generateProxylessCase('legacy-services')
    expect(Object.keys(res.snapshot.resources[TypeUrl.Listener]).sort()).toEqual([
      'backend',
      'backend:10001',
      'client',
    ])
    expect(res.warnings).toEqual([])
  })

  it('reports what gRPC rejects as the proto judge does not: the judge catches a bad ring', () => {
    const { snapshot } = generateProxylessCase('mesh-services')
    const bad = structuredClone(snapshot.resources) as any
    bad[TypeUrl.Cluster][Object.keys(bad[TypeUrl.Cluster])[0]].lbPolicy = 'LEAST_REQUEST'
    expect(grpcJudge({ ...snapshot, resources: bad }).join()).toMatch(/LEAST_REQUEST/)
  })
})

/** BASE is a gRPC client and MeshServices echo-a and echo-b; STATES add policies to it. */
const BASE = `
type: Mesh
name: default
meshServices: { mode: Exclusive }
---
type: Dataplane
name: client-1
mesh: default
labels: { kumo.io/proxy-type: grpc }
networking:
  address: 10.0.0.1
  inbound: [{ port: 9000, tags: { kuma.io/service: client } }]
${['a', 'b']
  .map(
    (x, i) => `---
type: Dataplane
name: echo-${x}-1
mesh: default
networking:
  address: 10.0.0.${i + 2}
  inbound: [{ port: 8080, tags: { kuma.io/service: echo-${x}, kuma.io/protocol: grpc } }]
---
type: MeshService
name: echo-${x}
mesh: default
spec:
  selector: { dataplaneTags: { kuma.io/service: echo-${x} } }
  ports: [{ port: 80, targetPort: 8080, appProtocol: grpc }]`,
  )
  .join('\n')}
`
const toEcho = (kind: string, name: string, conf: string) => `---
type: ${kind}
name: ${name}
mesh: default
spec:
  targetRef: { kind: Mesh }
  to: [{ targetRef: { kind: MeshService, name: echo-a }, default: ${conf} }]`
const split = (a: number, b: number) => `---
type: MeshHTTPRoute
name: split
mesh: default
spec:
  targetRef: { kind: Mesh }
  to:
    - targetRef: { kind: MeshService, name: echo-a }
      rules:
        - matches: [{ path: { type: PathPrefix, value: / } }]
          default:
            backendRefs:
${[['a', a] as const, ['b', b] as const]
  .filter(([, w]) => w > 0)
  .map(([x, w]) => `              - { kind: MeshService, name: echo-${x}, port: 80, weight: ${w} }`)
  .join('\n')}`
const abort = (percentage: number) => `---
type: MeshFaultInjection
name: abort
mesh: default
spec:
  targetRef: { kind: Mesh }
  to:
    - targetRef: { kind: Mesh }
      default: { http: [{ abort: { httpStatus: 503, percentage: ${percentage} } }] }`
/** STATES are what the end-to-end test walks through, and a few neighbours. */
const STATES: Record<string, string> = {
  none: '',
  abort: abort(100),
  'abort 50%': abort(50),
  timeout: toEcho('MeshTimeout', 't', '{ http: { requestTimeout: 300ms } }'),
  retry: toEcho('MeshRetry', 'r', '{ grpc: { numRetries: 3, retryOn: [Unavailable] } }'),
  'split 80/20': split(80, 20),
  'split 0/100': split(0, 100),
  'split 100/0': split(100, 0),
  'split 80/20 and abort': split(80, 20) + '\n' + abort(100),
}

/** listenersOf generates the client's listeners in a state, as JSON and as gRPC decodes them. */
function listenersOf(state: string) {
  const records = recordsFromYaml(BASE + '\n' + STATES[state])
  const mesh = records.find((r) => r.type === 'Mesh')!
  const ctx = prepareMesh({ mesh, resources: records.filter((r) => r !== mesh) }, { zone: 'z' })
  const res = generate(ctx, 'client-1')
  if (!res.ok) throw new Error(`${state}: ${res.reason}`)
  expect(Object.keys(res.snapshot.resources).sort()).not.toContain(TypeUrl.RouteConfiguration)
  const byName = res.snapshot.resources[TypeUrl.Listener]
  return Object.fromEntries(
    Object.entries(byName).map(([name, l]) => {
      const value = Buffer.from(encodeResource(TypeUrl.Listener, l))
      const decoded = GRPC_TYPES[TypeUrl.Listener].decode(decodeContext, {
        type_url: TypeUrl.Listener,
        value,
      } as never)
      return [name, { json: canonicalJson(l), decoded: decoded.value! }]
    }),
  )
}

describe('proxyless updates as a gRPC client takes them', () => {
  // grpc-js-xds drops an update whose decoded resource "equals" the cached one, walking only the
  // cached resource's keys (XdsResourceType.resourcesEqual); see apiListener in routes.ts
  it('gRPC would take an RDS update adding a fault override as no change (why routes are inline)', () => {
    const type = GRPC_TYPES[TypeUrl.RouteConfiguration]
    const route = (override?: object) => ({
      name: 'r',
      virtualHosts: [
        {
          name: 'echo',
          domains: ['*'],
          routes: [
            {
              match: { prefix: '/' },
              route: { cluster: 'c' },
              ...(override ? { typedPerFilterConfig: override } : {}),
            },
          ],
        },
      ],
    })
    const decode = (r: object) => {
      const value = Buffer.from(encodeResource(TypeUrl.RouteConfiguration, r))
      return type.decode(decodeContext, { type_url: TypeUrl.RouteConfiguration, value } as never)
        .value!
    }
    const fault = {
      'envoy.filters.http.fault.0': {
        '@type': 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault',
        abort: { httpStatus: 503, percentage: { numerator: 100, denominator: 'HUNDRED' } },
      },
    }
    expect(type.resourcesEqual(decode(route()), decode(route(fault)))).toBe(true)
  })

  it('takes every listener change between any two states as a change', () => {
    const listeners = Object.fromEntries(Object.keys(STATES).map((s) => [s, listenersOf(s)]))
    const kept: string[] = []
    let changes = 0
    for (const [from, before] of Object.entries(listeners)) {
      for (const [to, after] of Object.entries(listeners)) {
        for (const [name, a] of Object.entries(after)) {
          const b = before[name]
          if (!b || b.json === a.json) continue
          changes++
          if (GRPC_TYPES[TypeUrl.Listener].resourcesEqual(b.decoded, a.decoded))
            kept.push(`${from} -> ${to}: ${name}`)
        }
      }
    }
    expect(changes).toBeGreaterThan(100)
    expect(kept, 'gRPC would keep its old listener').toEqual([])
  })
})
