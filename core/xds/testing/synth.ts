/**
 * @module synthMesh: a synthetic mesh for measuring the generator's cost (issue 4, item 7): N
 * MeshServices with M Dataplanes each, mTLS, and a mix of policies of every kind, plus two client
 * proxies, one reaching a few services by backendRef and one reaching all of them through its
 * transparent proxy. Test and bench helper; pure, deterministic, no node built-ins.
 */
import type { MeshSnapshot } from '../../meshcontext'
import type { ResourceRecord } from '../../store/store'

export interface SynthOptions {
  /** services is the number of MeshServices (default 1000). */
  services?: number
  /** instances is the number of Dataplanes behind each MeshService (default 5). */
  instances?: number
  /** policies is the number of policies, cycling through every kind (default 50). */
  policies?: number
  /** reach is how many services the small client declares outbounds to (default 20). */
  reach?: number
  mesh?: string
}

/** SynthMesh is the mesh and the names of its two client proxies. */
export interface SynthMesh extends MeshSnapshot {
  /** small reaches `reach` services through backendRef outbounds. */
  small: string
  /** large reaches every service through its transparent proxy (no `reachableBackends`). */
  large: string
}

const T0 = '2024-01-01T00:00:00Z'
const PROTOCOLS = ['http', 'http', 'tcp', 'grpc', 'http2'] as const

const svc = (i: number) => `svc-${String(i).padStart(4, '0')}`

function record(
  type: string,
  mesh: string,
  name: string,
  spec: Record<string, unknown>,
  extra: Partial<ResourceRecord> = {},
): ResourceRecord {
  return {
    type,
    mesh: type === 'Mesh' ? '' : mesh,
    name,
    labels: {},
    spec,
    version: 1,
    creationTime: T0,
    modificationTime: T0,
    ...extra,
  }
}

const toService = (name: string) => ({ kind: 'MeshService', name })

/** policyOf is the i-th policy: kinds in turn, aimed at service `target` (and its neighbour). */
function policyOf(i: number, target: string, next: string): [string, Record<string, unknown>] {
  const to = (conf: Record<string, unknown>) => ({
    targetRef: { kind: 'Mesh' },
    to: [{ targetRef: toService(target), default: conf }],
  })
  const kinds: [string, () => Record<string, unknown>][] = [
    ['MeshTimeout', () => to({ connectionTimeout: '2s', http: { requestTimeout: '5s' } })],
    ['MeshRetry', () => to({ http: { numRetries: 3, retryOn: ['5xx', 'Reset'] } })],
    [
      'MeshCircuitBreaker',
      () =>
        to({ connectionLimits: { maxConnections: 100 }, outlierDetection: { disabled: false } }),
    ],
    [
      'MeshHealthCheck',
      () => to({ interval: '10s', timeout: '2s', healthyThreshold: 1, unhealthyThreshold: 3 }),
    ],
    ['MeshLoadBalancingStrategy', () => to({ loadBalancer: { type: 'LeastRequest' } })],
    [
      'MeshHTTPRoute',
      () => ({
        targetRef: { kind: 'Mesh' },
        to: [
          {
            targetRef: toService(target),
            rules: [
              {
                matches: [{ path: { type: 'PathPrefix', value: '/v2' } }],
                default: {
                  backendRefs: [
                    { kind: 'MeshService', name: target, port: 80, weight: 90 },
                    { kind: 'MeshService', name: next, port: 80, weight: 10 },
                  ],
                },
              },
            ],
          },
        ],
      }),
    ],
    [
      'MeshFaultInjection',
      () => ({
        targetRef: { kind: 'Dataplane', labels: { app: target } },
        from: [
          {
            targetRef: { kind: 'Mesh' },
            default: { http: [{ abort: { httpStatus: 503, percentage: 5 } }] },
          },
        ],
      }),
    ],
    [
      'MeshRateLimit',
      () => ({
        targetRef: { kind: 'Dataplane', labels: { app: target } },
        rules: [{ default: { local: { http: { requestRate: { num: 100, interval: '1s' } } } } }],
      }),
    ],
    [
      'MeshTrafficPermission',
      () => ({
        targetRef: { kind: 'Dataplane', labels: { app: target } },
        rules: [{ default: { allow: [{ spiffeID: { type: 'Prefix', value: 'spiffe://' } }] } }],
      }),
    ],
    [
      'MeshTCPRoute',
      () => ({
        targetRef: { kind: 'Mesh' },
        to: [
          {
            targetRef: toService(target),
            rules: [
              { default: { backendRefs: [{ kind: 'MeshService', name: target, port: 80 }] } },
            ],
          },
        ],
      }),
    ],
  ]
  const [kind, spec] = kinds[i % kinds.length]
  return [kind, spec()]
}

