import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { applyDefaults, validateSchema } from '../../schema/validate'
import { kind } from './index'

const schema = kind.specSchema!

function violationsOf(specYAML: string) {
  const v = validateSchema(parse(specYAML), schema, 'spec').violations
  return [...v].sort((a, b) => (a.field + a.message).localeCompare(b.field + b.message))
}

describe('MeshTrace kind', () => {
  it('describes MeshTrace as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshTrace',
      plural: 'meshtraces',
      kumactlArg: 'meshtrace',
      singularDisplayName: 'Mesh Trace',
      pluralDisplayName: 'Mesh Traces',
      shortName: 'mtr',
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

describe('MeshTrace schema', () => {
  it.each([
    [
      'a full Zipkin example with tags and sampling',
      `
targetRef: { kind: MeshService, name: backend }
default:
  backends:
    - type: Zipkin
      zipkin: { url: 'http://jaeger-collector.mesh-observability:9411/api/v2/spans', apiVersion: httpJson }
  tags:
    - { name: team, literal: core }
    - { name: env, header: { name: x-env, default: prod } }
    - { name: version, header: { name: x-version } }
  sampling: { overall: 80, random: '60.1', client: 40 }
`,
    ],
    [
      'an OpenTelemetry backend',
      `default: { backends: [{ type: OpenTelemetry, openTelemetry: { endpoint: 'otel-collector:4317' } }] }`,
    ],
    [
      'a Datadog backend on a MeshGateway',
      `
targetRef: { kind: MeshGateway, name: edge }
default: { backends: [{ type: Datadog, datadog: { url: 'http://intake.datadoghq.eu:8126', splitService: true } }] }
`,
    ],
    ['no default at all', `targetRef: { kind: Mesh }`],
  ])('accepts %s', (_, spec) => {
    expect(violationsOf(spec)).toEqual([])
  })

  it.each([
    [
      'two backends',
      `
default:
  backends:
    - { type: Zipkin, zipkin: { url: 'http://a:9411' } }
    - { type: Zipkin, zipkin: { url: 'http://b:9411' } }
`,
      [{ field: 'spec.default.backends', message: 'in body should have at most 1 items' }],
    ],
    [
      'a backend without type and zipkin without url',
      `default: { backends: [{ zipkin: {} }] }`,
      [
        { field: 'spec.default.backends[0].type', message: 'in body is required' },
        { field: 'spec.default.backends[0].zipkin.url', message: 'in body is required' },
      ],
    ],
    [
      'an unknown backend type and Zipkin apiVersion',
      `default: { backends: [{ type: Jaeger, zipkin: { url: x, apiVersion: grpc } }] }`,
      [
        {
          field: 'spec.default.backends[0].type',
          message: 'in body should be one of [Zipkin Datadog OpenTelemetry]',
        },
        {
          field: 'spec.default.backends[0].zipkin.apiVersion',
          message: 'in body should be one of [httpJson httpProto]',
        },
      ],
    ],
    [
      'a tag without name and a header without name',
      `default: { tags: [{ header: { default: x } }] }`,
      [
        { field: 'spec.default.tags[0].header.name', message: 'in body is required' },
        { field: 'spec.default.tags[0].name', message: 'in body is required' },
      ],
    ],
    [
      'a datadog url of the wrong type',
      `default: { backends: [{ type: Datadog, datadog: { url: 8126, splitService: 'no' } }] }`,
      [
        {
          field: 'spec.default.backends[0].datadog.splitService',
          message: 'in body must be of type boolean: "string"',
        },
        {
          field: 'spec.default.backends[0].datadog.url',
          message: 'in body must be of type string: "number"',
        },
      ],
    ],
    [
      'a MeshFoo targetRef',
      `targetRef: { kind: MeshFoo }`,
      [
        {
          field: 'spec.targetRef.kind',
          message:
            'in body should be one of [Mesh MeshSubset MeshGateway MeshService MeshExternalService MeshMultiZoneService MeshServiceSubset MeshHTTPRoute Dataplane]',
        },
      ],
    ],
  ])('rejects %s', (_, spec, expected) => {
    expect(violationsOf(spec)).toEqual(expected)
  })

  it('rejects a sampling rate that is neither an integer nor a string as kube-openapi does', () => {
    expect(violationsOf(`default: { sampling: { overall: true } }`)).toEqual([
      {
        field: '',
        message: '"spec.default.sampling.overall" must validate at least one schema (anyOf)',
      },
      {
        field: 'spec.default.sampling.overall',
        message: 'in body must be of type integer: "boolean"',
      },
    ])
  })

  it('defaults Zipkin and Datadog options and the OpenTelemetry endpoint', () => {
    const zipkin = parse(
      `default: { backends: [{ type: Zipkin, zipkin: { url: 'http://z:9411' } }] }`,
    )
    applyDefaults(zipkin, schema)
    expect(zipkin.default.backends[0].zipkin).toEqual({
      url: 'http://z:9411',
      apiVersion: 'httpJson',
      sharedSpanContext: true,
      traceId128bit: false,
    })
    const datadog = parse(
      `default: { backends: [{ type: Datadog, datadog: { url: 'http://d:8126' } }] }`,
    )
    applyDefaults(datadog, schema)
    expect(datadog.default.backends[0].datadog.splitService).toBe(false)
    const otel = parse(`default: { backends: [{ type: OpenTelemetry, openTelemetry: {} }] }`)
    applyDefaults(otel, schema)
    expect(otel.default.backends[0].openTelemetry.endpoint).toBe('')
  })
})
