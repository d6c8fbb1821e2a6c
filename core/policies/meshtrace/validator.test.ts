import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { kind } from './index'
import { validateMeshTrace } from './validator'

const ctx = { name: 'mtr-1', mesh: 'default', labels: {} }

describe('MeshTrace validator', () => {
  it('is wired as the kind validator', () => {
    expect(kind.validate).toBe(validateMeshTrace)
  })

  it.each([
    [
      'full zipkin example',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: Zipkin
      zipkin:
        url: http://jaeger-collector.mesh-observability:9411/api/v2/spans
        apiVersion: httpJson
  tags:
    - name: team
      literal: core
    - name: env
      header:
        name: x-env
        default: prod
    - name: version
      header:
        name: x-version
  sampling:
    overall: 80
    random: "60.1"
    client: 40
`,
    ],
    [
      'with opentelemetry backend gRPC',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: OpenTelemetry
      openTelemetry:
        endpoint: otel-collector:4317
`,
    ],
    [
      'with empty backends',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends: []
  tags:
    - name: team
      literal: core
    - name: env
      header:
        name: x-env
        default: prod
    - name: version
      header:
        name: x-version
  sampling:
    overall: 80
    random: 60
    client: 40
`,
    ],
    [
      'with datadog backend',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: Datadog
      datadog:
        url: http://intake.datadoghq.eu:8126
        splitService: true
`,
    ],
    [
      'top level MeshGateway',
      `
targetRef:
  kind: MeshGateway
  name: edge
default:
  backends:
    - type: Datadog
      datadog:
        url: http://intake.datadoghq.eu:8126
        splitService: true
`,
    ],
    [
      'with opentelemetry backendRef',
      `
targetRef:
  kind: MeshService
  name: backend
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
    expect(validateMeshTrace(parse(specYAML), ctx).violations).toEqual([])
  })

  it.each([
    [
      'no default',
      `
targetRef:
  kind: MeshService
  name: backend
`,
      [{ field: 'spec.default.backends', message: 'must be defined' }],
    ],
    [
      'multiple backends',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - zipkin:
        url: http://jaeger-collector1.mesh-observability:9411/api/v2/spans
    - zipkin:
        url: http://jaeger-collector2.mesh-observability:9411/api/v2/spans
`,
      [{ field: 'spec.default.backends', message: 'must have zero or one backend defined' }],
    ],
    [
      'no url for zipkin backend',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: Zipkin
      zipkin: {}
`,
      [{ field: 'spec.default.backends[0].zipkin.url', message: 'must not be empty' }],
    ],
    [
      'invalid url for zipkin backend',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: Zipkin
      zipkin:
        url: not_valid_url
`,
      [{ field: 'spec.default.backends[0].zipkin.url', message: 'must be a valid url' }],
    ],
    [
      'invalid url for datadog backend',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: Datadog
      datadog:
        url: not_valid_url
`,
      [{ field: 'spec.default.backends[0].datadog.url', message: 'must be a valid url' }],
    ],
    [
      'no port for datadog backend url',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: Datadog
      datadog:
        url: http://intake.datadoghq.eu
`,
      [{ field: 'spec.default.backends[0].datadog.url', message: 'port must be defined' }],
    ],
    [
      'invalid port for datadog backend',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: Datadog
      datadog:
        url: http://intake.datadoghq.eu:999999
`,
      [
        {
          field: 'spec.default.backends[0].datadog.url',
          message: 'port must be a valid (1-65535)',
        },
      ],
    ],
    [
      'invalid scheme for datadog backend',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: Datadog
      datadog:
        url: sql://intake.datadoghq.eu:8126
`,
      [{ field: 'spec.default.backends[0].datadog.url', message: 'scheme must be http' }],
    ],
    [
      'path provided for datadog backend',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: Datadog
      datadog:
        url: http://intake.datadoghq.eu:8126/some/path
`,
      [{ field: 'spec.default.backends[0].datadog.url', message: 'path must not be defined' }],
    ],
    [
      'tag missing name',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: Datadog
      datadog:
        url: http://intake.datadoghq.eu:443
  tags:
    - literal: example
    - header:
        default: example
`,
      [
        { field: 'spec.default.tags[0].name', message: 'must not be empty' },
        { field: 'spec.default.tags[1].name', message: 'must not be empty' },
      ],
    ],
    [
      'tag missing type',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: Datadog
      datadog:
        url: http://intake.datadoghq.eu:443
  tags:
    - name: example
`,
      [
        {
          field: 'spec.default.tags[0]',
          message: 'tag must have only one type defined: header, literal',
        },
      ],
    ],
    [
      'sampling out of range',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: Datadog
      datadog:
        url: http://intake.datadoghq.eu:443
  sampling:
    overall: 101
`,
      [{ field: 'spec.default.sampling.overall', message: 'must be between 0 and 100' }],
    ],
    [
      'sampling invalid string',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: Datadog
      datadog:
        url: http://intake.datadoghq.eu:443
  sampling:
    overall: xyz
    client: xyz
    random: xyz
`,
      [
        { field: 'spec.default.sampling.client', message: 'string is not a number' },
        { field: 'spec.default.sampling.random', message: 'string is not a number' },
        { field: 'spec.default.sampling.overall', message: 'string is not a number' },
      ],
    ],
    [
      'datadog backend must be defined',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: Datadog
`,
      [{ field: 'spec.default.backends[0].datadog', message: 'must be defined' }],
    ],
    [
      'zipkin backend must be defined',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: Zipkin
`,
      [{ field: 'spec.default.backends[0].zipkin', message: 'must be defined' }],
    ],
    [
      'openTelemetry backend must be defined',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: OpenTelemetry
`,
      [{ field: 'spec.default.backends[0].openTelemetry', message: 'must be defined' }],
    ],
    [
      'openTelemetry neither endpoint nor backendRef',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: OpenTelemetry
      openTelemetry:
        endpoint: ""
`,
      [
        {
          field: 'spec.default.backends[0].openTelemetry',
          message: 'openTelemetry must have exactly one defined: endpoint, backendRef',
        },
      ],
    ],
    [
      'openTelemetry endpoint must not be a URL',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: OpenTelemetry
      openTelemetry:
        endpoint: "http://otel-collector:4318/v1/traces"
`,
      [
        {
          field: 'spec.default.backends[0].openTelemetry.endpoint',
          message: 'must be in host:port format, not a URL',
        },
      ],
    ],
    [
      'openTelemetry endpoint must not contain a path',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: OpenTelemetry
      openTelemetry:
        endpoint: "otel-collector:4318/v1/traces"
`,
      [
        {
          field: 'spec.default.backends[0].openTelemetry.endpoint',
          message: 'must be in host:port format, not a URL',
        },
      ],
    ],
    [
      'openTelemetry both endpoint and backendRef',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: OpenTelemetry
      openTelemetry:
        endpoint: otel-collector:4317
        backendRef:
          kind: MeshOpenTelemetryBackend
          labels:
            kuma.io/display-name: my-otel
`,
      [
        {
          field: 'spec.default.backends[0].openTelemetry',
          message: 'openTelemetry must have only one type defined: endpoint, backendRef',
        },
      ],
    ],
    [
      'openTelemetry backendRef no labels',
      `
targetRef:
  kind: MeshService
  name: backend
default:
  backends:
    - type: OpenTelemetry
      openTelemetry:
        backendRef:
          kind: MeshOpenTelemetryBackend
`,
      [
        {
          field: 'spec.default.backends[0].openTelemetry.backendRef',
          message: 'backendRef must have exactly one defined: labels',
        },
      ],
    ],
    [
      'gateway listener tags not allowed',
      `
targetRef:
  kind: MeshGateway
  name: edge
  tags:
    name: listener-1
default:
  backends:
    - type: Datadog
      datadog:
        url: http://intake.datadoghq.eu:8126
        splitService: true`,
      [{ field: 'spec.targetRef.tags', message: 'must not be set with kind MeshGateway' }],
    ],
  ])('rejects %s', (_, specYAML, expected) => {
    expect(validateMeshTrace(parse(specYAML), ctx).violations).toEqual(expected)
  })

  it('rejects a MeshGateway targetRef for a non-system policy role', () => {
    const spec = parse(`
targetRef: { kind: MeshGateway, name: edge }
default: { backends: [] }
`)
    const producer = { ...ctx, labels: { 'kuma.io/policy-role': 'producer' } }
    expect(validateMeshTrace(spec, producer).violations).toEqual([
      { field: 'spec.targetRef.kind', message: "value 'MeshGateway' is not supported" },
    ])
  })

  it('reports every extra part of a Datadog url', () => {
    const spec = parse(`
default:
  backends: [{ type: Datadog, datadog: { url: 'http://user@agent:8126/p?q=1' } }]
`)
    expect(validateMeshTrace(spec, ctx).violations).toEqual([
      { field: 'spec.default.backends[0].datadog.url', message: 'user must not be defined' },
      { field: 'spec.default.backends[0].datadog.url', message: 'path must not be defined' },
      { field: 'spec.default.backends[0].datadog.url', message: 'query must not be defined' },
    ])
  })
})
