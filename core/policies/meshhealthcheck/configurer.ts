/**
 * @module How a MeshHealthCheck conf adds an active health check to a cluster (Kuma
 * `meshhealthcheck/plugin/xds/configurer.go`): HTTP, gRPC or TCP by the cluster's protocol
 * (TCP as the fallback when the protocol's own check is disabled), with Kuma's defaults.
 */
import { durationOr, MINUTE, SECOND } from '../../xds/policy-conf'
import type { Protocol } from '../../xds/proxy'
import type { Json } from '../../xds/resource-set'
import type {
  Conf,
  GrpcHealthCheck,
  HeaderModifier,
  HttpHealthCheck,
  TcpHealthCheck,
} from './types'

const DEFAULT_INTERVAL = MINUTE
const DEFAULT_TIMEOUT = 15n * SECOND
const DEFAULT_UNHEALTHY_THRESHOLD = 5
const DEFAULT_HEALTHY_THRESHOLD = 1
const TAGS_HEADER = 'x-kuma-tags'

/** TagSet is Kuma's `MultiValueTagSet`: every value of each tag over a Dataplane's inbounds. */
export type TagSet = ReadonlyMap<string, readonly string[]>

/** serializeTags is Kuma's `tags.Serialize`: `&key=v1,v2&` per key, keys and values sorted. */
export const serializeTags = (tags: TagSet) =>
  [...tags.keys()]
    .sort()
    .map((k) => `&${k}=${[...tags.get(k)!].sort().join(',')}&`)
    .join('')

type Checker = 'tcp' | 'http' | 'grpc' | 'none'

const on = (c: { disabled?: boolean } | undefined) => c !== undefined && !c.disabled
const off = (c: { disabled?: boolean } | undefined) => c !== undefined && !!c.disabled

/** selectChecker is Kuma's `selectHealthCheckType`. */
function selectChecker(protocol: Protocol | undefined, conf: Conf): Checker {
  const http = protocol === 'http' || protocol === 'http2'
  if (http && on(conf.http)) return 'http'
  if (protocol === 'grpc' && on(conf.grpc)) return 'grpc'
  if (protocol === 'tcp' && on(conf.tcp)) return 'tcp'
  if (http && off(conf.http) && on(conf.tcp)) return 'tcp'
  if (protocol === 'grpc' && off(conf.grpc) && on(conf.tcp)) return 'tcp'
  return 'none'
}

const hex = (s: string) =>
  [...new TextEncoder().encode(s)].map((b) => b.toString(16).padStart(2, '0')).join('')

function tcpChecker(c: TcpHealthCheck | undefined): Json {
  const out: Json = {}
  if (c?.send !== undefined) out.send = { text: hex(c.send) }
  if (c?.receive !== undefined && c.receive.length > 0) {
    out.receive = c.receive.map((r) => ({ text: hex(r) }))
  }
  return out
}

function headers(mod: HeaderModifier | undefined, tags: TagSet): Json[] {
  const out: Json[] = []
  if (tags.size > 0) out.push({ header: { key: TAGS_HEADER, value: serializeTags(tags) } })
  for (const h of mod?.add ?? []) {
    // APPEND_IF_EXISTS_OR_ADD is the enum's zero value, which proto3 JSON leaves out
    for (const v of h.value.split(',')) out.push({ header: { key: h.name, value: v } })
  }
  for (const h of mod?.set ?? []) {
    for (const v of h.value.split(',')) {
      out.push({
        header: { key: h.name, value: v },
        appendAction: 'OVERWRITE_IF_EXISTS_OR_ADD',
      })
    }
  }
  return out
}

