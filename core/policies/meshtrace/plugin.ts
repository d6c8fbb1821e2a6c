/**
 * @module MeshTrace's effect on Envoy resources (Kuma `meshtrace/plugin/v1alpha1` and its
 * `xds.Configurer`): HCM `tracing` on inbound and outbound HTTP listeners, and the collector
 * cluster of the one backend. Nothing happens when no MeshTrace selects the proxy.
 */
import { legacyDestinationName } from '../../xds/generator/names'
import { matchedOf, type PolicyPlugin, PLUGIN_ORDER } from '../../xds/plugin'
import type { Proxy } from '../../xds/proxy'
import type { Json, ResourceSet } from '../../xds/resource-set'
import { TypeUrl } from '../../xds/snapshot'
import {
  cleanName,
  collectorCluster,
  dataplaneIsIpv6,
  hcmsOf,
  identifyingService,
  parseOtelEndpoint,
  parseUrl,
  systemName,
  workloadKri,
  type CollectorEndpoint,
} from './collector'
import type { Backend, Conf, Tag } from './types'

const TYPE = (n: string) => `type.googleapis.com/envoy.config.trace.v3.${n}`

type Direction = 'INBOUND' | 'OUTBOUND' | 'UNSPECIFIED'

interface ListenerValues {
  service: string
  direction: Direction
  destination: string
  mesh: string
  zone: string
  workload: string
  unified: boolean
}

/** collectorName is the cluster of the backend: `meshtrace:<provider>`, or a system name. */
function collectorName(backend: Backend, unified: boolean): string | undefined {
  if (backend.zipkin) {
    return unified
      ? systemName('meshtrace_zipkin', cleanName(backend.zipkin.url))
      : 'meshtrace:zipkin'
  }
  if (backend.datadog) {
    return unified
      ? systemName('meshtrace_datadog', cleanName(backend.datadog.url))
      : 'meshtrace:datadog'
  }
  if (backend.openTelemetry?.endpoint) {
    return unified
      ? systemName('meshtrace_otel', cleanName(backend.openTelemetry.endpoint))
      : 'meshtrace:opentelemetry'
  }
  return undefined
}

/** percent is Kuma's `envoyPercent`: an int or a decimal string, as a float. */
const percent = (v: number | string) => ({ value: Number(v) })

const literalTag = (tag: string, value: string): Json => ({ tag, literal: { value } })

function customTags(tags: readonly Tag[]): Json[] {
  return tags.map((t) => {
    if (!t.header) return literalTag(t.name, t.literal ?? '')
    const requestHeader: Json = { name: t.header.name }
    if (t.header.default) requestHeader.defaultValue = t.header.default
    return { tag: t.name, requestHeader }
  })
}

function datadogServiceName(conf: Conf, v: ListenerValues): string {
  if (!conf.backends?.[0]?.datadog?.splitService) return v.service
  if (v.direction === 'INBOUND') return `${v.service}_INBOUND`
  if (v.direction === 'OUTBOUND') return `${v.service}_OUTBOUND_${v.destination}`
  return v.service
}

function provider(conf: Conf, cluster: string, v: ListenerValues): Json | undefined {
  const b = conf.backends![0]
  if (b.zipkin) {
    const url = parseUrl(b.zipkin.url)
    const typed: Json = {
      '@type': TYPE('ZipkinConfig'),
      collectorCluster: cluster,
      collectorEndpoint: url.path,
      collectorHostname: url.host,
      sharedSpanContext: b.zipkin.sharedSpanContext ?? true,
    }
    if (b.zipkin.traceId128bit) typed.traceId128bit = true
    typed.collectorEndpointVersion =
      b.zipkin.apiVersion === 'httpProto' ? 'HTTP_PROTO' : 'HTTP_JSON'
    return { name: 'envoy.tracers.zipkin', typedConfig: typed }
  }
  if (b.datadog) {
    return {
      name: 'envoy.tracers.datadog',
      typedConfig: {
        '@type': TYPE('DatadogConfig'),
        collectorCluster: cluster,
        serviceName: datadogServiceName(conf, v),
      },
    }
  }
  if (b.openTelemetry) {
    return {
      name: 'envoy.tracers.opentelemetry',
      typedConfig: {
        '@type': TYPE('OpenTelemetryConfig'),
        grpcService: { envoyGrpc: { clusterName: cluster } },
        serviceName: v.service,
      },
    }
  }
  return undefined
}

