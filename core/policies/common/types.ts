/** @module TypeScript shapes of Kuma's common policy API (`api/common/v1alpha1`) that several policies embed. */
import type { TargetRef } from './targetref'

/** IntOrString is Kubernetes' IntOrString: a number, or a decimal or percentage as text. */
export type IntOrString = number | string

/** Match is common_api.Match: inbound traffic selected by the client's SPIFFE ID or by SNI. */
export interface Match {
  spiffeID?: { type: 'Exact' | 'Prefix'; value: string }
  sni?: { type: 'Exact'; value: string }
}

/** BackendRef is common_api.BackendRef: a targetRef with a weight and a port. */
export interface BackendRef extends TargetRef {
  /** weight relative to the other backendRefs. Default 1. */
  weight?: number
  /** port of a real MeshService. */
  port?: number
}

/** BackendResourceRef is common_api.BackendResourceRef: a MeshOpenTelemetryBackend chosen by labels. */
export interface BackendResourceRef {
  kind: 'MeshOpenTelemetryBackend'
  labels?: Record<string, string>
}

/** HeaderKeyValue is common_api.HeaderKeyValue. */
export interface HeaderKeyValue {
  name: string
  value: string
}

/** HeaderMatch is common_api.HeaderMatch. */
export interface HeaderMatch {
  /** type of match. Default `Exact`. */
  type?: 'Exact' | 'Present' | 'RegularExpression' | 'Absent' | 'Prefix'
  /** name is lower case; matched case-insensitively. */
  name: string
  value?: string
}