function httpChecker(protocol: Protocol | undefined, c: HttpHealthCheck, tags: TagSet): Json {
  const out: Json = { path: c.path ?? '/' }
  const hs = headers(c.requestHeadersToAdd, tags)
  if (hs.length > 0) out.requestHeadersToAdd = hs
  if (c.expectedStatuses && c.expectedStatuses.length > 0) {
    // Int64Range bounds are int64, strings in proto3 JSON
    out.expectedStatuses = c.expectedStatuses.map((s) => ({
      start: String(s),
      end: String(s + 1),
    }))
  }
  if (protocol === 'http2') out.codecClientType = 'HTTP2'
  return out
}

function grpcChecker(c: GrpcHealthCheck): Json {
  const out: Json = {}
  if (c.serviceName) out.serviceName = c.serviceName
  if (c.authority) out.authority = c.authority
  return out
}

/** percentOf reads an int or decimal string as Envoy's Percent (value 0 is left out). */
function percentOf(v: number | string): Json | undefined {
  const n = typeof v === 'number' ? v : Number(v.trim())
  if (!Number.isFinite(n)) return undefined
  return n === 0 ? {} : { value: n }
}

function healthCheck(conf: Conf): Json {
  const hc: Json = {
    timeout: durationOr(conf.timeout, DEFAULT_TIMEOUT),
    interval: durationOr(conf.interval, DEFAULT_INTERVAL),
    unhealthyThreshold: conf.unhealthyThreshold ?? DEFAULT_UNHEALTHY_THRESHOLD,
    healthyThreshold: conf.healthyThreshold ?? DEFAULT_HEALTHY_THRESHOLD,
  }
  if (conf.initialJitter !== undefined) hc.initialJitter = durationOr(conf.initialJitter, 0n)
  if (conf.intervalJitter !== undefined) hc.intervalJitter = durationOr(conf.intervalJitter, 0n)
  if (conf.intervalJitterPercent) hc.intervalJitterPercent = conf.intervalJitterPercent
  if (conf.eventLogPath !== undefined) {
    hc.eventLogger = [
      {
        name: 'envoy.health_check.event_sinks.file',
        typedConfig: {
          '@type':
            'type.googleapis.com/envoy.extensions.health_check.event_sinks.file.v3.HealthCheckEventFileSink',
          eventLogPath: conf.eventLogPath,
        },
      },
    ]
  }
  if (conf.alwaysLogHealthCheckFailures) hc.alwaysLogHealthCheckFailures = true
  if (conf.noTrafficInterval !== undefined) {
    hc.noTrafficInterval = durationOr(conf.noTrafficInterval, 0n)
  }
  if (conf.reuseConnection !== undefined) hc.reuseConnection = conf.reuseConnection
  return hc
}

/**
 * configureCluster is Kuma's `Configurer.Configure`: the deprecated panic settings, then one
 * health check appended to the cluster's when the protocol has a check to run.
 */
export function configureCluster(
  conf: Conf,
  protocol: Protocol | undefined,
  tags: TagSet,
  cluster: Json,
): void {
  if (conf.healthyPanicThreshold !== undefined) {
    const p = percentOf(conf.healthyPanicThreshold)
    if (p) ((cluster.commonLbConfig ??= {}) as Json).healthyPanicThreshold = p
  }
  if (conf.failTrafficOnPanic !== undefined) {
    const lb = (cluster.commonLbConfig ??= {}) as Json
    // Kuma cannot set it with locality weighted load balancing
    if (!lb.localityWeightedLbConfig) {
      const zone = (lb.zoneAwareLbConfig ??= {}) as Json
      if (conf.failTrafficOnPanic) zone.failTrafficOnPanic = true
      else delete zone.failTrafficOnPanic
    }
  }
  const checker = selectChecker(protocol, conf)
  if (checker === 'none') return
  const hc = healthCheck(conf)
  if (checker === 'tcp') hc.tcpHealthCheck = tcpChecker(conf.tcp)
  else if (checker === 'http') hc.httpHealthCheck = httpChecker(protocol, conf.http!, tags)
  else hc.grpcHealthCheck = grpcChecker(conf.grpc!)
  cluster.healthChecks = [...((cluster.healthChecks as Json[] | undefined) ?? []), hc]
}
