/**
 * @module The benchmark's synthetic mesh: S services x I instances (each instance one Dataplane
 * reaching R other services through MeshService outbounds), one extra proxy reaching every
 * service, and P policies of mixed kinds aimed at the services the proxies reach. The same
 * documents are generated in-process (`gen`) and imported into the real edge (the other scenarios).
 */
import type { ResourceRecord } from '../core/store/store'

export interface SynthParams {
  services: number
  instances: number
  /** reach is how many services each proxy has outbounds to (20 in the issue). */
  reach: number
  policies: number
  /** proxies caps the number of Dataplanes (default services x instances). */
  proxies?: number
  /** allProxy adds Dataplane `all-0` with an outbound to every service. */
  allProxy: boolean
  mesh?: string
  zone?: string
}

type Doc = Record<string, unknown>

export const svcName = (i: number) => `svc-${String(i).padStart(4, '0')}`
export const dpName = (s: number, k: number) => `${svcName(s)}-${k}`
export const ALL_PROXY = 'all-0'

const ip = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`

function dataplaneDoc(mesh: string, name: string, service: string, n: number, targets: number[]) {
  return {
    type: 'Dataplane',
    mesh,
    name,
    networking: {
      address: ip(n + 1),
      inbound: [{ port: 8080, tags: { 'kuma.io/service': service, 'kuma.io/protocol': 'http' } }],
      outbound: targets.map((t, j) => ({
        port: 10001 + j,
        backendRef: { kind: 'MeshService', name: svcName(t), port: 80 },
      })),
    },
  }
}

/** reachOf lists the services proxy of service s reaches: the next R, wrapping. */
export function reachOf(s: number, p: SynthParams): number[] {
  const r = Math.min(p.reach, p.services - 1)
  return Array.from({ length: r }, (_, j) => (s + 1 + j) % p.services)
}

/** policyDocs is P policies of mixed kinds; policy k aims at service k % min(S, 40). */
export function policyDocs(p: SynthParams): Doc[] {
  const mesh = p.mesh ?? 'default'
  const out: Doc[] = []
  const spread = Math.max(1, Math.min(p.services, 40))
  const kinds = [
    'MeshTimeout',
    'MeshRetry',
    'MeshCircuitBreaker',
    'MeshHealthCheck',
    'MeshHTTPRoute',
    'MeshLoadBalancingStrategy',
    'MeshTimeout',
    'MeshRetry',
  ]
  for (let k = 0; k < p.policies; k++) {
    const target = svcName(k % spread)
    const to = { kind: 'MeshService', name: target }
    const base = { mesh, targetRef: { kind: 'Mesh' } }
    // a few mesh-wide ones, as real meshes have
    if (k === 0) {
      out.push({
        type: 'MeshTrafficPermission',
        name: 'allow-all',
        ...base,
        spec: {
          targetRef: { kind: 'Mesh' },
          from: [{ targetRef: { kind: 'Mesh' }, default: { action: 'Allow' } }],
        },
      })
      continue
    }
    if (k === 1) {
      out.push({
        type: 'MeshAccessLog',
        name: 'access-log',
        ...base,
        spec: {
          targetRef: { kind: 'Mesh' },
          to: [
            {
              targetRef: { kind: 'Mesh' },
              default: { backends: [{ type: 'File', file: { path: '/dev/stdout' } }] },
            },
          ],
        },
      })
      continue
    }
    const kind = kinds[k % kinds.length]
    const name = `${kind.toLowerCase()}-${k}`
    let conf: Doc
    switch (kind) {
      case 'MeshTimeout':
        conf = { connectionTimeout: `${2 + (k % 5)}s`, http: { requestTimeout: '15s' } }
        break
      case 'MeshRetry':
        conf = { http: { numRetries: 3, backOff: { baseInterval: '25ms', maxInterval: '250ms' } } }
        break
      case 'MeshCircuitBreaker':
        conf = {
          connectionLimits: { maxConnections: 1024, maxPendingRequests: 128 },
          outlierDetection: { disabled: false, detectors: { totalFailures: { consecutive: 5 } } },
        }
        break
      case 'MeshHealthCheck':
        conf = {
          interval: '10s',
          timeout: '2s',
          unhealthyThreshold: 3,
          healthyThreshold: 1,
          http: { path: '/health' },
        }
        break
      case 'MeshLoadBalancingStrategy':
        conf = { loadBalancer: { type: 'LeastRequest' } }
        break
      default:
        conf = {}
    }
    if (kind === 'MeshHTTPRoute') {
      out.push({
        type: kind,
        name,
        ...base,
        spec: {
          targetRef: { kind: 'Mesh' },
          to: [
            {
              targetRef: to,
              rules: [
                {
                  matches: [{ path: { type: 'PathPrefix', value: '/v2' } }],
                  default: { backendRefs: [{ kind: 'MeshService', name: target, port: 80 }] },
                },
              ],
            },
          ],
        },
      })
    } else {
      out.push({
        type: kind,
        name,
        ...base,
        spec: { targetRef: { kind: 'Mesh' }, to: [{ targetRef: to, default: conf }] },
      })
    }
  }
  return out
}

/**
 * synthDocs is the mesh as universal-format documents (what `kumoctl apply` or the operator
 * import take), Mesh first. Dataplanes and MeshServices carry the zone's labels; policies are
 * written through the API separately (they go through validation).
 */
export function synthDocs(p: SynthParams): { infra: Doc[]; policies: Doc[] } {
  const mesh = p.mesh ?? 'default'
  const zone = p.zone ?? 'default'
  const labels = { 'kuma.io/origin': 'zone', 'kuma.io/zone': zone, 'kuma.io/mesh': mesh }
  const infra: Doc[] = []
  for (let s = 0; s < p.services; s++) {
    infra.push({
      type: 'MeshService',
      mesh,
      name: svcName(s),
      labels,
      spec: {
        selector: { dataplaneTags: { 'kuma.io/service': svcName(s) } },
        ports: [{ port: 80, targetPort: 8080, appProtocol: 'http', name: 'http' }],
      },
    })
  }
  let n = 0
  const cap = p.proxies ?? p.services * p.instances
  for (let s = 0; s < p.services; s++) {
    for (let k = 0; k < p.instances && n < cap; k++) {
      infra.push({ ...dataplaneDoc(mesh, dpName(s, k), svcName(s), n++, reachOf(s, p)), labels })
    }
  }
  if (p.allProxy) {
    const all = Array.from({ length: p.services }, (_, i) => i)
    infra.push({ ...dataplaneDoc(mesh, ALL_PROXY, 'all', 0xfe0000, all), labels })
  }
  return { infra, policies: policyDocs(p) }
}

/** proxyNames lists the Dataplanes of the mesh (the proxies the load generator plays). */
export function proxyNames(p: SynthParams): string[] {
  const out: string[] = []
  const cap = p.proxies ?? p.services * p.instances
  for (let s = 0; s < p.services; s++)
    for (let k = 0; k < p.instances && out.length < cap; k++) out.push(dpName(s, k))
  if (p.allProxy) out.push(ALL_PROXY)
  return out
}

const T0 = '2024-01-01T00:00:00Z'

/** toRecord turns a document into the stored record the core reads (as the store gives it). */
export function toRecord(d: Doc): ResourceRecord {
  const { type, mesh, name, labels, spec, ...rest } = d as Doc & {
    type: string
    mesh?: string
    name: string
    labels?: Record<string, string>
    spec?: Record<string, unknown>
  }
  return {
    type,
    mesh: type === 'Mesh' ? '' : (mesh ?? 'default'),
    name,
    labels: labels ?? {},
    spec: spec ?? rest,
    version: 1,
    creationTime: T0,
    modificationTime: T0,
  }
}

/** meshRecord is mesh `default` with MeshServices in Exclusive mode. */
export const meshDoc = (mesh = 'default') => ({
  type: 'Mesh',
  name: mesh,
  meshServices: { mode: 'Exclusive' },
})
