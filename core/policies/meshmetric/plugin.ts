/**
 * @module MeshMetric's effect on Envoy resources (Kuma `meshmetric/plugin/v1alpha1`): a Prometheus
 * listener per Prometheus backend forwarding to kuma-dp's metrics hijacker, a listener and
 * collector cluster per OpenTelemetry backend, and the `_kuma:dynamicconfig` route that hands
 * kuma-dp its metrics config. Nothing happens when no MeshMetric selects the proxy.
 */
import {
  ANY_TYPE,
  hcmFilter,
  internalAddressConfig,
  routerFilter,
  socketAddress,
  statName,
} from '../../xds/generator/envoy'
import { matchedOf, PLUGIN_ORDER, type ApplyResult, type PolicyPlugin } from '../../xds/plugin'
import type { Proxy } from '../../xds/proxy'
import type { Json, ResourceSet } from '../../xds/resource-set'
import { TypeUrl } from '../../xds/snapshot'
import {
  cleanName,
  collectorCluster,
  dataplaneIsIpv6,
  parseOtelEndpoint,
  systemName,
} from '../meshtrace/collector'
import { addConfigRoute, goJson, socketName, workdirOf } from './dynconf'
import { backendNameFrom, dynamicConfig, isZoneProxyOnly } from './dpconfig'
import type { Conf, OpenTelemetryBackend, PrometheusBackend } from './types'

/** PROMETHEUS_LISTENER prefixes each Prometheus backend's listener (Kuma `PrometheusListenerName`). */
export const PROMETHEUS_LISTENER = '_kuma:metrics:prometheus'
/** METRICS_HIJACKER is the cluster of kuma-dp's metrics hijacker socket. */
export const METRICS_HIJACKER = '_kuma:metrics:hijacker'
const DEFAULT_BACKEND_NAME = 'default-backend'
/** STATS_PATH is where kuma-dp's hijacker serves the merged metrics (Kuma `PrometheusDataplaneStatsPath`). */
const STATS_PATH = '/meshmetric'
const DPAPI_PATH = '/meshmetric'
const FEATURE_REUSE_PORT = 'feature-reuse-port'

/** staticEndpointsHcm is Kuma's `StaticEndpoints`: one route from `path` to `cluster`. */
function staticEndpointsHcm(listenerName: string, cluster: string, path: string, rewrite?: string) {
  const route: Json = { cluster }
  if (rewrite) route.prefixRewrite = rewrite
  return {
    statPrefix: statName(listenerName),
    httpFilters: [routerFilter()],
    internalAddressConfig: internalAddressConfig(false),
    routeConfig: {
      validateClusters: false,
      virtualHosts: [
        { name: listenerName, domains: ['*'], routes: [{ match: { prefix: path }, route }] },
      ],
    },
  }
}

function configurePrometheus(
  rs: ResourceSet,
  proxy: Proxy,
  backend: PrometheusBackend,
  unified: boolean,
): void {
  const backendName = backend.clientId ?? DEFAULT_BACKEND_NAME
  const system = systemName('meshmetric_prometheus', cleanName(backendName))
  const listenerName = unified ? system : `${PROMETHEUS_LISTENER}:${backendName}`
  const clusterName = unified ? system : METRICS_HIJACKER
  const workdir = workdirOf(proxy)
  const cluster = collectorCluster(clusterName, {
    unixDomainPath: socketName(`${workdir}/kuma-mh-${proxy.dataplane.name}-${proxy.mesh}`),
  })
  rs.add({ typeUrl: TypeUrl.Cluster, name: clusterName, origin: 'prometheus', resource: cluster })

  const hcm = staticEndpointsHcm(listenerName, clusterName, backend.path ?? '/metrics', STATS_PATH)
  const chains: Json[] = []
  const certPath = proxy.metadata.metricsCertPath ?? ''
  const keyPath = proxy.metadata.metricsKeyPath ?? ''
  if (backend.tls?.mode === 'ProvidedTLS' && certPath && keyPath) {
    // a plain-text chain for the proxy scraping itself, beside the TLS one for everyone else
    chains.push(
      { filterChainMatch: { transportProtocol: 'tls' }, filters: [hcmFilter(hcm)] },
      {
        filters: [
          hcmFilter(
            staticEndpointsHcm(listenerName, clusterName, backend.path ?? '/metrics', STATS_PATH),
          ),
        ],
        transportSocket: {
          name: 'envoy.transport_sockets.tls',
          typedConfig: {
            '@type': ANY_TYPE.DownstreamTls,
            commonTlsContext: {
              tlsCertificates: [
                { certificateChain: { filename: certPath }, privateKey: { filename: keyPath } },
              ],
            },
          },
        },
      },
    )
  } else {
    chains.push({ filters: [hcmFilter(hcm)] })
  }
  const listener: Json = {
    name: listenerName,
    address: socketAddress(proxy.spec.networking?.address ?? '', backend.port ?? 5670),
    enableReusePort: (proxy.metadata.features ?? []).includes(FEATURE_REUSE_PORT),
    filterChains: chains,
    trafficDirection: 'INBOUND',
  }
  if (unified) listener.statPrefix = listenerName
  rs.add({
    typeUrl: TypeUrl.Listener,
    name: listenerName,
    origin: 'prometheus',
    resource: listener,
  })
}

