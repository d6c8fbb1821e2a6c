/** @module TypeScript shape of MeshHealthCheck's spec (Kuma `meshhealthcheck.go`). */
import type { TargetRef } from '../common/targetref'
import type { HeaderKeyValue } from '../common/types'
export type { HeaderKeyValue } from '../common/types'

/** Duration is a Go duration string such as `10s` or `1m30s`. */
export type Duration = string

/** MeshHealthCheck enables active health checking of the destinations in `to[]`. */
export interface MeshHealthCheck {
  /** targetRef selects the proxies the policy applies to; absent means the whole mesh. */
  targetRef?: TargetRef
  /** to matches destinations and holds their health check configuration. */
  to?: To[]
}

export interface To {
  targetRef: TargetRef
  default?: Conf
}

/** Conf is the mergeable health check configuration; every field optional. */
export interface Conf {
  /** interval between consecutive health checks. Default `1m`. */
  interval?: Duration
  /** timeout waiting for a health check response. Default `15s`. */
  timeout?: Duration
  /** unhealthyThreshold: consecutive failures before a host is unhealthy. Default 5. */
  unhealthyThreshold?: number
  /** healthyThreshold: consecutive successes before a host is healthy. Default 1. */
  healthyThreshold?: number
  /** initialJitter delays the first check by a random time up to it. Absent: no jitter. */
  initialJitter?: Duration
  /** intervalJitter is added to every interval. Absent: no jitter. */
  intervalJitter?: Duration
  /** intervalJitterPercent adds interval * percent / 100 to every wait. Absent: none. */
  intervalJitterPercent?: number
  /**
   * healthyPanicThreshold (int or decimal string percentage). Default 50%; 0 disables panic mode.
   * @deprecated moved to MeshCircuitBreaker.
   */
  healthyPanicThreshold?: number | string
  /** failTrafficOnPanic fails all requests in panic mode instead of using every host. Default false. */
  failTrafficOnPanic?: boolean
  /** eventLogPath is the file Envoy logs health check events to. Absent: no event log. */
  eventLogPath?: string
  /** alwaysLogHealthCheckFailures logs every failure, not only the first. Default false. */
  alwaysLogHealthCheckFailures?: boolean
  /** noTrafficInterval is the interval used before a cluster ever had traffic. Default `60s`. */
  noTrafficInterval?: Duration
  tcp?: TcpHealthCheck
  http?: HttpHealthCheck
  grpc?: GrpcHealthCheck
  /** reuseConnection reuses the health check connection between checks. Default true. */
  reuseConnection?: boolean
}

/** TcpHealthCheck sends bytes and expects blocks back; absent send/receive means connect only. */
export interface TcpHealthCheck {
  /** disabled turns the TCP health check off. Default false. */
  disabled?: boolean
  /** send is the Base64 payload sent to the target. */
  send?: string
  /** receive lists Base64 blocks expected, in order, in the response. */
  receive?: string[]
}

export interface HttpHealthCheck {
  /** disabled turns the HTTP health check off. Default false. */
  disabled?: boolean
  /** path requested by the check. Default `/`. */
  path?: string
  /** requestHeadersToAdd are added to every health check request. */
  requestHeadersToAdd?: HeaderModifier
  /** expectedStatuses are the response statuses considered healthy. Absent: Envoy's default (200). */
  expectedStatuses?: number[]
}

export interface GrpcHealthCheck {
  /** disabled turns the gRPC health check off. Default false. */
  disabled?: boolean
  /** serviceName is sent to the gRPC health service. */
  serviceName?: string
  /** authority is the `:authority` header. Default: the cluster name. */
  authority?: string
}

/** HeaderModifier sets or adds headers; several values go comma-separated (RFC 7230). */
export interface HeaderModifier {
  set?: HeaderKeyValue[]
  add?: HeaderKeyValue[]
}