/** meshWide are the proxy-wide kinds: one policy each on the whole mesh. */
function meshWide(): [string, Record<string, unknown>][] {
  const mesh = { kind: 'Mesh' }
  return [
    [
      'MeshAccessLog',
      {
        targetRef: mesh,
        to: [
          {
            targetRef: mesh,
            default: { backends: [{ type: 'File', file: { path: '/tmp/access.log' } }] },
          },
        ],
      },
    ],
    [
      'MeshTrace',
      {
        targetRef: mesh,
        default: {
          backends: [{ type: 'Zipkin', zipkin: { url: 'http://jaeger:9411/api/v2/spans' } }],
          sampling: { overall: 10 },
        },
      },
    ],
    [
      'MeshMetric',
      {
        targetRef: mesh,
        default: { backends: [{ type: 'Prometheus', prometheus: { port: 5670 } }] },
      },
    ],
    ['MeshTLS', { targetRef: mesh, rules: [{ default: { tlsVersion: { min: 'TLS13' } } }] }],
    ['MeshPassthrough', { targetRef: mesh, default: { passthroughMode: 'None' } }],
    [
      'MeshProxyPatch',
      {
        targetRef: mesh,
        default: {
          appendModifications: [
            {
              cluster: {
                operation: 'Patch',
                match: { origin: 'outbound' },
                value: 'perConnectionBufferLimitBytes: 32768',
              },
            },
          ],
        },
      },
    ],
  ]
}

/** synthMesh builds the mesh; same options, same records. */
export function synthMesh(opts: SynthOptions = {}): SynthMesh {
  const n = opts.services ?? 1000
  const m = opts.instances ?? 5
  const mesh = opts.mesh ?? 'default'
  const reach = Math.min(opts.reach ?? 20, n)
  const meshRecord = record('Mesh', mesh, mesh, {
    mtls: { enabledBackend: 'ca-1', backends: [{ name: 'ca-1', type: 'builtin' }] },
    meshServices: { mode: 'Exclusive' },
  })
  const resources: ResourceRecord[] = []
  for (let s = 0; s < n; s++) {
    const name = svc(s)
    const protocol = PROTOCOLS[s % PROTOCOLS.length]
    resources.push(
      record(
        'MeshService',
        mesh,
        name,
        {
          selector: { dataplaneTags: { 'kuma.io/service': name } },
          ports: [{ port: 80, targetPort: 8080, appProtocol: protocol }],
          identities: [{ type: 'ServiceTag', value: name }],
        },
        { status: { vips: [{ ip: `10.${(s >> 16) & 255}.${(s >> 8) & 255}.${s & 255}` }] } },
      ),
    )
    for (let i = 0; i < m; i++) {
      const k = s * m + i
      resources.push(
        record(
          'Dataplane',
          mesh,
          `${name}-${i}`,
          {
            networking: {
              address: `172.${16 + ((k >> 16) & 15)}.${(k >> 8) & 255}.${k & 255}`,
              inbound: [
                {
                  port: 8080,
                  tags: {
                    'kuma.io/service': name,
                    'kuma.io/protocol': protocol,
                    'kuma.io/zone': 'zone-1',
                  },
                },
              ],
            },
          },
          { labels: { app: name } },
        ),
      )
    }
  }
  const client = (name: string, networking: Record<string, unknown>) =>
    record('Dataplane', mesh, name, {
      networking: {
        address: '192.168.0.1',
        inbound: [{ port: 80, tags: { 'kuma.io/service': name, 'kuma.io/protocol': 'http' } }],
        ...networking,
      },
    })
  const outbound = Array.from({ length: reach }, (_, i) => ({
    port: 10000 + i,
    backendRef: { kind: 'MeshService', name: svc(Math.floor((i * n) / reach)), port: 80 },
  }))
  resources.push(client('client-small', { outbound }))
  resources.push(
    client('client-large', {
      transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001 },
    }),
  )
  const count = opts.policies ?? 50
  const wide = meshWide()
  for (let p = 0; p < count; p++) {
    if (p < wide.length) {
      const [kind, spec] = wide[p]
      resources.push(record(kind, mesh, `${kind.toLowerCase()}-mesh`, spec))
      continue
    }
    // targets spread over the mesh so both clients see some of them
    const target = (p * 37) % n
    const [kind, spec] = policyOf(p, svc(target), svc((target + 1) % n))
    resources.push(record(kind, mesh, `${kind.toLowerCase()}-${p}`, spec))
  }
  return { mesh: meshRecord, resources, small: 'client-small', large: 'client-large' }
}
