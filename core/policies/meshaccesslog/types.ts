/** @module MeshAccessLog's spec types (Kuma `meshaccesslog/api/v1alpha1/meshaccesslog.go`). */
import type { TargetRef } from '../common/targetref'
import type { BackendResourceRef, Match } from '../common/types'
export type { BackendResourceRef, Match } from '../common/types'

/** MeshAccessLog configures access logging of traffic to and from proxies, to file, TCP or OpenTelemetry. */
export interface MeshAccessLog {
  /** targetRef selects the proxies the policy applies to. Absent means the whole mesh. */
  targetRef?: TargetRef
  /** to matches outgoing traffic by destination. */
  to?: To[]
  /** from matches incoming traffic by client. */
  from?: From[]
  /** rules configures inbound access logs; mutually exclusive with `to` and `from`. */
  rules?: Rule[]
}

export interface Rule {
  /**
   * matches selects traffic by SPIFFE ID or SNI. Rules fire independently: a connection that
   * satisfies several rules is logged to every matching rule's backends.
   */
  matches?: Match[]
  default: Conf
}

export interface To {
  targetRef: TargetRef
  default: Conf
}

export interface From {
  targetRef: TargetRef
  default: Conf
}

export interface Conf {
  /** backends receive the logs. Merged by appending; absent means no logging. */
  backends?: Backend[]
}

export type BackendType = 'Tcp' | 'File' | 'OpenTelemetry'

export interface Backend {
  type: BackendType
  tcp?: TCPBackend
  file?: FileBackend
  openTelemetry?: OtelBackend
}

/** TCPBackend sends logs to a TCP collector. */
export interface TCPBackend {
  /** format of the log lines; absent means Kuma's default plain format. */
  format?: Format
  /** address of the collector, e.g. `127.0.0.1:5000`. */
  address: string
}

/** OtelBackend sends logs to an OpenTelemetry collector. */
export interface OtelBackend {
  /** attributes are custom OpenTelemetry attributes; values may hold Envoy placeholders. */
  attributes?: OtelAttribute[]
  /** body is a raw string or an OTLP AnyValue; may hold Envoy placeholders. */
  body?: unknown
  /**
   * endpoint of the collector; an empty port defaults to 4317. Default `''`.
   * @deprecated use backendRef instead.
   */
  endpoint?: string
  /** backendRef points to a MeshOpenTelemetryBackend; mutually exclusive with endpoint. */
  backendRef?: BackendResourceRef
}

/** FileBackend writes logs to a file. */
export interface FileBackend {
  /** format of the log lines; absent means Kuma's default plain format. */
  format?: Format
  /** path of the log file, e.g. `/tmp/access.log`. */
  path: string
}

export type FormatType = 'Plain' | 'Json'

export interface Format {
  type: FormatType
  /** plain is the line template, e.g. `[%START_TIME%] %KUMA_MESH% %UPSTREAM_HOST%`. */
  plain?: string
  /** json lists the keys of a JSON log line and their placeholder values. */
  json?: JsonValue[]
  /** omitEmptyValues drops empty fields from the log line. Default false. */
  omitEmptyValues?: boolean
}

export interface JsonValue {
  key: string
  value: string
}

export interface OtelAttribute {
  /** key is a static OpenTelemetry attribute name (`^[a-z]([a-z0-9]|[._][a-z0-9])*$`). */
  key: string
  /** value may hold Kuma placeholders. */
  value: string
}
