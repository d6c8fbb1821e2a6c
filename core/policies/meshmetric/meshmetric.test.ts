import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { applyDefaults, validateSchema } from '../../schema/validate'
import { kind } from './index'

const schema = kind.specSchema!

function violationsOf(specYAML: string) {
  const v = validateSchema(parse(specYAML), schema, 'spec').violations
  return [...v].sort((a, b) => (a.field + a.message).localeCompare(b.field + b.message))
}

describe('MeshMetric kind', () => {
  it('describes MeshMetric as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshMetric',
      plural: 'meshmetrics',
      kumactlArg: 'meshmetric',
      singularDisplayName: 'Mesh Metric',
      pluralDisplayName: 'Mesh Metrics',
      shortName: 'mm',
      scope: 'Mesh',
      isPolicy: true,
      isTargetRefBased: true,
      hasToTargetRef: false,
      hasFromTargetRef: false,
      hasRulesTargetRef: false,
      isFromAsRules: false,
      hasStatus: true,
      includeInFederation: true,
    })
  })
})

describe('MeshMetric schema', () => {
  it.each([
    [
      'the full spec from Kuma tests',
      `
targetRef: { kind: MeshService, name: svc-1 }
default:
  sidecar:
    profiles:
      appendProfiles: [{ name: None }, { name: Basic }]
      exclude: [{ type: Regex, match: 'my_match.*' }]
      include: [{ type: Prefix, match: my_match }]
    includeUnused: true
  applications:
    - { path: metrics/prometheus, port: 8888 }
    - { port: 8000 }
  backends:
    - type: Prometheus
      prometheus: { clientId: main-backend, port: 5670, path: /metrics, tls: { mode: ProvidedTLS } }
    - type: OpenTelemetry
      openTelemetry: { endpoint: 'otel-collector:4778', refreshInterval: 30s }
`,
    ],
    [
      'an OpenTelemetry backendRef',
      `
default:
  backends:
    - type: OpenTelemetry
      openTelemetry: { backendRef: { kind: MeshOpenTelemetryBackend, labels: { kuma.io/display-name: my-otel } } }
`,
    ],
  ])('accepts %s', (_, spec) => {
    expect(violationsOf(spec)).toEqual([])
  })

  it.each([
    [
      'an application without port and a backend without type',
      `default: { applications: [{ path: /m }], backends: [{ prometheus: {} }] }`,
      [
        { field: 'spec.default.applications[0].port', message: 'in body is required' },
        { field: 'spec.default.backends[0].type', message: 'in body is required' },
      ],
    ],
    [
      'unknown enum values',
      `
default:
  sidecar:
    profiles:
      appendProfiles: [{ name: Everything }]
      include: [{ type: Glob, match: x }]
  backends: [{ type: Statsd, prometheus: { tls: { mode: Auto } } }]
`,
      [
        {
          field: 'spec.default.backends[0].prometheus.tls.mode',
          message: 'in body should be one of [Disabled ProvidedTLS ActiveMTLSBackend]',
        },
        {
          field: 'spec.default.backends[0].type',
          message: 'in body should be one of [Prometheus OpenTelemetry]',
        },
        {
          field: 'spec.default.sidecar.profiles.appendProfiles[0].name',
          message: 'in body should be one of [All Basic None]',
        },
        {
          field: 'spec.default.sidecar.profiles.include[0].type',
          message: 'in body should be one of [Prefix Regex Exact Contains]',
        },
      ],
    ],
    [
      'a selector without match and type',
      `default: { sidecar: { profiles: { exclude: [{}] } } }`,
      [
        { field: 'spec.default.sidecar.profiles.exclude[0].match', message: 'in body is required' },
        { field: 'spec.default.sidecar.profiles.exclude[0].type', message: 'in body is required' },
      ],
    ],
    [
      'wrong types',
      `default: { sidecar: { includeUnused: 'yes' }, applications: [{ port: '8080' }] }`,
      [
        {
          field: 'spec.default.applications[0].port',
          message: 'in body must be of type integer: "string"',
        },
        {
          field: 'spec.default.sidecar.includeUnused',
          message: 'in body must be of type boolean: "string"',
        },
      ],
    ],
  ])('rejects %s', (_, spec, expected) => {
    expect(violationsOf(spec)).toEqual(expected)
  })

  it('defaults the Prometheus port, path and TLS mode and the application path', () => {
    const spec = parse(`
default:
  applications: [{ port: 8000 }]
  backends: [{ type: Prometheus, prometheus: { tls: {} } }, { type: OpenTelemetry, openTelemetry: {} }]
`)
    applyDefaults(spec, schema)
    expect(spec.default.applications[0]).toEqual({ port: 8000, path: '/metrics' })
    expect(spec.default.backends[0].prometheus).toEqual({
      port: 5670,
      path: '/metrics',
      tls: { mode: 'Disabled' },
    })
    expect(spec.default.backends[1].openTelemetry).toEqual({ endpoint: '' })
  })
})
