/** @module TypeScript shape of MeshRetry's spec (Kuma `meshretry.go`). */
import type { TargetRef } from '../common/targetref'
import type { HeaderMatch } from '../common/types'
export type { HeaderMatch } from '../common/types'

/** MeshRetry retries failed TCP connections and HTTP/gRPC requests to destinations. */
export interface MeshRetry {
  /** targetRef selects the proxies the policy applies to; absent means the whole mesh. */
  targetRef?: TargetRef
  /** to matches destinations (outbound). */
  to?: To[]
}

export interface To {
  targetRef: TargetRef
  default?: Conf
}

/** Conf is the mergeable retry configuration per protocol. */
export interface Conf {
  tcp?: TCP
  http?: HTTP
  grpc?: GRPC
}

export interface TCP {
  /** maxConnectAttempt is how many TCP connection attempts are made before giving up. */
  maxConnectAttempt?: number
}

/** HTTPRetryOn is a condition name (`5xx`, `GatewayError`, `HttpMethodGet`, ...) or a status code. */
export type HTTPRetryOn = string

export interface HTTP {
  /** numRetries on failed, retriable requests. Default 1. */
  numRetries?: number
  /** perTryTimeout per attempt. Default: the route timeout; 0 disables. */
  perTryTimeout?: string
  /** backOff between retries (exponential). */
  backOff?: BackOff
  /** rateLimitedBackOff used when the upstream returns one of the reset headers. */
  rateLimitedBackOff?: RateLimitedBackOff
  /** retryOn lists the conditions that cause a retry. Lists replace, never merge. */
  retryOn?: HTTPRetryOn[]
  /** retriableResponseHeaders trigger a retry when one matches the response. */
  retriableResponseHeaders?: HeaderMatch[]
  /** retriableRequestHeaders must match the request for it to be retried. */
  retriableRequestHeaders?: HeaderMatch[]
  /** hostSelection predicates pick hosts for retries. */
  hostSelection?: Predicate[]
  /** hostSelectionMaxAttempts before the last selected host is used. Default: retry once. */
  hostSelectionMaxAttempts?: number
}

export type GRPCRetryOn =
  'Canceled' | 'DeadlineExceeded' | 'Internal' | 'ResourceExhausted' | 'Unavailable'

export interface GRPC {
  /** numRetries on failed, retriable requests. Default 1. */
  numRetries?: number
  /** perTryTimeout per attempt. Default: the route timeout; 0 disables. */
  perTryTimeout?: string
  backOff?: BackOff
  rateLimitedBackOff?: RateLimitedBackOff
  /** retryOn lists the gRPC statuses that cause a retry. */
  retryOn?: GRPCRetryOn[]
}

export interface BackOff {
  /** baseInterval between retries, above 0. Default `25ms`. */
  baseInterval?: string
  /** maxInterval between retries. Default 10 times baseInterval. */
  maxInterval?: string
}

export interface RateLimitedBackOff {
  /** resetHeaders are tried in order; the first that parses gives the wait. */
  resetHeaders?: ResetHeader[]
  /** maxInterval between retries. Default `300s`. */
  maxInterval?: string
}

export interface ResetHeader {
  name: string
  format: 'Seconds' | 'UnixTimestamp'
}

export interface Predicate {
  predicate: 'OmitPreviousHosts' | 'OmitHostsWithTags' | 'OmitPreviousPriorities'
  /** tags of hosts to omit; required with OmitHostsWithTags. */
  tags?: Record<string, string>
  /** updateFrequency of the priority load, for OmitPreviousPriorities. Default 2. */
  updateFrequency?: number
}
