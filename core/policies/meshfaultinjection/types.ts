/** @module TypeScript shape of MeshFaultInjection's spec (Kuma `meshfaultinjection.go`). */
import type { TargetRef } from '../common/targetref'
import type { Match } from '../common/types'
export type { Match } from '../common/types'

/** MeshFaultInjection injects faults into traffic for chaos testing. */
export interface MeshFaultInjection {
  /** targetRef selects the proxies the policy applies to; absent means the whole mesh. */
  targetRef?: TargetRef
  /** from matches clients (inbound, legacy form of `rules`). */
  from?: From[]
  /** to matches destinations (outbound). */
  to?: To[]
  /** rules configure inbound fault injection. */
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
  default: Conf
}

/** Conf is the mergeable fault configuration. */
export interface Conf {
  /** http lists HTTP faults. Absent: no faults. Lists replace, never merge. */
  http?: FaultInjectionConf[]
}

export interface FaultInjectionConf {
  /** abort answers with httpStatus instead of delivering the request. */
  abort?: AbortConf
  /** delay holds the response back for `value`. */
  delay?: DelayConf
  /** responseBandwidth limits the response speed. */
  responseBandwidth?: ResponseBandwidthConf
}

/** Percentage is an int or a decimal as string, in [0, 100]. */
export type Percentage = number | string

export interface AbortConf {
  httpStatus: number
  percentage: Percentage
}

export interface DelayConf {
  /** value is a Go duration such as `5s`. */
  value: string
  percentage: Percentage
}

export interface ResponseBandwidthConf {
  /** limit in Gbps, Mbps, kbps or bps, e.g. `10kbps`. */
  limit: string
  percentage: Percentage
}
