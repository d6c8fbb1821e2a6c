/** @module MeshMetric's spec types (Kuma `meshmetric/api/v1alpha1/meshmetric.go`). */
import type { TargetRef } from '../common/targetref'
import type { BackendResourceRef } from '../common/types'
export type { BackendResourceRef } from '../common/types'

/** MeshMetric configures sidecar and application metrics and where they are exported. */
export interface MeshMetric {
  /** targetRef selects the proxies the policy applies to. Absent means the whole mesh. */
  targetRef?: TargetRef
  default?: Conf
}

export interface Conf {
  /** sidecar configures collection of the proxy's own metrics. */
  sidecar?: Sidecar
  /** applications the proxy scrapes; ignored on zone proxies. */
  applications?: Application[]
  /** backends that collect the metrics. */
  backends?: Backend[]
}

export interface Sidecar {
  /** profiles customises which metrics are published. */
  profiles?: Profiles
  /** includeUnused also publishes metrics never updated. Default false. */
  includeUnused?: boolean
}

export interface Profiles {
  /** appendProfiles combines predefined profiles. */
  appendProfiles?: Profile[]
  /** exclude drops metrics from the profile; subordinate to include. */
  exclude?: Selector[]
  /** include adds metrics to the profile; takes precedence over exclude. */
  include?: Selector[]
}

export type ProfileName = 'All' | 'Basic' | 'None'

export interface Profile {
  name: ProfileName
}

export type SelectorType = 'Prefix' | 'Regex' | 'Exact' | 'Contains'

export interface Selector {
  type: SelectorType
  /** match is the value compared using `type`. */
  match: string
}

export interface Application {
  name?: string
  /** path of the metrics endpoint. Default `/metrics`. */
  path?: string
  /** address the application listens on. */
  address?: string
  port: number
}

export type BackendType = 'Prometheus' | 'OpenTelemetry'

export interface Backend {
  type: BackendType
  prometheus?: PrometheusBackend
  openTelemetry?: OpenTelemetryBackend
}

export interface PrometheusBackend {
  /** clientId of the Prometheus backend, needed for MADS discovery. */
  clientId?: string
  /** port of the proxy's Prometheus endpoint. Default 5670. */
  port?: number
  /** path of the proxy's Prometheus endpoint. Default `/metrics`. */
  path?: string
  tls?: PrometheusTls
}

export type TlsMode = 'Disabled' | 'ProvidedTLS' | 'ActiveMTLSBackend'

export interface PrometheusTls {
  /** mode of TLS on the Prometheus listener. Default `Disabled`. */
  mode?: TlsMode
}

export interface OpenTelemetryBackend {
  /**
   * endpoint of the collector in host:port form. Default `''`.
   * @deprecated use backendRef instead.
   */
  endpoint?: string
  /** backendRef points to a MeshOpenTelemetryBackend; mutually exclusive with endpoint. */
  backendRef?: BackendResourceRef
  /** refreshInterval is how often metrics are pushed (a Go duration, e.g. `1m`). */
  refreshInterval?: string
}
