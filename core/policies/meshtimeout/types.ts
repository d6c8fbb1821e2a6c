/** @module TypeScript shape of MeshTimeout's spec (Kuma `meshtimeout.go`). */
import type { TargetRef } from '../common/targetref'
import type { Match } from '../common/types'
export type { Match } from '../common/types'

/** MeshTimeout sets connection, idle and HTTP timeouts between services. */
export interface MeshTimeout {
  /** targetRef selects the proxies the policy applies to; absent means the whole mesh. */
  targetRef?: TargetRef
  /** to matches destinations (outbound). */
  to?: To[]
  /** from matches clients (inbound, legacy form of `rules`). */
  from?: From[]
  /** rules configure inbound timeouts, optionally only for matched clients. */
  rules?: Rule[]
}

export interface To {
  targetRef: TargetRef
  default?: Conf
}

export interface From {
  targetRef: TargetRef
  default?: Conf
}

export interface Rule {
  /** matches restrict the rule to clients by SPIFFE ID or SNI; absent matches every client. */
  matches?: Match[]
  default?: Conf
}

/** Conf is the mergeable timeout configuration; durations are Go duration strings (`15s`). */
export interface Conf {
  /** connectionTimeout to establish a TCP connection. Default `5s`; cannot be 0. */
  connectionTimeout?: string
  /** idleTimeout of a connection with no bytes sent or received. Default `1h`; 0 disables. */
  idleTimeout?: string
  /** http holds HTTP-specific timeouts. */
  http?: Http
}

export interface Http {
  /** requestTimeout for the entire request to be received. Default `15s`; 0 disables. */
  requestTimeout?: string
  /** streamIdleTimeout of a stream with no activity. Default `30m`; 0 disables. */
  streamIdleTimeout?: string
  /** maxStreamDuration is the longest a stream may live. Default: disabled; 0 disables. */
  maxStreamDuration?: string
  /** maxConnectionDuration after which a connection is drained. Default: disabled; 0 disables. */
  maxConnectionDuration?: string
  /** requestHeadersTimeout for the request headers to be received. Default: disabled; 0 disables. */
  requestHeadersTimeout?: string
}
