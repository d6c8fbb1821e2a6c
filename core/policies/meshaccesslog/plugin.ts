/**
 * @module MeshAccessLog's effect on Envoy resources (Kuma `meshaccesslog/plugin/v1alpha1` and
 * `plugin/xds`): access loggers on the HCM or TcpProxy of inbound and outbound listeners (file,
 * TCP through kuma-dp's socket, OpenTelemetry with its collector cluster), Kuma's default plain
 * formats and `%KUMA_*%` placeholders interpolated. No policy, no access log.
 */
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
  SYSTEM_PREFIX,
  tcpProxiesOf,
  workloadKri,
} from '../meshtrace/collector'
import type { Backend, Conf, Match } from './types'

const NETWORK_FORMAT = `[%START_TIME%] %RESPONSE_FLAGS% %KUMA_MESH% %KUMA_SOURCE_ADDRESS_WITHOUT_PORT%(%KUMA_SOURCE_SERVICE%)->%UPSTREAM_HOST%(%KUMA_DESTINATION_SERVICE%) took %DURATION%ms, sent %BYTES_SENT% bytes, received: %BYTES_RECEIVED% bytes`
const HTTP_FORMAT = `[%START_TIME%] %KUMA_MESH% "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-B3-TRACEID?X-DATADOG-TRACEID)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%KUMA_SOURCE_SERVICE%" "%KUMA_DESTINATION_SERVICE%" "%KUMA_SOURCE_ADDRESS_WITHOUT_PORT%" "%UPSTREAM_HOST%"`

const isHttp = (p: string | undefined) => p === 'http' || p === 'http2' || p === 'grpc'
/** defaultFormat is Kuma's `DefaultFormat(protocol)`. */
export const defaultFormat = (protocol: string | undefined) =>
  isHttp(protocol) ? HTTP_FORMAT : NETWORK_FORMAT

/** KumaValues fill the `%KUMA_*%` placeholders (Kuma `listeners_v3.KumaValues`). */
export interface KumaValues {
  sourceService: string
  sourceIp: string
  destinationService: string
  mesh: string
  zone: string
  workload: string
  direction: 'INBOUND' | 'OUTBOUND' | 'UNSPECIFIED'
}

const joinHostPort = (h: string, p: string) => (h.includes(':') ? `[${h}]:${p}` : `${h}:${p}`)

/** interpolate is Kuma's `InterpolateKumaValues`. */
export function interpolate(format: string, v: KumaValues): string {
  return format
    .replaceAll('%KUMA_SOURCE_ADDRESS%', joinHostPort(v.sourceIp, '0'))
    .replaceAll('%KUMA_SOURCE_ADDRESS_WITHOUT_PORT%', v.sourceIp)
    .replaceAll('%KUMA_SOURCE_SERVICE%', v.sourceService)
    .replaceAll('%KUMA_DESTINATION_SERVICE%', v.destinationService)
    .replaceAll('%KUMA_MESH%', v.mesh)
    .replaceAll('%KUMA_TRAFFIC_DIRECTION%', v.direction)
    .replaceAll('%KUMA_ZONE%', v.zone)
    .replaceAll('%KUMA_WORKLOAD%', v.workload)
}

const T = (n: string) => `type.googleapis.com/envoy.extensions.access_loggers.${n}`

/** Collectors numbers OpenTelemetry endpoints in first-use order, as Kuma's EndpointAccumulator. */
class Collectors {
  readonly byEndpoint = new Map<string, { name: string; target: string; port: number }>()
  constructor(private readonly unified: boolean) {}
  clusterFor(endpoint: string): string {
    const { target, port } = parseOtelEndpoint(endpoint)
    const key = `${target}:${port}`
    let e = this.byEndpoint.get(key)
    if (!e) {
      const name = this.unified
        ? `${SYSTEM_PREFIX}meshaccesslog_${cleanName(`${target}-${port}`)}`
        : `meshaccesslog:opentelemetry:${this.byEndpoint.size}`
      e = { name, target, port }
      this.byEndpoint.set(key, e)
    }
    return e.name
  }
}

