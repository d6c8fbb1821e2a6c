/** @module TypeScript shape of MeshRateLimit's spec (Kuma `meshratelimit.go`). */
import type { TargetRef } from '../common/targetref'
import type { HeaderKeyValue, Match } from '../common/types'
export type { HeaderKeyValue, Match } from '../common/types'

/** MeshRateLimit limits the rate of requests or connections a proxy accepts. */
export interface MeshRateLimit {
  /** targetRef selects the proxies the policy applies to; absent means the whole mesh. */
  targetRef?: TargetRef
  /** from matches clients (inbound, legacy form of `rules`). */
  from?: From[]
  /** to matches destinations (only MeshGateway may use it). */
  to?: To[]
  /** rules configure inbound rate limits. */
  rules?: Rule[]
}

export interface From {
  targetRef: TargetRef
  default?: Conf
}

export interface To {
  targetRef: TargetRef
  default?: Conf
}

export interface Rule {
  /** matches restrict the rule to clients by SPIFFE ID or SNI; absent matches every client. */
  matches?: Match[]
  default?: Conf
}

/** Conf is the mergeable rate limit configuration. */
export interface Conf {
  local?: Local
}

/** Local holds local (per-proxy) HTTP and/or TCP rate limits. */
export interface Local {
  http?: LocalHTTP
  tcp?: LocalTCP
}

export interface LocalHTTP {
  /** disabled turns HTTP rate limiting off. Default false. */
  disabled?: boolean
  /** requestRate: requests allowed per interval; replaced whole when merged. */
  requestRate?: Rate
  /** onRateLimit: the response sent when limited. Absent: 429, no extra headers. */
  onRateLimit?: OnRateLimit
}

export interface OnRateLimit {
  /** status of the rate-limited response. Default 429. */
  status?: number
  headers?: HeaderModifier
}

/** HeaderModifier sets or adds headers; several values go comma-separated (RFC 7230). */
export interface HeaderModifier {
  set?: HeaderKeyValue[]
  add?: HeaderKeyValue[]
}

export interface LocalTCP {
  /** disabled turns TCP rate limiting off. Default false. */
  disabled?: boolean
  /** connectionRate: connections allowed per interval; replaced whole when merged. */
  connectionRate?: Rate
}

/** Rate is `num` units (requests or connections) per `interval` (a Go duration). */
export interface Rate {
  num: number
  interval: string
}
