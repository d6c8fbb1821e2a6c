/** @module Test inputs transcribed from Kuma v2.14.3 mesh_defaulter_test.go (YAML as in the Go table). */

export interface KumaCase {
  table: string
  name: string
  fields: Record<string, string>
}

export const cases: KumaCase[] = [
  {
    table: 'should apply defaults on a target MeshResource',
    name: 'when defaults are not set',
    fields: {
      input: `metrics:
  enabledBackend: prometheus-1
  backends:
  - name: prometheus-1
    type: prometheus`,
      expected: `metrics:
  enabledBackend: prometheus-1
  backends:
  - name: prometheus-1
    type: prometheus
    conf:
      port: 5670
      path: /metrics
      tags:
        kuma.io/service: dataplane-metrics
      tls: {}`,
    },
  },
  {
    table: 'should apply defaults on a target MeshResource',
    name: 'when defaults are set',
    fields: {
      input: `metrics:
  enabledBackend: prometheus-1
  backends:
  - name: prometheus-1
    type: prometheus
    conf:
      path: /non-standard-path
      port: 1234
      tags:
        kuma.io/service: dataplane-metrics
      tls:
        mode: activeMTLSBackend`,
      expected: `metrics:
  enabledBackend: prometheus-1
  backends:
  - name: prometheus-1
    type: prometheus
    conf:
      path: /non-standard-path
      port: 1234
      tags:
        kuma.io/service: dataplane-metrics
      tls: {}`,
    },
  },
  {
    table: 'should apply defaults on a target MeshResource',
    name: 'when skipMTLS is set should translate to tls',
    fields: {
      input: `metrics:
  enabledBackend: prometheus-1
  backends:
  - name: prometheus-1
    type: prometheus
    conf:
      path: /non-standard-path
      port: 1234
      tags:
        kuma.io/service: dataplane-metrics
      skipMTLS: true`,
      expected: `metrics:
  enabledBackend: prometheus-1
  backends:
  - name: prometheus-1
    type: prometheus
    conf:
      path: /non-standard-path
      port: 1234
      skipMTLS: true
      tags:
        kuma.io/service: dataplane-metrics
      tls:
        mode: disabled`,
    },
  },
  {
    table: 'should not override user-defined configuration in a target MeshResource',
    name: 'when `metrics.prometheus` field is not set',
    fields: {
      input: `metrics: {}`,
      expected: `metrics: {}`,
    },
  },
  {
    table: 'should not override user-defined configuration in a target MeshResource',
    name: 'when mode is set',
    fields: {
      input: `metrics:
  enabledBackend: prometheus-1
  backends:
  - name: prometheus-1
    type: prometheus
    conf:
      path: /non-standard-path
      port: 1234
      tags:
        kuma.io/service: dataplane-metrics
      tls:
        mode: providedTLS`,
      expected: `metrics:
  enabledBackend: prometheus-1
  backends:
  - name: prometheus-1
    type: prometheus
    conf:
      path: /non-standard-path
      port: 1234
      tags:
        kuma.io/service: dataplane-metrics
      tls:
        mode: providedTLS`,
    },
  },
]
