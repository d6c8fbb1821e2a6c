/**
 * @module How a MeshRetry conf becomes an Envoy route retry policy or TCP connect attempts (Kuma
 * `meshretry/plugin/xds/configurer.go`).
 */
import type { Rule } from '../../matching'
import { filterChainsOf, hcmOf, routesOf, tcpProxyOf } from '../../xds/envoy-edit'
import { computeRule, durationOr, MILLISECOND } from '../../xds/policy-conf'
import type { Protocol } from '../../xds/proxy'
import type { Json } from '../../xds/resource-set'
import type { Conf, GRPC, HeaderMatch, HTTP, Predicate, RateLimitedBackOff } from './types'

export const HTTP_RETRY_ON_DEFAULT = 'gateway-error,connect-failure,refused-stream'
export const GRPC_RETRY_ON_DEFAULT =
  'cancelled,connect-failure,gateway-error,refused-stream,reset,resource-exhausted,unavailable'
const RETRIABLE_STATUS_CODES = 'retriable-status-codes'
/** DEFAULT_BASE_INTERVAL is Kuma's `mesh.DefaultBaseInterval` (25ms), for gRPC back-off. */
const DEFAULT_BASE_INTERVAL = 25n * MILLISECOND

const HTTP_RETRY_ON: Readonly<Record<string, string>> = {
  '5xx': '5xx',
  GatewayError: 'gateway-error',
  Reset: 'reset',
  Retriable4xx: 'retriable-4xx',
  ConnectFailure: 'connect-failure',
  EnvoyRatelimited: 'envoy-ratelimited',
  RefusedStream: 'refused-stream',
  Http3PostConnectFailure: 'http3-post-connect-failure',
  HttpMethodConnect: 'CONNECT',
  HttpMethodDelete: 'DELETE',
  HttpMethodGet: 'GET',
  HttpMethodHead: 'HEAD',
  HttpMethodOptions: 'OPTIONS',
  HttpMethodPatch: 'PATCH',
  HttpMethodPost: 'POST',
  HttpMethodPut: 'PUT',
  HttpMethodTrace: 'TRACE',
}

const GRPC_RETRY_ON: Readonly<Record<string, string>> = {
  Canceled: 'canceled',
  DeadlineExceeded: 'deadline-exceeded',
  Internal: 'internal',
  ResourceExhausted: 'resource-exhausted',
  Unavailable: 'unavailable',
}

/** STATUS_CODES are the codes Go's `http.StatusText` knows; only they count as retriable codes. */
const STATUS_CODES = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304,
  305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415,
  416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505,
  506, 507, 508, 510, 511,
])

/** headerMatcher is Kuma's `headerMatcher`: a HeaderMatch as an Envoy HeaderMatcher. */
export function headerMatcher(h: HeaderMatch): Json {
  const m: Json = { name: h.name }
  switch (h.type ?? 'Exact') {
    case 'RegularExpression':
      m.stringMatch = { safeRegex: { regex: h.value ?? '' } }
      break
    case 'Prefix':
      m.stringMatch = { prefix: h.value ?? '' }
      break
    case 'Exact':
      m.stringMatch = { exact: h.value ?? '' }
      break
    case 'Present':
      m.presentMatch = true
      break
    case 'Absent':
      m.presentMatch = false
      break
  }
  return m
}

function rateLimitedBackOff(r: RateLimitedBackOff): Json {
  const out: Json = {}
  const headers = (r.resetHeaders ?? []).map((h) =>
    // SECONDS is the enum's zero value, which proto3 JSON leaves out
    h.format === 'UnixTimestamp' ? { name: h.name, format: 'UNIX_TIMESTAMP' } : { name: h.name },
  )
  if (headers.length > 0) out.resetHeaders = headers
  if (r.maxInterval !== undefined) out.maxInterval = durationOr(r.maxInterval, 0n)
  return out
}

