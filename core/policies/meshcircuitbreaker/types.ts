/** @module TypeScript shape of MeshCircuitBreaker's spec (Kuma `meshcircuitbreaker.go`). */
import type { TargetRef } from '../common/targetref'
import type { IntOrString } from '../common/types'
export type { IntOrString } from '../common/types'

/** MeshCircuitBreaker limits connections and ejects failing endpoints (outlier detection). */
export interface MeshCircuitBreaker {
  /** targetRef selects the proxies the policy applies to; absent means the whole mesh. */
  targetRef?: TargetRef
  /** to matches destinations (outbound). */
  to?: To[]
  /** from matches clients (inbound, legacy form of `rules`). */
  from?: From[]
  /** rules configure the inbound circuit breaker (all inbound traffic). */
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
  default?: Conf
}

/** Conf is the mergeable circuit-breaker configuration. */
export interface Conf {
  /** connectionLimits open the circuit when exceeded. */
  connectionLimits?: ConnectionLimits
  /** outlierDetection ejects hosts that perform unlike the others (passive health checking). */
  outlierDetection?: OutlierDetection
}

/** ConnectionLimits; absent fields take Envoy's defaults (1024, unlimited pools). */
export interface ConnectionLimits {
  maxConnections?: number
  maxConnectionPools?: number
  maxPendingRequests?: number
  maxRetries?: number
  maxRequests?: number
}

export interface OutlierDetection {
  /** disabled: the outlier detection configuration takes no effect. Default false. */
  disabled?: boolean
  /** interval between ejection analysis sweeps. */
  interval?: string
  /** baseEjectionTime, multiplied by the number of ejections of a host. */
  baseEjectionTime?: string
  /** maxEjectionPercent of a cluster that can be ejected. Default 10. */
  maxEjectionPercent?: number
  /** splitExternalAndLocalErrors distinguishes local origin failures. Default false. */
  splitExternalAndLocalErrors?: boolean
  detectors?: Detectors
  /** healthyPanicThreshold in percent. Default 50; 0 disables panic mode. */
  healthyPanicThreshold?: IntOrString
}

export interface Detectors {
  totalFailures?: { consecutive?: number }
  gatewayFailures?: { consecutive?: number }
  localOriginFailures?: { consecutive?: number }
  successRate?: DetectorSuccessRateFailures
  failurePercentage?: DetectorFailurePercentageFailures
}

export interface DetectorSuccessRateFailures {
  minimumHosts?: number
  requestVolume?: number
  /** standardDeviationFactor: int or decimal string. */
  standardDeviationFactor?: IntOrString
}

export interface DetectorFailurePercentageFailures {
  minimumHosts?: number
  requestVolume?: number
  threshold?: number
}
