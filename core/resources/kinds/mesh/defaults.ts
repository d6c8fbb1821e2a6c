/** @module Kuma's Mesh Default(): fills each prometheus metrics backend's `conf` before validation and storage. */
import { defaultPrometheusConfig } from '../inline/prometheus'
import type { MeshSpec } from './types'

/**
 * applyMeshDefaults returns the spec Kuma stores: each `prometheus` backend's conf decoded and
 * filled (tls mode from skipMTLS, port 5670, path /metrics, tag kuma.io/service: dataplane-metrics).
 * A conf that does not decode is left as is; the validator reports it.
 */
export function applyMeshDefaults(spec: MeshSpec): MeshSpec {
  const backends = spec.metrics?.backends
  if (!backends?.some((b) => b.type === 'prometheus')) return spec
  return {
    ...spec,
    metrics: {
      ...spec.metrics,
      backends: backends.map((b) => {
        if (b.type !== 'prometheus') return b
        const conf = defaultPrometheusConfig(b.conf)
        return conf === undefined ? b : { ...b, conf }
      }),
    },
  }
}