function hostSelection(predicates: readonly Predicate[], policy: Json): void {
  const hostPredicates: Json[] = []
  for (const p of predicates) {
    if (p.predicate === 'OmitPreviousHosts') {
      hostPredicates.push({
        name: 'envoy.retry_host_predicates.previous_hosts',
        typedConfig: {
          '@type':
            'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate',
        },
      })
    } else if (p.predicate === 'OmitHostsWithTags') {
      const config: Json = {
        '@type':
          'type.googleapis.com/envoy.extensions.retry.host.omit_host_metadata.v3.OmitHostMetadataConfig',
      }
      const { 'kuma.io/service': _, ...tags } = p.tags ?? {}
      if (Object.keys(tags).length > 0) {
        config.metadataMatch = { filterMetadata: { 'envoy.lb': sorted(tags) } }
      }
      hostPredicates.push({
        name: 'envoy.retry_host_predicates.omit_host_metadata',
        typedConfig: config,
      })
    } else if (p.predicate === 'OmitPreviousPriorities') {
      const config: Json = {
        '@type':
          'type.googleapis.com/envoy.extensions.retry.priority.previous_priorities.v3.PreviousPrioritiesConfig',
      }
      if (p.updateFrequency) config.updateFrequency = p.updateFrequency
      policy.retryPriority = {
        name: 'envoy.retry_priorities.previous_priorities',
        typedConfig: config,
      }
    }
  }
  if (hostPredicates.length > 0) policy.retryHostPredicate = hostPredicates
}

const sorted = (o: Record<string, string>) =>
  Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  )

function httpRetryPolicy(conf: HTTP | undefined): Json | undefined {
  if (!conf) return undefined
  const policy: Json = { retryOn: HTTP_RETRY_ON_DEFAULT }
  if (conf.perTryTimeout !== undefined) policy.perTryTimeout = durationOr(conf.perTryTimeout, 0n)
  if (conf.numRetries !== undefined) {
    if (conf.numRetries === 0) return undefined
    policy.numRetries = conf.numRetries
  }
  if (conf.backOff) {
    const b: Json = {}
    if (conf.backOff.baseInterval !== undefined) {
      b.baseInterval = durationOr(conf.backOff.baseInterval, 0n)
    }
    if (conf.backOff.maxInterval !== undefined)
      b.maxInterval = durationOr(conf.backOff.maxInterval, 0n)
    policy.retryBackOff = b
  }
  if (conf.rateLimitedBackOff)
    policy.rateLimitedRetryBackOff = rateLimitedBackOff(conf.rateLimitedBackOff)

  const retryOn: string[] = []
  const codes: number[] = []
  const methods: string[] = []
  for (const item of conf.retryOn ?? []) {
    const code = /^\d+$/.test(item) ? Number(item) : NaN
    if (STATUS_CODES.has(code)) codes.push(code)
    else if (item.startsWith('HttpMethod')) methods.push(HTTP_RETRY_ON[item] ?? '')
    else retryOn.push(HTTP_RETRY_ON[item] ?? '')
  }
  if (retryOn.length > 0 && retryOn.join(',') !== '') policy.retryOn = retryOn.join(',')
  if (codes.length > 0) {
    policy.retriableStatusCodes = codes
    const on = (policy.retryOn as string).split(',')
    if (!on.includes(RETRIABLE_STATUS_CODES)) on.push(RETRIABLE_STATUS_CODES)
    policy.retryOn = on.join(',')
  }
  const requestHeaders = [
    ...methods.map((m) => ({ name: ':method', stringMatch: { exact: m } })),
    ...(conf.retriableRequestHeaders ?? []).map(headerMatcher),
  ]
  if (requestHeaders.length > 0) policy.retriableRequestHeaders = requestHeaders
  const responseHeaders = (conf.retriableResponseHeaders ?? []).map(headerMatcher)
  if (responseHeaders.length > 0) policy.retriableHeaders = responseHeaders
  if (conf.hostSelection) hostSelection(conf.hostSelection, policy)
  // int64 is a string in proto3 JSON; 0 is its default and left out
  if (conf.hostSelectionMaxAttempts) {
    policy.hostSelectionRetryMaxAttempts = String(conf.hostSelectionMaxAttempts)
  }
  return policy
}

