/**
 * @module ServiceInsight computed from a mesh's Dataplanes and their insights (Kuma
 * `insights/resyncer.go` createOrUpdateServiceInsight). Kuma recomputes it periodically and stores
 * one `all-services-<mesh>` resource; Kumo computes it on every read from the store instead, so it
 * is never stale and costs one read of the mesh's proxies.
 */
import { SERVICE_TAG, ZONE_TAG } from '../validators/tags'
import { dataplaneStatus, type InsightSpec } from './status'

export type ServiceType = 'internal' | 'external' | 'gateway_delegated' | 'gateway_builtin'
export type ServiceStatus = 'offline' | 'partially_degraded' | 'online' | 'not_available'

/** ServiceStat is ServiceInsight.Service in proto JSON (zero values left out). */
export interface ServiceStat {
  status?: ServiceStatus
  dataplanes: { total?: number; online?: number; offline?: number }
  issuedBackends?: Record<string, number>
  serviceType?: ServiceType
  addressPort?: string
  zones?: string[]
}

/** ProxyWithInsight is a Dataplane spec with the spec of its DataplaneInsight, if any. */
export interface ProxyWithInsight {
  dataplane: { networking?: Record<string, unknown> }
  insight?: InsightSpec
}

interface Networking {
  gateway?: { type?: string; tags?: Record<string, string> }
  inbound?: { state?: string; tags?: Record<string, string> }[]
}

/** SERVICE_TYPES are the values `?type=` accepts, as Kuma's enum names them. */
export const SERVICE_TYPES: readonly ServiceType[] = [
  'internal',
  'external',
  'gateway_delegated',
  'gateway_builtin',
]

/**
 * computeServiceInsight counts, per `kuma.io/service`, the proxies online and offline (a
 * partially degraded proxy counts as offline). In `Exclusive` MeshService mode only delegated
 * gateways are reported: other services are MeshServices there.
 */
export function computeServiceInsight(
  proxies: readonly ProxyWithInsight[],
  exclusiveMeshServices: boolean,
): Record<string, ServiceStat> {
  const services = new Map<string, ServiceStat & { online: number; offline: number }>()
  const zones = new Map<string, Set<string>>()
  const add = (type: ServiceType, name: string | undefined, p: ProxyWithInsight, zone?: string) => {
    if (!name) return
    let s = services.get(name)
    if (!s) {
      s = { dataplanes: {}, issuedBackends: {}, serviceType: type, online: 0, offline: 0 }
      services.set(name, s)
    }
    const backend = p.insight?.mTLS?.issuedBackend
    if (backend) s.issuedBackends![backend] = (s.issuedBackends![backend] ?? 0) + 1
    const status = dataplaneStatus(p.dataplane.networking, p.insight)
    if (status === 'Online') s.online++
    else s.offline++
    if (zone) zones.set(name, (zones.get(name) ?? new Set()).add(zone))
  }
  for (const p of proxies) {
    const networking = (p.dataplane.networking ?? {}) as Networking
    const gw = networking.gateway
    if (gw) {
      const type: ServiceType = gw.type === 'BUILTIN' ? 'gateway_builtin' : 'gateway_delegated'
      if (!exclusiveMeshServices || type === 'gateway_delegated') {
        add(type, gw.tags?.[SERVICE_TAG], p, gw.tags?.[ZONE_TAG])
      }
      continue
    }
    if (exclusiveMeshServices) continue
    for (const inbound of networking.inbound ?? []) {
      if (inbound.state === 'Ignored') continue
      add('internal', inbound.tags?.[SERVICE_TAG], p, inbound.tags?.[ZONE_TAG])
    }
  }
  const out: Record<string, ServiceStat> = {}
  for (const name of [...services.keys()].sort()) {
    const { online, offline, ...s } = services.get(name)!
    s.status =
      online === 0 ? 'offline' : online === online + offline ? 'online' : 'partially_degraded'
    s.dataplanes = pruneZeros({ online, offline })
    if (Object.keys(s.issuedBackends!).length === 0) delete s.issuedBackends
    const z = zones.get(name)
    if (z) s.zones = [...z].sort()
    out[name] = s
  }
  return out
}

/**
 * serviceView is what the API prints for one service (Kuma `fillStaticInfo`): total = online +
 * offline, the internal type left out (proto's zero value), and an internal service's
 * `addressPort` from the DNS domain and VIP port.
 */
export function serviceView(name: string, stat: ServiceStat | undefined): Record<string, unknown> {
  const s = stat ?? { dataplanes: {} }
  const online = s.dataplanes.online ?? 0
  const offline = s.dataplanes.offline ?? 0
  const out: Record<string, unknown> = {}
  if (s.status) out.status = s.status
  out.dataplanes = pruneZeros({ total: online + offline, online, offline })
  if (s.issuedBackends) out.issuedBackends = s.issuedBackends
  const type = s.serviceType ?? 'internal'
  if (type !== 'internal') out.serviceType = type
  out.addressPort = type === 'internal' ? addressPortOf(name) : s.addressPort
  if (out.addressPort === undefined || out.addressPort === '') delete out.addressPort
  if (s.zones && s.zones.length > 0) out.zones = s.zones
  return out
}

/** DNS_DOMAIN and SERVICE_VIP_PORT are kuma-cp's defaults (`dnsServer.domain`, `serviceVipPort`). */
const DNS_DOMAIN = 'mesh'
const SERVICE_VIP_PORT = 80

/** addressPortOf is kuma-cp's addressPortGenerator: `<service>.mesh:80`. */
export function addressPortOf(service: string): string {
  return `${service}.${DNS_DOMAIN}:${SERVICE_VIP_PORT}`
}

/** pruneZeros drops zero numbers, as proto JSON leaves zero values out. */
export function pruneZeros<T extends Record<string, number>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== 0)) as Partial<T>
}
