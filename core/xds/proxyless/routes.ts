/**
 * @module Proxyless gRPC routes and API listeners: MeshHTTPRoute matches and weights as gRPC's
 * route matcher reads them (A28), MeshTimeout's `http.requestTimeout` as the route's
 * `maxStreamDuration` (A31), MeshRetry as the route's `retryPolicy` (A44), MeshFaultInjection as
 * `envoy.filters.http.fault` filters (A33), and ring hash policies on the route (A42). The
 * routes ride inline in the API listener (see `apiListener` for why not RDS).
 */
import type { Match } from '../../policies/meshhttproute/types'
import type { Conf as FaultConf, FaultInjectionConf } from '../../policies/meshfaultinjection/types'
import type { HashPolicy } from '../../policies/meshloadbalancingstrategy/types'
import type { Conf as RetryConf } from '../../policies/meshretry/types'
import type { Conf as TimeoutConf } from '../../policies/meshtimeout/types'
import { parseGoDuration } from '../../policies/common/durations'
import { ANY_TYPE } from '../generator/envoy'
import { protoDuration } from '../policy-conf'
import type { Json } from '../resource-set'

const FAULT_TYPE = 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault'
const GRPC_RETRY_ON: Readonly<Record<string, string>> = {
  Canceled: 'cancelled',
  DeadlineExceeded: 'deadline-exceeded',
  Internal: 'internal',
  ResourceExhausted: 'resource-exhausted',
  Unavailable: 'unavailable',
}
/** DEFAULT_RETRY_ON are the codes of Kuma's gRPC default that gRPC clients know. */
const DEFAULT_RETRY_ON = 'cancelled,resource-exhausted,unavailable'

/** RouteSplit is one cluster of a route and its weight. */
export interface RouteSplit {
  clusterName: string
  weight: number
}

/** ProxylessRoute is a route before it becomes gRPC's RDS JSON. */
export interface ProxylessRoute {
  match: Match
  splits: RouteSplit[]
}

/** RoutePolicies are the confs of one destination that shape its routes. */
export interface RoutePolicies {
  timeout?: TimeoutConf
  retry?: RetryConf
  hashPolicies?: readonly HashPolicy[]
}

/** routeMatch is a MeshHTTPRoute match as gRPC reads it; undefined when gRPC cannot match it. */
export function routeMatch(m: Match, warn: (w: string) => void): Json | undefined {
  if (m.method && m.method !== 'POST') {
    warn(`a match on method ${m.method} never matches a gRPC call; the route is left out`)
    return undefined
  }
  if (m.queryParams?.length) warn('gRPC calls have no query parameters; that match is ignored')
  const out: Json = {}
  const p = m.path ?? { type: 'PathPrefix', value: '/' }
  if (p.type === 'Exact') out.path = p.value
  else if (p.type === 'RegularExpression') out.safeRegex = { regex: p.value }
  else out.prefix = p.value
  const headers = (m.headers ?? []).map((h) => {
    const type = h.type ?? 'Exact'
    if (type === 'Present') return { name: h.name, presentMatch: true }
    if (type === 'Absent') return { name: h.name, presentMatch: true, invertMatch: true }
    const key = type === 'Prefix' ? 'prefix' : type === 'RegularExpression' ? 'safeRegex' : 'exact'
    const value = key === 'safeRegex' ? { regex: h.value ?? '' } : (h.value ?? '')
    return { name: h.name, stringMatch: { [key]: value } }
  })
  if (headers.length > 0) out.headers = headers
  return out
}

const durationNs = (v: string | undefined) => (v ? parseGoDuration(v) : undefined)

/** retryPolicy is MeshRetry's `grpc` (or `http`) conf in A44's terms. */
export function retryPolicy(
  conf: RetryConf | undefined,
  warn: (w: string) => void,
): Json | undefined {
  const r = conf?.grpc ?? conf?.http
  if (!r) return undefined
  const retryOn = conf?.grpc
    ? (conf.grpc.retryOn ?? [])
        .map((c) => GRPC_RETRY_ON[c])
        .filter(Boolean)
        .join(',')
    : ''
  if (!conf?.grpc && conf?.http)
    warn('gRPC clients retry by status code; MeshRetry http is read as grpc defaults')
  const policy: Json = { retryOn: retryOn || DEFAULT_RETRY_ON }
  if (r.numRetries !== undefined) {
    if (r.numRetries < 1) return undefined
    policy.numRetries = r.numRetries
  }
  const base = durationNs(r.backOff?.baseInterval)
  const max = durationNs(r.backOff?.maxInterval)
  if (base !== undefined && base > 0n) {
    policy.retryBackOff = {
      baseInterval: protoDuration(base),
      ...(max !== undefined && max >= base ? { maxInterval: protoDuration(max) } : {}),
    }
  }
  return policy
}

/** maxStreamDuration is the deadline gRPC puts on calls of the route (A31); 0 means none. */
export function maxStreamDuration(conf: TimeoutConf | undefined): Json | undefined {
  const request = durationNs(conf?.http?.requestTimeout)
  const stream = durationNs(conf?.http?.maxStreamDuration)
  const all = [request, stream].filter((v): v is bigint => v !== undefined && v > 0n)
  if (all.length === 0) return undefined
  const min = all.reduce((a, b) => (a < b ? a : b))
  return { maxStreamDuration: protoDuration(min) }
}

