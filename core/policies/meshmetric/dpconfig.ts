/**
 * @module The metrics config kuma-dp fetches from the dynamic config listener (Kuma
 * `meshmetric/dpapi.MeshMetricDpConfig` and `createDynamicConfig`), built in Go's field order so
 * its JSON, and so its ETag, are the bytes kuma-cp serves.
 */
import type { DataplaneSpec } from '../../resources/kinds/dataplane/types'
import type { Proxy } from '../../xds/proxy'
import { identifyingService } from '../meshtrace/collector'
import { socketName, workdirOf } from './dynconf'
import { formatGoDuration, parseGoDuration } from '../common/durations'
import type { Conf, OpenTelemetryBackend, Sidecar } from './types'

/** backendNameFrom is Kuma's `backendNameFrom`: the endpoint without `/`, `:` as `-`. */
export const backendNameFrom = (endpoint: string) =>
  endpoint.replaceAll('/', '').replaceAll(':', '-')

/** refreshInterval is a backend's push interval as Go prints a `k8s.Duration`; default 1m. */
export function refreshInterval(b: OpenTelemetryBackend): string {
  const ns = b.refreshInterval ? parseGoDuration(b.refreshInterval) : undefined
  return formatGoDuration(ns ?? 60_000_000_000n)
}

const ZONE_TAG = 'kuma.io/zone'
const WORKLOAD_LABEL = 'kuma.io/workload'

/** isZoneProxyOnly is Kuma's `IsZoneProxyOnly`: zone listeners, no inbounds, no gateway. */
export function isZoneProxyOnly(spec: DataplaneSpec): boolean {
  const net = spec.networking ?? {}
  const zoneListeners = (net.listeners ?? []).some(
    (l) => l.type === 'ZoneIngress' || l.type === 'ZoneEgress',
  )
  return zoneListeners && (net.inbound ?? []).length === 0 && !net.gateway
}

/** proxyRole is Kuma's `deriveProxyRole`, the `kuma.proxy_role` label. */
export function proxyRole(spec: DataplaneSpec): string {
  const net = spec.networking
  if (!net) return 'sidecar'
  if (net.gateway) return 'gateway'
  const types = new Set((net.listeners ?? []).map((l) => l.type))
  const ingress = types.has('ZoneIngress')
  const egress = types.has('ZoneEgress')
  if (ingress && egress) return 'zone-proxy'
  if (ingress) return 'zone-ingress'
  if (egress) return 'zone-egress'
  return 'sidecar'
}

const sanitizeLabel = (s: string) => s.replace(/[^a-zA-Z0-9_]/g, '_')

/**
 * dataplaneLabels is Kuma's `mads.DataplaneLabels` on Universal: each tag's first value (sorted)
 * under its sanitised name, and every value as `,a,b,` under the plural.
 */
function dataplaneLabels(spec: DataplaneSpec): Record<string, string> {
  const values = new Map<string, Set<string>>()
  const tagSets = [
    ...(spec.networking?.inbound ?? []).map((i) => i.tags ?? {}),
    spec.networking?.gateway?.tags ?? {},
  ]
  for (const tags of tagSets) {
    for (const [k, v] of Object.entries(tags)) values.set(k, (values.get(k) ?? new Set()).add(v))
  }
  const labels: Record<string, string> = {}
  for (const key of [...values.keys()].sort()) {
    const vs = [...values.get(key)!].sort()
    labels[sanitizeLabel(key)] = vs[0] ?? ''
    labels[sanitizeLabel(`${key}s`)] = `,${vs.join(',')},`
  }
  return labels
}

/** sidecarInGoOrder re-orders `sidecar` as Go's struct marshals it. */
function sidecarInGoOrder(s: Sidecar): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (s.profiles) {
    const p: Record<string, unknown> = {}
    if (s.profiles.appendProfiles) {
      p.appendProfiles = s.profiles.appendProfiles.map((x) => ({ name: x.name }))
    }
    const selectors = (xs: { type: string; match: string }[]) =>
      xs.map((x) => ({ type: x.type, match: x.match }))
    if (s.profiles.exclude) p.exclude = selectors(s.profiles.exclude)
    if (s.profiles.include) p.include = selectors(s.profiles.include)
    out.profiles = p
  }
  if (s.includeUnused !== undefined) out.includeUnused = s.includeUnused
  return out
}

const sortKeys = (o: Record<string, string>) =>
  Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  )

/**
 * dynamicConfig is Kuma's `createDynamicConfig`: applications, backends (one Prometheus entry,
 * one per OpenTelemetry backend with its socket), the sidecar conf and the extra labels kuma-dp
 * adds to every metric.
 */
export function dynamicConfig(
  conf: Conf,
  proxy: Proxy,
  hasPrometheus: boolean,
  otel: readonly OpenTelemetryBackend[],
): unknown {
  const applications = conf.applications?.length
    ? conf.applications.map((a) => ({
        ...(a.name !== undefined ? { name: a.name } : {}),
        path: a.path ?? '/metrics',
        port: a.port,
        address: a.address ?? '',
      }))
    : null
  const backends: unknown[] = []
  if (hasPrometheus) backends.push({ type: 'Prometheus', name: null })
  for (const b of otel) {
    const name = backendNameFrom(b.endpoint ?? '')
    backends.push({
      type: 'OpenTelemetry',
      name,
      openTelemetry: {
        endpoint: socketName(`${workdirOf(proxy)}/kuma-otel-${name}`),
        refreshInterval: refreshInterval(b),
      },
    })
  }
  const dpLabels = proxy.dataplane.labels
  const extra: Record<string, string> = { mesh: proxy.mesh }
  if (dpLabels[ZONE_TAG]) extra.zone = dpLabels[ZONE_TAG]
  extra['kuma.proxy_role'] = proxyRole(proxy.spec)
  if (!isZoneProxyOnly(proxy.spec) && dpLabels[WORKLOAD_LABEL]) {
    extra['kuma.workload'] = dpLabels[WORKLOAD_LABEL]
  }
  if (!proxy.unifiedNaming) {
    Object.assign(extra, dataplaneLabels(proxy.spec))
    extra.dataplane = proxy.dataplane.name
    if (!extra['kuma.workload']) {
      const service = identifyingService(proxy.spec)
      if (service !== 'unknown') extra.service = service
    }
  }
  const metrics: Record<string, unknown> = {
    applications,
    backends: backends.length ? backends : null,
  }
  if (conf.sidecar) metrics.sidecar = sidecarInGoOrder(conf.sidecar)
  metrics.extraLabels = sortKeys(extra)
  return { observability: { metrics } }
}