const sfsText = (s: string, omitEmpty: boolean): Json => ({
  textFormatSource: { inlineString: s },
  ...(omitEmpty ? { omitEmptyValues: true } : {}),
})
const sfsJson = (fields: Json, omitEmpty: boolean): Json => ({
  jsonFormat: fields,
  ...(omitEmpty ? { omitEmptyValues: true } : {}),
})

function jsonFields(values: readonly { key: string; value: string }[], v: KumaValues): Json {
  return Object.fromEntries(values.map((kv) => [kv.key, interpolate(kv.value, v)]))
}

/** accessLog is Kuma's `BaseAccessLogBuilder` for one backend; undefined when unresolvable. */
function accessLog(
  b: Backend,
  format: string,
  v: KumaValues,
  socket: string,
  collectors: Collectors,
): Json | undefined {
  if (b.file) {
    const f = b.file.format
    const omit = f?.omitEmptyValues ?? false
    const logFormat = f?.json
      ? sfsJson(jsonFields(f.json, v), omit)
      : sfsText(interpolate((f?.plain ?? format) + '\n', v), omit)
    return {
      name: 'envoy.access_loggers.file',
      typedConfig: { '@type': T('file.v3.FileAccessLog'), logFormat, path: b.file.path },
    }
  }
  if (b.tcp) {
    const f = b.tcp.format
    const message = f?.json ? jsonFields(f.json, v) : interpolate((f?.plain ?? format) + '\n', v)
    return {
      name: 'envoy.access_loggers.file',
      typedConfig: {
        '@type': T('file.v3.FileAccessLog'),
        logFormat: sfsJson({ address: b.tcp.address, message }, f?.omitEmptyValues ?? false),
        path: socket,
      },
    }
  }
  if (b.openTelemetry?.endpoint) {
    const o = b.openTelemetry
    const endpoint = b.openTelemetry.endpoint
    let body: Json = { stringValue: interpolate(format, v) }
    if (o.body !== undefined) body = otelBody(o.body, v)
    const resourceAttributes = [
      { key: 'kuma.mesh', value: { stringValue: v.mesh } },
      ...(v.zone ? [{ key: 'kuma.zone', value: { stringValue: v.zone } }] : []),
      ...(v.workload ? [{ key: 'kuma.workload', value: { stringValue: v.workload } }] : []),
    ]
    const attributes = (o.attributes ?? []).map((a) => ({
      key: interpolate(a.key, v),
      value: { stringValue: interpolate(a.value, v) },
    }))
    return {
      name: 'envoy.access_loggers.open_telemetry',
      typedConfig: {
        '@type': T('open_telemetry.v3.OpenTelemetryAccessLogConfig'),
        attributes: attributes.length > 0 ? { values: attributes } : {},
        body,
        grpcService: { envoyGrpc: { clusterName: collectors.clusterFor(endpoint) } },
        logName: 'MeshAccessLog',
        resourceAttributes: { values: resourceAttributes },
      },
    }
  }
  return undefined
}

/** otelBody reads an OTLP AnyValue (interpolating its strings), else the raw text as a string. */
function otelBody(body: unknown, v: KumaValues): Json {
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') return interpolate(x, v)
    if (Array.isArray(x)) return x.map(walk)
    if (x && typeof x === 'object') {
      return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, walk(y)]))
    }
    return x
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) return walk(body) as Json
  const raw = typeof body === 'string' ? body : JSON.stringify(body)
  return { stringValue: interpolate(raw, v) }
}

/** celOf is Kuma's `MatchToCEL` for an inbound rule's match. */
function celOf(m: Match | null | undefined): string {
  if (!m) return ''
  const parts: string[] = []
  if (m.spiffeID?.type === 'Exact') {
    parts.push(`connection.uri_san_peer_certificate == ${JSON.stringify(m.spiffeID.value)}`)
  } else if (m.spiffeID?.type === 'Prefix') {
    parts.push(
      `connection.uri_san_peer_certificate.startsWith(${JSON.stringify(m.spiffeID.value)})`,
    )
  }
  const sni = (m as { sni?: { type?: string; value?: string } }).sni
  if (sni?.type === 'Exact')
    parts.push(`connection.requested_server_name == ${JSON.stringify(sni.value)}`)
  return parts.join(' && ')
}

