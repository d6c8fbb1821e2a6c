/** @module TypeScript shape of MeshOpenTelemetryBackend's spec and status (Kuma `meshopentelemetrybackend.go`). */
import type { Condition } from '../hostnamegenerator/types'

/**
 * MeshOpenTelemetryBackend is a shared OTel collector endpoint for observability policies. An
 * empty spec is valid: the node-local collector (kuma-dp resolves HOST_IP or 127.0.0.1).
 */
export interface MeshOpenTelemetryBackend {
  /** endpoint of the collector. Absent: port 4317, address resolved by kuma-dp. */
  endpoint?: Endpoint
  /** protocol of the collector connection. Default `grpc`. */
  protocol?: 'grpc' | 'http'
  /** env: whether OTEL exporter env vars take part. Default mode Optional, EnvFirst, overrides allowed. */
  env?: EnvPolicy
}

export interface Endpoint {
  /** address (hostname or IP). Absent: kuma-dp uses HOST_IP or 127.0.0.1. */
  address?: string
  /** port of the collector. Default 4317. */
  port?: number
  /** path is a base path for HTTP endpoints (signal suffixes appended); not allowed with grpc. */
  path?: string
}

export interface EnvPolicy {
  /** mode: `Disabled`, `Optional` or `Required`. Default `Optional`. */
  mode?: 'Disabled' | 'Optional' | 'Required'
  /** precedence between explicit fields and env vars: `ExplicitFirst` or `EnvFirst`. Default `EnvFirst`. */
  precedence?: 'ExplicitFirst' | 'EnvFirst'
  /** allowSignalOverrides lets per-signal OTEL env vars override shared ones. Default true. */
  allowSignalOverrides?: boolean
}

/** MeshOpenTelemetryBackendStatus carries the `ReferencedByPolicies` condition (reason `Referenced` or `NotReferenced`). */
export interface MeshOpenTelemetryBackendStatus {
  conditions?: Condition[]
}
