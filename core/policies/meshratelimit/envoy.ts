/**
 * @module Envoy local rate limit filters in the shapes Kuma writes (`routes/v3/ratelimit.go`,
 * `meshratelimit/plugin/xds/configurer.go`).
 */
import type { Json } from '../../xds/resource-set'
import { parseGoDuration } from '../common/durations'
import type { LocalHTTP, LocalTCP } from './types'

const T = (name: string) => `type.googleapis.com/${name}`
/** HTTP_FILTER is the name of the HTTP filter and of its per-route config key. */
export const HTTP_FILTER = 'envoy.filters.http.local_ratelimit'
/** TCP_FILTER is the network filter's name as Kuma writes it (its type name, not the extension name). */
export const TCP_FILTER = 'envoy.extensions.filters.network.local_ratelimit.v3.LocalRateLimit'
const HTTP_TYPE = T('envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit')

/** STATUS_CODE names Envoy's `type.v3.StatusCode` values, as proto3 JSON writes them. */
const STATUS_CODE: Readonly<Record<number, string>> = {
  100: 'Continue',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'NonAuthoritativeInformation',
  204: 'NoContent',
  205: 'ResetContent',
  206: 'PartialContent',
  207: 'MultiStatus',
  208: 'AlreadyReported',
  226: 'IMUsed',
  300: 'MultipleChoices',
  301: 'MovedPermanently',
  302: 'Found',
  303: 'SeeOther',
  304: 'NotModified',
  305: 'UseProxy',
  307: 'TemporaryRedirect',
  308: 'PermanentRedirect',
  400: 'BadRequest',
  401: 'Unauthorized',
  402: 'PaymentRequired',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  407: 'ProxyAuthenticationRequired',
  408: 'RequestTimeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'LengthRequired',
  412: 'PreconditionFailed',
  413: 'PayloadTooLarge',
  414: 'URITooLong',
  415: 'UnsupportedMediaType',
  416: 'RangeNotSatisfiable',
  417: 'ExpectationFailed',
  421: 'MisdirectedRequest',
  422: 'UnprocessableEntity',
  423: 'Locked',
  424: 'FailedDependency',
  426: 'UpgradeRequired',
  428: 'PreconditionRequired',
  429: 'TooManyRequests',
  431: 'RequestHeaderFieldsTooLarge',
  500: 'InternalServerError',
  501: 'NotImplemented',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
  505: 'HTTPVersionNotSupported',
  506: 'VariantAlsoNegotiates',
  507: 'InsufficientStorage',
  508: 'LoopDetected',
  510: 'NotExtended',
  511: 'NetworkAuthenticationRequired',
}

/** protoDuration turns a Go duration (`1m30s`, `500ms`) into proto3 JSON (`90s`, `0.500s`). */
export function protoDuration(d: string): string | undefined {
  const ns = parseGoDuration(d)
  if (ns === undefined) return undefined
  const secs = ns / 1_000_000_000n
  const frac = ns % 1_000_000_000n
  if (frac === 0n) return `${secs}s`
  const f = String(frac).padStart(9, '0')
  const digits = f.endsWith('000000') ? 3 : f.endsWith('000') ? 6 : 9
  return `${secs}.${f.slice(0, digits)}s`
}

const tokenBucket = (num: number, interval: string): Json => ({
  maxTokens: num,
  tokensPerFill: num,
  fillInterval: protoDuration(interval) ?? interval,
})

const hundredPercent = (runtimeKey: string): Json => ({
  defaultValue: { numerator: 100 },
  runtimeKey,
})

/**
 * httpRateLimit is Kuma's `NewRateLimitConfiguration(RateLimitConfigurationFromPolicy(conf))`:
 * the per-route LocalRateLimit, or undefined when the conf is disabled or has no request rate.
 * `set` headers with comma-separated values become one overwrite per value. A status Envoy does
 * not define is dropped (Envoy would reject it) and reported through `warn`.
 */
export function httpRateLimit(conf: LocalHTTP, warn: (w: string) => void): Json | undefined {
  if (conf.disabled || !conf.requestRate) return undefined
  const out: Json = { '@type': HTTP_TYPE, statPrefix: 'rate_limit' }
  const on = conf.onRateLimit
  if (on?.status) {
    const name = STATUS_CODE[on.status]
    if (name) out.status = { code: name }
    else warn(`onRateLimit.status ${on.status} is not a status Envoy knows; using 429`)
  }
  out.tokenBucket = tokenBucket(conf.requestRate.num, conf.requestRate.interval)
  out.filterEnabled = hundredPercent('local_rate_limit_enabled')
  out.filterEnforced = hundredPercent('local_rate_limit_enforced')
  const headers: Json[] = []
  for (const h of on?.headers?.add ?? []) {
    headers.push({ header: { key: h.name, value: h.value } })
  }
  for (const h of on?.headers?.set ?? []) {
    for (const v of h.value.split(',')) {
      headers.push({
        header: { key: h.name, value: v },
        appendAction: 'OVERWRITE_IF_EXISTS_OR_ADD',
      })
    }
  }
  if (headers.length > 0) out.responseHeadersToAdd = headers
  return out
}

/** httpFilter is the (empty) local rate limit HTTP filter the per-route configs need. */
export const httpFilter = (): Json => ({
  name: HTTP_FILTER,
  typedConfig: { '@type': HTTP_TYPE, statPrefix: 'rate_limit' },
})

/** tcpFilter is the network local rate limit filter, or undefined when there is nothing to limit. */
export function tcpFilter(conf: LocalTCP): Json | undefined {
  if (conf.disabled || !conf.connectionRate) return undefined
  return {
    name: TCP_FILTER,
    typedConfig: {
      '@type': T('envoy.extensions.filters.network.local_ratelimit.v3.LocalRateLimit'),
      statPrefix: 'tcp_rate_limit',
      tokenBucket: tokenBucket(conf.connectionRate.num, conf.connectionRate.interval),
    },
  }
}
