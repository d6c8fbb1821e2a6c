import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { kind } from './index'
import { validateMeshMetric } from './validator'

const ctx = { name: 'metrics-1', mesh: 'mesh-1', labels: {} }

describe('MeshMetric validator', () => {
  it('is wired as the kind validator', () => {
    expect(kind.validate).toBe(validateMeshMetric)
  })

  it.each([
    [
      'full spec',
      `
type: MeshMetric
mesh: mesh-1
name: metrics-1
targetRef:
  kind: MeshService
  name: svc-1
default:
  sidecar:
    profiles:
      appendProfiles:
        - name: None
        - name: Basic
      exclude:
        - type: Regex
          match: "my_match.*"
      include:
        - type: Prefix
          match: "my_match"
    includeUnused: true
  applications:
    - path: "metrics/prometheus"
      port: 8888
    - port: 8000
  backends:
    - type: Prometheus
      prometheus:
        clientId: main-backend 
        port: 5670
        path: /metrics
        tls:
          mode: "ProvidedTLS"
    - type: OpenTelemetry
      openTelemetry:
        endpoint: otel-collector:4778
`,
    ],
    [
      'openTelemetry with backendRef',
      `
type: MeshMetric
mesh: mesh-1
name: metrics-1
targetRef:
  kind: MeshService
  name: svc-1
default:
  backends:
    - type: OpenTelemetry
      openTelemetry:
        backendRef:
          kind: MeshOpenTelemetryBackend
          labels:
            kuma.io/display-name: my-otel
`,
    ],
  ])('accepts %s', (_, specYAML) => {
    expect(validateMeshMetric(parse(specYAML), ctx).violations).toEqual([])
  })

  it.each([
    [
      'missing Prometheus config',
      `
type: MeshMetric
mesh: mesh-1
name: metrics-1
targetRef:
  kind: MeshService
  name: svc-1
default:
  backends:
    - type: Prometheus
`,
      [{ field: 'spec.default.backends.backend[0].prometheus', message: 'must be defined' }],
    ],
    [
      'invalid port for prometheus listener',
      `
type: MeshMetric
mesh: mesh-1
name: metrics-1
targetRef:
  kind: MeshService
  name: svc-1
default:
  backends:
    - type: Prometheus
      prometheus:
        port: 95599
`,
      [
        {
          field: 'spec.default.backends.backend[0].port',
          message: 'port must be a valid (1-65535)',
        },
      ],
    ],
    [
      'invalid port for application',
      `
type: MeshMetric
mesh: mesh-1
name: metrics-1
targetRef:
  kind: MeshService
  name: svc-1
default:
  applications:
    - port: 95599
`,
      [
        {
          field: 'spec.default.applications.application[0]',
          message: 'port must be a valid (1-65535)',
        },
      ],
    ],
    [
      'invalid exclude regexes',
      `
type: MeshMetric
mesh: mesh-1
name: metrics-1
targetRef:
  kind: MeshService
  name: svc-1
default:
  sidecar:
    profiles:
      exclude:
        - type: Regex
          match: "())(!("
    includeUnused: true
`,
      [{ field: 'spec.default.sidecar.profiles.exclude[0].match', message: 'invalid regex' }],
    ],
    [
      'invalid include types',
      `
type: MeshMetric
mesh: mesh-1
name: metrics-1
targetRef:
  kind: MeshService
  name: svc-1
default:
  sidecar:
    profiles:
      include:
        - type: not_supported
`,
      [
        {
          field: 'spec.default.sidecar.profiles.include[0].type',
          message: "unrecognized type 'not_supported' - 'Regex', 'Prefix', 'Exact' are supported",
        },
      ],
    ],
    [
      'invalid profile',
      `
type: MeshMetric
mesh: mesh-1
name: metrics-1
targetRef:
  kind: MeshService
  name: svc-1
default:
  sidecar:
    profiles:
      appendProfiles:
        - name: not_supported
`,
      [
        {
          field: 'spec.default.sidecar.profiles.appendProfiles[0].name',
          message:
            "unrecognized profile name 'not_supported' - 'All', 'None', 'Basic' are supported",
        },
      ],
    ],
    [
      'invalid endpoint missing port',
      `
type: MeshMetric
mesh: mesh-1
name: metrics-1
targetRef:
  kind: MeshService
  name: svc-1
default:
  backends:
    - type: OpenTelemetry
      openTelemetry:
        endpoint: "asdasd123"
`,
      [
        {
          field: 'spec.default.backends.backend[0].openTelemetry.endpoint',
          message: 'must be in host:port format',
        },
      ],
    ],
    [
      'invalid endpoint with URL scheme',
      `
type: MeshMetric
mesh: mesh-1
name: metrics-1
targetRef:
  kind: MeshService
  name: svc-1
default:
  backends:
    - type: OpenTelemetry
      openTelemetry:
        endpoint: "http://endpoint:8023"
`,
      [
        {
          field: 'spec.default.backends.backend[0].openTelemetry.endpoint',
          message: 'must be in host:port format, not a URL',
        },
      ],
    ],
    [
      'openTelemetry neither endpoint nor backendRef',
      `
type: MeshMetric
mesh: mesh-1
name: metrics-1
targetRef:
  kind: MeshService
  name: svc-1
default:
  backends:
    - type: OpenTelemetry
      openTelemetry: {}
`,
      [
        {
          field: 'spec.default.backends.backend[0].openTelemetry',
          message: 'openTelemetry must have exactly one defined: endpoint, backendRef',
        },
      ],
    ],
    [
      'openTelemetry both endpoint and backendRef',
      `
type: MeshMetric
mesh: mesh-1
name: metrics-1
targetRef:
  kind: MeshService
  name: svc-1
default:
  backends:
    - type: OpenTelemetry
      openTelemetry:
        endpoint: otel-collector:4778
        backendRef:
          kind: MeshOpenTelemetryBackend
          labels:
            kuma.io/display-name: my-otel
`,
      [
        {
          field: 'spec.default.backends.backend[0].openTelemetry',
          message: 'openTelemetry must have only one type defined: endpoint, backendRef',
        },
      ],
    ],
    [
      'openTelemetry backendRef no labels',
      `
type: MeshMetric
mesh: mesh-1
name: metrics-1
targetRef:
  kind: MeshService
  name: svc-1
default:
  backends:
    - type: OpenTelemetry
      openTelemetry:
        backendRef:
          kind: MeshOpenTelemetryBackend
`,
      [
        {
          field: 'spec.default.backends.backend[0].openTelemetry.backendRef',
          message: 'backendRef must have exactly one defined: labels',
        },
      ],
    ],
    [
      'undefined openTelemetry backend when type is OpenTelemetry',
      `
type: MeshMetric
mesh: mesh-1
name: metrics-1
targetRef:
  kind: MeshService
  name: svc-1
default:
  backends:
    - type: OpenTelemetry
      prometheus:
        port: 5670
`,
      [{ field: 'spec.default.backends.backend[0].openTelemetry', message: 'must be defined' }],
    ],
  ])('rejects %s', (_, specYAML, expected) => {
    expect(validateMeshMetric(parse(specYAML), ctx).violations).toEqual(expected)
  })

  it('rejects regexes Go cannot compile', () => {
    const spec = parse(`
default:
  sidecar:
    profiles:
      include: [{ type: Regex, match: '^envoy_(?!cluster)' }, { type: Regex, match: 'ok_.*' }]
`)
    expect(validateMeshMetric(spec, ctx).violations).toEqual([
      { field: 'spec.default.sidecar.profiles.include[0].match', message: 'invalid regex' },
    ])
  })
})
