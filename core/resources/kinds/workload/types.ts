/** @module Workload's spec and status (Kuma `workload/api/v1alpha1/workload.go`). */

/** Workload has no spec: it names a group of proxies (their `kuma.io/workload` label). */
export type Workload = Record<string, never>

/** WorkloadStatus counts the proxies of the workload; written by the control plane only. */
export interface WorkloadStatus {
  dataplaneProxies?: DataplaneProxies
}

export interface DataplaneProxies {
  connected: number
  healthy: number
  total: number
}
