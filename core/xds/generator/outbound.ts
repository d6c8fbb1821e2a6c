/**
 * @module Outbound listeners, clusters and endpoints with their default route (what Kuma's
 * MeshHTTPRoute and MeshTCPRoute plugins generate when no route selects an outbound, via
 * `meshroute.GenerateClusters`/`GenerateEndpoints`). Route plugins refine these.
 */
import { hashHttpMatches } from '../../inspect/http-matches'
import type { MeshContext } from '../../meshcontext'
import type { MeshService } from '../../resources/kinds/meshservice/types'
import type { ResourceRecord } from '../../store/store'
import type { Proxy, ProxyOutbound } from '../proxy'
import type { Json, ResourceSet } from '../resource-set'
import { TypeUrl } from '../snapshot'
import {
  ANY_TYPE,
  edsCluster,
  hcmFilter,
  httpProtocolOptions,
  internalAddressConfig,
  routerFilter,
  socketAddress,
  sortedObject,
  statName,
  tagsMetadata,
  tcpProxyFilter,
  upstreamMtls,
} from './envoy'
import { sniForDestination } from './names'
import { meshIndexes, type Endpoint } from './prepare'

const SERVICE_TAG = 'kuma.io/service'
const ZONE_TAG = 'kuma.io/zone'

/** DEFAULT_ROUTE_NAME is the name Kuma gives the catch-all route: the hash of its matches. */
export const DEFAULT_ROUTE_NAME = hashHttpMatches([{ path: { type: 'PathPrefix', value: '/' } }])

export type { Endpoint } from './prepare'

const isHttp = (p: string) => p === 'http' || p === 'http2' || p === 'grpc'

/** serviceEndpoints are the ready inbounds tagged `kuma.io/service: service`, in Dataplane order. */
export const serviceEndpoints = (ctx: MeshContext, service: string): Endpoint[] =>
  meshIndexes(ctx).serviceEndpoints(service)

/** meshServiceEndpoints are the inbounds a MeshService port targets on the Dataplanes it selects. */
export const meshServiceEndpoints = (
  ctx: MeshContext,
  ms: ResourceRecord,
  portValue: number,
): Endpoint[] => meshIndexes(ctx).meshServiceEndpoints(ms, portValue)

function destinationEndpoints(ctx: MeshContext, o: ProxyOutbound): Endpoint[] {
  const r = o.destination!.resource
  if (r.type === 'MeshService') return meshServiceEndpoints(ctx, r, o.destinationPort!.value)
  if (r.type === 'MeshMultiZoneService') {
    const labels =
      (r.spec as { selector?: { meshService?: { matchLabels?: Record<string, string> } } }).selector
        ?.meshService?.matchLabels ?? {}
    return ctx.resources
      .list('MeshService')
      .filter((ms) => Object.entries(labels).every(([k, v]) => ms.labels[k] === v))
      .flatMap((ms) => meshServiceEndpoints(ctx, ms, o.destinationPort!.value))
  }
  return []
}

/**
 * clusterLoadAssignment is Kuma's `ToLocalityLbEndpoints`: endpoints grouped by their
 * `kuma.io/zone` (groups without a zone first), tags other than `kuma.io/service` as
 * `envoy.lb` and `envoy.transport_socket_match` metadata.
 */
export function clusterLoadAssignment(name: string, endpoints: readonly Endpoint[]): Json {
  const byZone = new Map<string, Json[]>()
  for (const e of endpoints) {
    const zone = e.tags[ZONE_TAG] ?? ''
    const { [SERVICE_TAG]: _, ...rest } = e.tags
    const lb: Json = { endpoint: { address: socketAddress(e.address, e.port) } }
    lb.loadBalancingWeight = e.weight
    if (Object.keys(rest).length > 0) {
      const tags = sortedObject(rest)
      lb.metadata = {
        filterMetadata: { 'envoy.lb': tags, 'envoy.transport_socket_match': { ...tags } },
      }
    }
    byZone.set(zone, [...(byZone.get(zone) ?? []), lb])
  }
  const groups = [...byZone.keys()].sort().map((zone) => {
    const g: Json = {}
    if (zone) g.locality = { zone }
    g.lbEndpoints = byZone.get(zone)
    return g
  })
  const cla: Json = { clusterName: name }
  if (groups.length > 0) cla.endpoints = groups
  return cla
}

const SHARED_CLAS = new WeakMap<
  MeshContext,
  Map<string, { endpoints: readonly Endpoint[]; cla: Json }>
>()

/**
 * sharedClusterLoadAssignment is `clusterLoadAssignment` built once per mesh revision for a
 * cluster name and endpoint set, and shared (deeply frozen) by every proxy generated from the
 * same context: plugins that change a CLA for one proxy edit a copy (copy-on-write), and the
 * content hash of a frozen body is computed once.
 */
export function sharedClusterLoadAssignment(
  ctx: MeshContext,
  name: string,
  endpoints: readonly Endpoint[],
): Json {
  let byName = SHARED_CLAS.get(ctx)
  if (!byName) SHARED_CLAS.set(ctx, (byName = new Map()))
  const hit = byName.get(name)
  if (
    hit &&
    hit.endpoints.length === endpoints.length &&
    hit.endpoints.every((e, i) => e === endpoints[i])
  ) {
    return hit.cla
  }
  const cla = deepFreeze(clusterLoadAssignment(name, endpoints))
  byName.set(name, { endpoints: [...endpoints], cla })
  return cla
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    for (const child of Object.values(v)) deepFreeze(child)
    Object.freeze(v)
  }
  return v
}