function configureOpenTelemetry(
  rs: ResourceSet,
  proxy: Proxy,
  backend: OpenTelemetryBackend,
  unified: boolean,
): void {
  const endpoint = backend.endpoint ?? ''
  if (!endpoint) return
  const backendName = backendNameFrom(endpoint)
  const ep = parseOtelEndpoint(endpoint)
  const hostIp = proxy.metadata.dynamicMetadata?.['kuma.io/host-ip'] ?? ''
  const target = ep.target || hostIp || '127.0.0.1'
  const system = systemName('meshmetric_otel', cleanName(backendName))
  const name = unified ? system : `_kuma:metrics:opentelemetry:${backendName}`
  const cluster = collectorCluster(
    name,
    { target, port: ep.port },
    { ipv6: dataplaneIsIpv6(proxy.spec.networking?.address), http2: true },
  )
  rs.add({ typeUrl: TypeUrl.Cluster, name, origin: 'open-telemetry', resource: cluster })
  const hcm = staticEndpointsHcm(name, name, '/')
  hcm.httpFilters = [
    {
      name: 'envoy.filters.http.grpc_stats',
      typedConfig: { '@type': ANY_TYPE.GrpcStats, emitFilterState: true },
    },
    routerFilter(),
  ]
  const listener: Json = {
    name,
    address: { pipe: { path: socketName(`${workdirOf(proxy)}/kuma-otel-${backendName}`) } },
    filterChains: [{ filters: [hcmFilter(hcm)] }],
  }
  if (unified) listener.statPrefix = name
  rs.add({ typeUrl: TypeUrl.Listener, name, origin: 'open-telemetry', resource: listener })
}

/** removeMeshPrometheus drops the Mesh-level `metrics` listener and cluster, MeshMetric wins. */
function removeMeshPrometheus(rs: ResourceSet): boolean {
  const listeners = rs.listOf(TypeUrl.Listener, 'prometheus')
  const clusters = rs.listOf(TypeUrl.Cluster, 'prometheus')
  if (listeners.length === 0 || clusters.length === 0) return false
  for (const l of listeners) rs.remove(TypeUrl.Listener, l.name)
  for (const c of clusters) rs.remove(TypeUrl.Cluster, c.name)
  return true
}

function apply(rs: ResourceSet, _ctx: unknown, proxy: Proxy): ApplyResult {
  const rule = matchedOf(proxy, 'MeshMetric').singleItemRules.rules[0]
  if (!rule) return
  const conf = { ...(rule.conf as Conf) }
  if (isZoneProxyOnly(proxy.spec) && conf.applications?.length) conf.applications = undefined
  const backends = conf.backends ?? []
  if (backends.length === 0) return
  const warnings: string[] = []
  if (removeMeshPrometheus(rs)) {
    warnings.push(
      'MeshMetric takes precedence over the metrics configured in the Mesh; do not use both',
    )
  }
  const prometheus = backends.flatMap((b) =>
    b.type === 'Prometheus' && b.prometheus ? [b.prometheus] : [],
  )
  const otel = backends.flatMap((b) =>
    b.type === 'OpenTelemetry' && b.openTelemetry ? [b.openTelemetry] : [],
  )
  const unified = proxy.unifiedNaming
  for (const b of prometheus) configurePrometheus(rs, proxy, b, unified)
  for (const b of otel) {
    if (b.backendRef) {
      warnings.push('OpenTelemetry backendRef (MeshOpenTelemetryBackend) is not supported yet')
    }
    configureOpenTelemetry(rs, proxy, b, unified)
  }
  const body = goJson(dynamicConfig(conf, proxy, prometheus.length > 0, otel))
  addConfigRoute(rs, proxy, unified, unified ? 'meshmetric' : DPAPI_PATH, DPAPI_PATH, body)
  return warnings.length > 0 ? { warnings } : undefined
}

/** plugin is MeshMetric's PolicyPlugin. */
export const plugin: PolicyPlugin = {
  kind: 'MeshMetric',
  order: PLUGIN_ORDER.MeshMetric,
  apply,
}
