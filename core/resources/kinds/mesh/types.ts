/**
 * @module Mesh spec in its canonical proto JSON form (kuma.mesh.v1alpha1.Mesh); a zero value is the
 * same as absent. Backend `conf`s are free objects checked against the backend type's config message.
 */
import type { PrometheusMetricsBackendConfig } from '../inline/prometheus'

export interface CertificateAuthorityBackend {
  name?: string
  /** type: `builtin` or `provided`. */
  type?: string
  dpCert?: {
    /** rotation.expiration like `1d`, `2y` (units y, w, d, h, m, s, ms). */
    rotation?: { expiration?: string }
    requestTimeout?: string
  }
  conf?: Record<string, unknown>
  /** mode defaults to STRICT. */
  mode?: 'STRICT' | 'PERMISSIVE'
  rootChain?: { requestTimeout?: string }
}

export interface Mtls {
  /** enabledBackend names the CA in use; absent means mTLS is off. */
  enabledBackend?: string
  backends?: CertificateAuthorityBackend[]
  skipValidation?: boolean
}

export interface TracingBackend {
  name?: string
  /** sampling percentage in [0, 100]; Kuma's default is 100. */
  sampling?: number
  /** type: `zipkin` or `datadog`. */
  type?: string
  conf?: Record<string, unknown>
}

export interface LoggingBackend {
  name?: string
  format?: string
  /** type: `file` or `tcp`. */
  type?: string
  conf?: Record<string, unknown>
}

export interface MetricsBackend {
  name?: string
  /** type: only `prometheus`. */
  type?: string
  /** conf of a prometheus backend; defaults filled on PUT (port 5670, path /metrics, ...). */
  conf?: PrometheusMetricsBackendConfig & Record<string, unknown>
}

export interface MeshSpec {
  mtls?: Mtls
  tracing?: { defaultBackend?: string; backends?: TracingBackend[] }
  logging?: { defaultBackend?: string; backends?: LoggingBackend[] }
  metrics?: { enabledBackend?: string; backends?: MetricsBackend[] }
  /** networking.outbound.passthrough defaults to true. */
  networking?: { outbound?: { passthrough?: boolean } }
  routing?: {
    localityAwareLoadBalancing?: boolean
    zoneEgress?: boolean
    defaultForbidMeshExternalServiceAccess?: boolean
  }
  constraints?: {
    dataplaneProxy?: {
      requirements?: { tags?: Record<string, string> }[]
      restrictions?: { tags?: Record<string, string> }[]
    }
  }
  skipCreatingInitialPolicies?: string[]
  /** meshServices.mode defaults to Disabled. */
  meshServices?: { mode?: 'Disabled' | 'Everywhere' | 'ReachableBackends' | 'Exclusive' }
}
