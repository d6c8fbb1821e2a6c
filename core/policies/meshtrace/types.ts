/** @module MeshTrace's spec types (Kuma `meshtrace/api/v1alpha1/meshtrace.go`). */
import type { TargetRef } from '../common/targetref'
import type { IntOrString, BackendResourceRef } from '../common/types'
export type { IntOrString, BackendResourceRef } from '../common/types'

/** MeshTrace enables distributed tracing to Zipkin, Datadog or OpenTelemetry. */
export interface MeshTrace {
  /** targetRef selects the proxies the policy applies to. Absent means the whole mesh. */
  targetRef?: TargetRef
  default?: Conf
}

export interface Conf {
  /**
   * backends is a one-element array (Envoy takes one tracing backend; MADR 009 keeps it a list).
   * Absent or empty means no tracing.
   */
  backends?: Backend[]
  /** sampling decides which spans are exported. Absent means 100% for each rate. */
  sampling?: Sampling
  /** tags adds custom tags from headers or literals. */
  tags?: Tag[]
}

export type BackendType = 'Zipkin' | 'Datadog' | 'OpenTelemetry'

/** Backend holds exactly the one configuration its `type` names. */
export interface Backend {
  type: BackendType
  zipkin?: ZipkinBackend
  datadog?: DatadogBackend
  openTelemetry?: OpenTelemetryBackend
}

export interface OpenTelemetryBackend {
  /**
   * endpoint of the collector, e.g. `otel-collector:4317`. Default `''`.
   * @deprecated use backendRef instead.
   */
  endpoint?: string
  /** backendRef points to a MeshOpenTelemetryBackend; mutually exclusive with endpoint. */
  backendRef?: BackendResourceRef
}

export interface ZipkinBackend {
  /** url of the Zipkin collector, e.g. `http://jaeger-collector:9411/api/v2/spans`. */
  url: string
  /** traceId128bit generates 128-bit trace ids. Default false. */
  traceId128bit?: boolean
  /** apiVersion of the Zipkin API. Default `httpJson`. */
  apiVersion?: 'httpJson' | 'httpProto'
  /** sharedSpanContext makes client and server spans share a context. Default true. */
  sharedSpanContext?: boolean
}

export interface DatadogBackend {
  /** url of the Datadog agent: scheme http, host and port only, e.g. `http://my-agent:8080`. */
  url: string
  /** splitService splits the service name by direction and destination. Default false. */
  splitService?: boolean
}

export interface Sampling {
  /** overall caps the total sampling rate in percent. Default 100. */
  overall?: IntOrString
  /** client is the percent force-traced when `x-client-trace-id` is set. Default 100. */
  client?: IntOrString
  /** random is the percent randomly sampled otherwise. Default 100. */
  random?: IntOrString
}

/** Tag takes its value from exactly one of `literal` or `header`. */
export interface Tag {
  name: string
  literal?: string
  header?: HeaderTag
}

export interface HeaderTag {
  /** name of the header. */
  name: string
  /** default is used when the header is missing; absent then means no tag. */
  default?: string
}