function sansOf(proxy: Proxy, o: ProxyOutbound): string[] {
  if (o.service) return [`spiffe://${proxy.mesh}/${o.service}`]
  const identities = (o.destination!.resource.spec as MeshService).identities ?? []
  return identities
    .filter((i) => i.type === 'ServiceTag')
    .map((i) => `spiffe://${proxy.mesh}/${i.value}`)
    .sort()
}

function outboundListener(o: ProxyOutbound, routeConfigName: string): Json {
  const statPrefix = statName(o.statPrefix)
  let filter: Json
  if (isHttp(o.protocol)) {
    const httpFilters: Json[] = []
    if (o.protocol === 'grpc') {
      httpFilters.push({
        name: 'envoy.filters.http.grpc_stats',
        typedConfig: {
          '@type': ANY_TYPE.GrpcStats,
          emitFilterState: true,
          statsForAllMethods: true,
        },
      })
    }
    httpFilters.push(routerFilter())
    filter = hcmFilter({
      statPrefix,
      httpFilters,
      internalAddressConfig: internalAddressConfig(false),
      normalizePath: true,
      routeConfig: {
        name: routeConfigName,
        validateClusters: false,
        virtualHosts: [
          {
            name: o.clusterName,
            domains: ['*'],
            routes: [
              {
                match: { prefix: '/' },
                name: DEFAULT_ROUTE_NAME,
                route: { cluster: o.clusterName, timeout: '0s' },
              },
            ],
          },
        ],
      },
    })
  } else {
    filter = tcpProxyFilter(statPrefix, o.clusterName)
  }
  const tags = o.kri
    ? { 'kuma.io/unified-name': o.kri }
    : Object.fromEntries(Object.entries(o.tags).filter(([k]) => k !== 'kuma.io/mesh'))
  return {
    name: o.listenerName,
    address: socketAddress(o.address, o.port),
    filterChains: [{ filters: [filter] }],
    metadata: tagsMetadata(tags),
    trafficDirection: 'OUTBOUND',
    ...(o.kri && o.listenerName === o.kri ? { statPrefix: o.kri } : {}),
  }
}

/** generateOutbounds adds a listener, a cluster and endpoints for every outbound of the proxy. */
export function generateOutbounds(rs: ResourceSet, ctx: MeshContext, proxy: Proxy): void {
  for (const o of proxy.outbounds) {
    const external = o.destination?.resource.type === 'MeshExternalService'
    const common = { origin: 'outbound' as const, resourceOrigin: o.kri, protocol: o.protocol }
    const routeConfigName = o.kri ?? `outbound:${o.service}`
    rs.add({
      ...common,
      typeUrl: TypeUrl.Listener,
      name: o.listenerName,
      resource: outboundListener(o, routeConfigName),
    })
    if (rs.get(TypeUrl.Cluster, o.clusterName)) continue
    if (external) {
      rs.add({
        ...common,
        typeUrl: TypeUrl.Cluster,
        name: o.clusterName,
        resource: externalCluster(o),
      })
      continue
    }
    const cluster = edsCluster(o.clusterName)
    cluster.typedExtensionProtocolOptions = httpProtocolOptions(true)
    if (proxy.mtls) {
      const sni = o.service ? o.service : sniForDestination(o.destination!, o.destinationPort!)
      cluster.transportSocket = upstreamMtls(sni, sansOf(proxy, o), proxy.mtls)
    }
    rs.add({ ...common, typeUrl: TypeUrl.Cluster, name: o.clusterName, resource: cluster })
    const endpoints = o.service ? serviceEndpoints(ctx, o.service) : destinationEndpoints(ctx, o)
    rs.add({
      ...common,
      typeUrl: TypeUrl.ClusterLoadAssignment,
      name: o.clusterName,
      resource: sharedClusterLoadAssignment(ctx, o.clusterName, endpoints),
    })
  }
}

/** externalCluster is a MeshExternalService's cluster with its endpoints inline (no ZoneEgress). */
function externalCluster(o: ProxyOutbound): Json {
  const spec = o.destination!.resource.spec as { endpoints?: { address?: string; port?: number }[] }
  const eps = spec.endpoints ?? []
  const dns = eps.some((e) => !/^[0-9.]+$|:/.test(e.address ?? ''))
  const c: Json = {
    name: o.clusterName,
    type: dns ? 'STRICT_DNS' : 'STATIC',
    loadAssignment: {
      clusterName: o.clusterName,
      endpoints: [
        {
          lbEndpoints: eps.map((e) => ({
            endpoint: { address: socketAddress(e.address ?? '', e.port ?? 0) },
            loadBalancingWeight: 1,
          })),
        },
      ],
    },
  }
  if (o.protocol === 'http') c.typedExtensionProtocolOptions = httpProtocolOptions(false)
  if (o.protocol === 'http2' || o.protocol === 'grpc') {
    c.typedExtensionProtocolOptions = httpProtocolOptions(true)
  }
  return c
}