function celFilter(expression: string): Json {
  return {
    extensionFilter: {
      name: 'envoy.access_loggers.extension_filters.cel',
      typedConfig: { '@type': T('filters.cel.v3.ExpressionFilter'), expression },
    },
  }
}

/** addLogs appends access logs to every HCM and TcpProxy of the listener (Kuma `AccessLogs`). */
function addLogs(listener: Json, logs: Json[]): void {
  if (logs.length === 0) return
  for (const cfg of [...hcmsOf(listener), ...tcpProxiesOf(listener)]) {
    cfg.accessLog = [...((cfg.accessLog as Json[] | undefined) ?? []), ...structuredClone(logs)]
  }
}

function addCollectorClusters(rs: ResourceSet, proxy: Proxy, collectors: Collectors): void {
  for (const e of collectors.byEndpoint.values()) {
    rs.add({
      typeUrl: TypeUrl.Cluster,
      name: e.name,
      origin: 'meshaccesslog',
      resource: collectorCluster(
        e.name,
        { target: e.target, port: e.port },
        { ipv6: dataplaneIsIpv6(proxy.spec.networking?.address), http2: true },
      ),
    })
  }
}

/** plugin is MeshAccessLog's PolicyPlugin. */
export const plugin: PolicyPlugin = {
  kind: 'MeshAccessLog',
  order: PLUGIN_ORDER.MeshAccessLog,
  apply(rs, _ctx, proxy) {
    const m = matchedOf(proxy, 'MeshAccessLog')
    const collectors = new Collectors(proxy.unifiedNaming)
    const workdir = proxy.metadata.workdir ?? '/tmp'
    const socket = `${workdir}/kuma-al-${proxy.dataplane.name}-${proxy.mesh}`.slice(0, 98) + '.sock'
    const common = {
      sourceIp: proxy.spec.networking?.address ?? '',
      mesh: proxy.mesh,
      zone: proxy.zone,
      workload: workloadKri(proxy.mesh, proxy.zone, proxy.dataplane.labels),
    }
    const seen = new Set<string>()
    for (const inbound of proxy.inbounds) {
      const key = `${inbound.address}:${inbound.port}`
      const l = rs.get(TypeUrl.Listener, inbound.listenerName)
      if (seen.has(key) || !l || l.origin !== 'inbound') continue
      seen.add(key)
      const v: KumaValues = {
        ...common,
        sourceService: 'unknown',
        destinationService: inbound.tags['kuma.io/service'] ?? inbound.sectionName,
        direction: 'INBOUND',
      }
      const logs: Json[] = []
      for (const rule of m.fromRules.inboundRules[key] ?? []) {
        const cel = celOf(rule.match as Match | null)
        for (const b of (rule.conf as Conf).backends ?? []) {
          const log = accessLog(b, defaultFormat(inbound.protocol), v, socket, collectors)
          if (!log) continue
          logs.push(cel ? { filter: celFilter(cel), ...log } : log)
        }
      }
      addLogs(l.resource, logs)
    }
    for (const o of proxy.outbounds) {
      const l = rs.get(TypeUrl.Listener, o.listenerName)
      if (!l || l.origin !== 'outbound') continue
      let conf: Conf | undefined
      if (o.kri) {
        const rr = m.toRules.resourceRules
        const noSection = o.kri.slice(0, o.kri.lastIndexOf('_') + 1)
        conf = (rr[o.kri]?.conf[0] ??
          rr[noSection]?.conf[0] ??
          Object.values(rr).find((r) => r.resource.type === 'Mesh')?.conf[0]) as Conf | undefined
      } else {
        conf = m.toRules.rules.find((r) =>
          r.subset.every((t) => (t.key === 'kuma.io/service' && t.value === o.service) !== t.not),
        )?.conf as Conf | undefined
      }
      if (!conf) continue
      const v: KumaValues = {
        ...common,
        sourceService: identifyingService(proxy.spec),
        destinationService: o.service ?? o.destination?.resource.name ?? '',
        direction: 'OUTBOUND',
      }
      const logs = (conf.backends ?? [])
        .map((b) => accessLog(b, defaultFormat(o.protocol), v, socket, collectors))
        .filter((x): x is Json => x !== undefined)
      addLogs(l.resource, logs)
    }
    addCollectorClusters(rs, proxy, collectors)
  },
}