/** configureListener sets `tracing` on every HCM of the listener (Kuma `Configurer.Configure`). */
function configureListener(listener: Json, conf: Conf, v: ListenerValues): void {
  const backend = conf.backends?.[0]
  if (!backend) return
  const cluster = collectorName(backend, v.unified)
  if (!cluster) return
  for (const hcm of hcmsOf(listener)) {
    const tracing: Json = { spawnUpstreamSpan: false }
    const s = conf.sampling
    if (s?.overall !== undefined) tracing.overallSampling = percent(s.overall)
    if (s?.client !== undefined) tracing.clientSampling = percent(s.client)
    if (s?.random !== undefined) tracing.randomSampling = percent(s.random)
    const tags = conf.tags ? customTags(conf.tags) : []
    for (const [key, val] of [
      ['kuma.mesh', v.mesh],
      ['kuma.zone', v.zone],
      ['kuma.workload', v.workload],
    ]) {
      if (val && !tags.some((t) => t.tag === key)) tags.push(literalTag(key, val))
    }
    if (tags.length > 0) tracing.customTags = tags
    const p = provider(conf, cluster, v)
    if (p) tracing.provider = p
    hcm.tracing = tracing
  }
}

function endpointOf(backend: Backend): { ep: CollectorEndpoint; http2: boolean } | undefined {
  if (backend.zipkin) {
    const u = parseUrl(backend.zipkin.url)
    return { ep: { target: u.hostname, port: u.port, tls: u.scheme === 'https' }, http2: false }
  }
  if (backend.datadog) {
    const u = parseUrl(backend.datadog.url)
    return { ep: { target: u.hostname, port: u.port }, http2: false }
  }
  if (backend.openTelemetry?.endpoint) {
    return { ep: parseOtelEndpoint(backend.openTelemetry.endpoint), http2: true }
  }
  return undefined
}

function addCollectorCluster(rs: ResourceSet, proxy: Proxy, conf: Conf): void {
  const backend = conf.backends?.[0]
  if (!backend) return
  const name = collectorName(backend, proxy.unifiedNaming)
  const target = endpointOf(backend)
  if (!name || !target) return
  rs.add({
    typeUrl: TypeUrl.Cluster,
    name,
    origin: 'mesh-trace',
    resource: collectorCluster(name, target.ep, {
      ipv6: dataplaneIsIpv6(proxy.spec.networking?.address),
      http2: target.http2,
    }),
  })
}

/** plugin is MeshTrace's PolicyPlugin. */
export const plugin: PolicyPlugin = {
  kind: 'MeshTrace',
  order: PLUGIN_ORDER.MeshTrace,
  apply(rs, _ctx, proxy) {
    const rules = matchedOf(proxy, 'MeshTrace').singleItemRules.rules
    if (rules.length === 0) return
    const conf = rules[0].conf as Conf
    const warnings: string[] = []
    if (conf.backends?.[0]?.openTelemetry?.backendRef) {
      warnings.push('OpenTelemetry backendRef (MeshOpenTelemetryBackend) is not supported yet')
      return { warnings }
    }
    const base = {
      service: identifyingService(proxy.spec),
      mesh: proxy.mesh,
      zone: proxy.zone,
      workload: workloadKri(proxy.mesh, proxy.zone, proxy.dataplane.labels),
      unified: proxy.unifiedNaming,
      destination: '',
    }
    for (const inbound of proxy.inbounds) {
      const l = rs.get(TypeUrl.Listener, inbound.listenerName)
      if (l?.origin !== 'inbound') continue
      configureListener(l.resource, conf, { ...base, direction: 'INBOUND' })
    }
    for (const o of proxy.outbounds) {
      const l = rs.get(TypeUrl.Listener, o.listenerName)
      if (!l || l.origin !== 'outbound') continue
      if (o.destination?.resource.type === 'MeshExternalService') continue
      const destination = o.service ?? legacyDestinationName(o.destination!, o.destinationPort!)
      configureListener(l.resource, conf, { ...base, direction: 'OUTBOUND', destination })
    }
    addCollectorCluster(rs, proxy, conf)
    return warnings.length > 0 ? { warnings } : undefined
  },
}