function grpcRetryPolicy(conf: GRPC | undefined): Json | undefined {
  if (!conf) return undefined
  const policy: Json = { retryOn: GRPC_RETRY_ON_DEFAULT }
  if (conf.perTryTimeout !== undefined) policy.perTryTimeout = durationOr(conf.perTryTimeout, 0n)
  if (conf.numRetries !== undefined) {
    if (conf.numRetries === 0) return undefined
    policy.numRetries = conf.numRetries
  }
  const retryOn = (conf.retryOn ?? []).map((r) => GRPC_RETRY_ON[r] ?? '').join(',')
  if (retryOn !== '') policy.retryOn = retryOn
  if (conf.backOff) {
    policy.retryBackOff = {
      baseInterval: durationOr(conf.backOff.baseInterval, DEFAULT_BASE_INTERVAL),
      ...(conf.backOff.maxInterval !== undefined
        ? { maxInterval: durationOr(conf.backOff.maxInterval, 0n) }
        : {}),
    }
  }
  if (conf.rateLimitedBackOff)
    policy.rateLimitedRetryBackOff = rateLimitedBackOff(conf.rateLimitedBackOff)
  return policy
}

/**
 * routeRetryPolicy is Kuma's `GetRouteRetryConfig`: the HTTP policy for `http` (not HTTP/2), the
 * gRPC policy for `grpc`, nothing otherwise or when `numRetries` is 0.
 */
export function routeRetryPolicy(conf: Conf | undefined, protocol: Protocol | undefined) {
  if (!conf) return undefined
  if (protocol === 'http') return httpRetryPolicy(conf.http)
  if (protocol === 'grpc') return grpcRetryPolicy(conf.grpc)
  return undefined
}

const setRetryPolicy = (route: Json, policy: Json) => {
  const action = route.route as Json | undefined
  if (action) action.retryPolicy = structuredClone(policy)
}

/**
 * configureListener is Kuma's `Configurer.ConfigureListener`, which looks at the first filter
 * chain only: TCP connect attempts, or the retry policy on every route.
 */
export function configureListener(
  conf: Conf,
  protocol: Protocol | undefined,
  listener: Json,
): void {
  const fc = filterChainsOf(listener)[0]
  if (!fc) return
  const tcp = tcpProxyOf(fc)
  if (protocol === 'tcp' && conf.tcp?.maxConnectAttempt !== undefined) {
    if (tcp) tcp.maxConnectAttempts = conf.tcp.maxConnectAttempt
    return
  }
  const hcm = hcmOf(fc)
  const policy = routeRetryPolicy(conf, protocol)
  if (!hcm || !policy) return
  for (const route of routesOf(hcm)) setRetryPolicy(route, policy)
}

/** configureRoute sets one route's retry policy from its own conf (a MeshHTTPRoute's KRI). */
export function configureRoute(conf: Conf, protocol: Protocol | undefined, route: Json): void {
  const policy = routeRetryPolicy(conf, protocol)
  if (policy) setRetryPolicy(route, policy)
}

const RULE_MATCHES_HASH_TAG = '__rule-matches-hash__'

/**
 * configureLegacyListener is Kuma's `DeprecatedConfigurer.ConfigureListener` for a
 * `kuma.io/service` outbound: the conf of a route's MeshHTTPRoute rule, else of the service.
 */
export function configureLegacyListener(
  rules: readonly Rule[],
  service: string,
  protocol: Protocol,
  listener: Json,
): void {
  const element = { 'kuma.io/service': service }
  const confOf = (el: Record<string, string>) => computeRule(rules, el)?.conf as Conf | undefined
  const conf = confOf(element)
  const fc = filterChainsOf(listener)[0]
  if (!fc) return
  if (protocol === 'tcp' && conf?.tcp?.maxConnectAttempt !== undefined) {
    const tcp = tcpProxyOf(fc)
    if (tcp) tcp.maxConnectAttempts = conf.tcp.maxConnectAttempt
    return
  }
  const hcm = hcmOf(fc)
  if (!hcm) return
  const defaultPolicy = routeRetryPolicy(conf, protocol)
  for (const route of routesOf(hcm)) {
    const name = typeof route.name === 'string' ? route.name : ''
    const policy =
      routeRetryPolicy(confOf({ ...element, [RULE_MATCHES_HASH_TAG]: name }), protocol) ??
      defaultPolicy
    if (policy) setRetryPolicy(route, policy)
  }
}