function hashPolicy(h: HashPolicy, warn: (w: string) => void): Json | undefined {
  const terminal = h.terminal ? { terminal: true } : {}
  if (h.type === 'Header' && h.header) return { header: { headerName: h.header.name }, ...terminal }
  if (h.type === 'FilterState' && h.filterState?.key === 'io.grpc.channel_id') {
    return { filterState: { key: 'io.grpc.channel_id' }, ...terminal }
  }
  warn(`hash policy ${h.type} is not supported by gRPC clients; it is ignored`)
  return undefined
}

/** envoyRoute is one RDS route with its action and the policies of its destination. */
export function envoyRoute(
  r: ProxylessRoute,
  match: Json,
  policies: RoutePolicies,
  faultsOf: (clusterName: string) => Json | undefined,
  warn: (w: string) => void,
): Json {
  const out: Json = { match }
  let action: Json
  if (r.splits.length === 1) {
    action = { cluster: r.splits[0].clusterName }
    const faults = faultsOf(r.splits[0].clusterName)
    if (faults) out.typedPerFilterConfig = faults
  } else {
    const clusters = r.splits.map((s) => {
      const faults = faultsOf(s.clusterName)
      return {
        name: s.clusterName,
        weight: s.weight,
        ...(faults ? { typedPerFilterConfig: faults } : {}),
      }
    })
    action = { weightedClusters: { clusters } }
  }
  const msd = maxStreamDuration(policies.timeout)
  if (msd) action.maxStreamDuration = msd
  const retry = retryPolicy(policies.retry, warn)
  if (retry) action.retryPolicy = retry
  const hashes = (policies.hashPolicies ?? []).flatMap((h) => hashPolicy(h, warn) ?? [])
  if (hashes.length > 0) action.hashPolicy = hashes
  out.route = action
  return out
}

const percent = (p: number | string) => {
  const v = Number(p)
  return { numerator: Math.round(v * 10_000), denominator: 'MILLION' }
}

function faultConfig(f: FaultInjectionConf, warn: (w: string) => void): Json | undefined {
  const out: Json = { '@type': FAULT_TYPE }
  if (f.abort) {
    out.abort = { httpStatus: f.abort.httpStatus, percentage: percent(f.abort.percentage) }
  }
  if (f.delay) {
    const ns = parseGoDuration(f.delay.value)
    if (ns !== undefined) {
      out.delay = { fixedDelay: protoDuration(ns), percentage: percent(f.delay.percentage) }
    }
  }
  if (f.responseBandwidth) warn('gRPC clients cannot limit response bandwidth; it is ignored')
  return out.abort || out.delay ? out : undefined
}

/** faultConfigs are MeshFaultInjection's entries as HTTPFault configs, in order. */
export function faultConfigs(fault: FaultConf | undefined, warn: (w: string) => void): Json[] {
  return (fault?.http ?? []).flatMap((f): Json[] => {
    const c = faultConfig(f, warn)
    return c ? [c] : []
  })
}

const faultFilterName = (i: number) => `envoy.filters.http.fault.${i}`

/**
 * httpFilters are the API listener's filters: `count` fault filters that inject nothing unless a
 * route or a weighted cluster overrides them (so faults follow the destination a call is routed
 * to), then the router.
 */
export function httpFilters(count: number): Json[] {
  return [
    ...Array.from({ length: count }, (_, i) => ({
      name: faultFilterName(i),
      typedConfig: { '@type': FAULT_TYPE },
    })),
    { name: 'envoy.filters.http.router', typedConfig: { '@type': ANY_TYPE.Router } },
  ]
}

/** faultOverrides is the `typedPerFilterConfig` that turns on a destination's faults. */
export function faultOverrides(faults: readonly Json[]): Json | undefined {
  if (faults.length === 0) return undefined
  return Object.fromEntries(faults.map((f, i) => [faultFilterName(i), f]))
}

/**
 * apiListener is the listener a gRPC client resolves for a dial target, its routes inline.
 *
 * Inline, not RDS, because of how `@grpc/grpc-js-xds` 1.14 (upstream alike) takes updates:
 * - a Listener update that keeps the RDS name is stored but does not rebuild the channel's
 *   config, so a changed filter list (a MeshFaultInjection's fault filters) waits for some later
 *   RouteConfiguration, Cluster or endpoint update;
 * - an update is dropped when its decoded resource "equals" the cached one, and that comparison
 *   only walks the cached resource's keys: a route whose `typedPerFilterConfig` goes from empty
 *   to a fault override compares equal. The client ACKs the update and keeps its old routes.
 * An inline route config makes every change a Listener change, compared by its encoded HCM
 * bytes, and the client rebuilds routes and filters together from each Listener it takes.
 */
export function apiListener(name: string, routeConfig: Json, filters: Json[]): Json {
  return {
    name,
    apiListener: {
      apiListener: {
        '@type': ANY_TYPE.Hcm,
        statPrefix: name,
        routeConfig,
        httpFilters: filters,
      },
    },
  }
}
