/** @module Hand-built xDS snapshots for a proxyless gRPC service, and an ADS server on loopback. */
import { type EnvoyResource, newSnapshot, type Snapshot, TypeUrl } from '../../core/xds/snapshot'
import { AdsServer, type AdsServerOptions } from '../../agent/ads/server'
import { SnapshotCache } from '../../agent/ads/cache'
import { silentLogger } from '../../agent/log'

const HCM =
  'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager'
const ROUTER = 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router'

export const CDS = TypeUrl.Cluster
export const EDS = TypeUrl.ClusterLoadAssignment
export const LDS = TypeUrl.Listener
export const RDS = TypeUrl.RouteConfiguration

/** GrpcService describes what the hand-built snapshot routes: `service` to `routeTo`'s backends. */
export interface GrpcService {
  service: string
  /** backends maps cluster name to the loopback ports of its endpoints. */
  backends: Record<string, number[]>
  /** routeTo names the cluster the default route sends to, or weights per cluster. */
  routeTo: string | Record<string, number>
  /** inlineRoute puts the RouteConfiguration inside the listener instead of RDS. */
  inlineRoute?: boolean
}

export function routeConfiguration(s: GrpcService): EnvoyResource {
  const route =
    typeof s.routeTo === 'string'
      ? { cluster: s.routeTo }
      : {
          weightedClusters: {
            clusters: Object.entries(s.routeTo).map(([name, weight]) => ({ name, weight })),
          },
        }
  return {
    name: `${s.service}-route`,
    virtualHosts: [{ name: s.service, domains: ['*'], routes: [{ match: { prefix: '' }, route }] }],
  }
}

export function listener(s: GrpcService): EnvoyResource {
  const routeSpecifier = s.inlineRoute
    ? { routeConfig: routeConfiguration(s) }
    : {
        rds: {
          configSource: { ads: {}, resourceApiVersion: 'V3' },
          routeConfigName: `${s.service}-route`,
        },
      }
  return {
    name: s.service,
    apiListener: {
      apiListener: {
        '@type': HCM,
        statPrefix: s.service,
        ...routeSpecifier,
        httpFilters: [{ name: 'envoy.filters.http.router', typedConfig: { '@type': ROUTER } }],
      },
    },
  }
}

export function cluster(name: string): EnvoyResource {
  return {
    name,
    type: 'EDS',
    connectTimeout: '1s',
    lbPolicy: 'ROUND_ROBIN',
    edsClusterConfig: { edsConfig: { ads: {}, resourceApiVersion: 'V3' } },
  }
}

export function loadAssignment(name: string, ports: number[]): EnvoyResource {
  return {
    clusterName: name,
    endpoints: [
      {
        locality: { zone: 'local' },
        loadBalancingWeight: 1,
        lbEndpoints: ports.map((portValue) => ({
          endpoint: { address: { socketAddress: { address: '127.0.0.1', portValue } } },
        })),
      },
    ],
  }
}

/** grpcSnapshot builds LDS (api_listener), RDS, CDS (EDS type) and EDS for one gRPC service. */
export function grpcSnapshot(s: GrpcService): Snapshot {
  const clusters: Record<string, EnvoyResource> = {}
  const endpoints: Record<string, EnvoyResource> = {}
  for (const [name, ports] of Object.entries(s.backends)) {
    clusters[name] = cluster(name)
    endpoints[name] = loadAssignment(name, ports)
  }
  return newSnapshot({
    [LDS]: { [s.service]: listener(s) },
    [RDS]: s.inlineRoute ? {} : { [`${s.service}-route`]: routeConfiguration(s) },
    [CDS]: clusters,
    [EDS]: endpoints,
  })
}

/** startAds starts an AdsServer with a fresh cache on an ephemeral loopback port. */
export async function startAds(options: Partial<AdsServerOptions> = {}) {
  const cache = options.cache ?? new SnapshotCache({ log: silentLogger })
  const server = new AdsServer({ log: silentLogger, ...options, cache })
  const port = await server.listen('127.0.0.1:0')
  return { cache, server, port, address: `127.0.0.1:${port}` }
}
