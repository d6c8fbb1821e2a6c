import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { applyDefaults, validateSchema } from '../../schema/validate'
import { kind } from './index'

const schema = kind.specSchema!

function violationsOf(specYAML: string) {
  const v = validateSchema(parse(specYAML), schema, 'spec').violations
  return [...v].sort((a, b) => (a.field + a.message).localeCompare(b.field + b.message))
}

describe('MeshAccessLog kind', () => {
  it('describes MeshAccessLog as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshAccessLog',
      plural: 'meshaccesslogs',
      kumactlArg: 'meshaccesslog',
      singularDisplayName: 'Mesh Access Log',
      pluralDisplayName: 'Mesh Access Logs',
      shortName: 'mal',
      scope: 'Mesh',
      isPolicy: true,
      isTargetRefBased: true,
      hasToTargetRef: true,
      hasFromTargetRef: true,
      hasRulesTargetRef: true,
      isFromAsRules: true,
      hasStatus: true,
      includeInFederation: true,
    })
  })
})

describe('MeshAccessLog schema', () => {
  it.each([
    [
      'to and from with Tcp and File backends',
      `
targetRef: { kind: MeshService, name: web-frontend }
from:
  - targetRef: { kind: Mesh }
    default:
      backends:
        - type: Tcp
          tcp:
            format: { type: Json, json: [{ key: start_time, value: '%START_TIME%' }] }
            address: 127.0.0.1:5000
to:
  - targetRef: { kind: MeshService, name: web-backend }
    default:
      backends:
        - type: File
          file:
            format: { type: Plain, plain: '{"start_time": "%START_TIME%"}' }
            path: /tmp/logs.txt
`,
    ],
    [
      'rules with matches and an OpenTelemetry backend',
      `
rules:
  - matches:
      - spiffeID: { type: Prefix, value: spiffe://trust-domain/ns/default }
      - sni: { type: Exact, value: backend.svc }
    default:
      backends:
        - type: OpenTelemetry
          openTelemetry:
            backendRef: { kind: MeshOpenTelemetryBackend, labels: { app: otel } }
            attributes: [{ key: service.version, value: '%KUMA_MESH%' }]
            body: { kvlistValue: { values: [{ key: mesh, value: { stringValue: '%KUMA_MESH%' } }] } }
`,
    ],
    ['an empty backend list', `from: [{ targetRef: { kind: Mesh }, default: { backends: [] } }]`],
  ])('accepts %s', (_, spec) => {
    expect(violationsOf(spec)).toEqual([])
  })

  it.each([
    [
      'a to[] item without targetRef and default',
      `to: [{}]`,
      [
        { field: 'spec.to[0].default', message: 'in body is required' },
        { field: 'spec.to[0].targetRef', message: 'in body is required' },
      ],
    ],
    [
      'a rules[] item without default',
      `rules: [{ matches: [] }]`,
      [{ field: 'spec.rules[0].default', message: 'in body is required' }],
    ],
    [
      'an unknown top-level targetRef kind',
      `targetRef: { kind: MeshFoo }`,
      [
        {
          field: 'spec.targetRef.kind',
          message:
            'in body should be one of [Mesh MeshSubset MeshGateway MeshService MeshExternalService MeshMultiZoneService MeshServiceSubset MeshHTTPRoute Dataplane]',
        },
      ],
    ],
    [
      'a backend of unknown type without a type',
      `from: [{ targetRef: { kind: Mesh }, default: { backends: [{ type: Syslog }, {}] } }]`,
      [
        {
          field: 'spec.from[0].default.backends[0].type',
          message: 'in body should be one of [Tcp File OpenTelemetry]',
        },
        { field: 'spec.from[0].default.backends[1].type', message: 'in body is required' },
      ],
    ],
    [
      'a file backend with an empty path and a bad format type',
      `
from:
  - targetRef: { kind: Mesh }
    default:
      backends: [{ type: File, file: { path: '', format: { type: Yaml } } }]
`,
      [
        {
          field: 'spec.from[0].default.backends[0].file.format.type',
          message: 'in body should be one of [Plain Json]',
        },
        {
          field: 'spec.from[0].default.backends[0].file.path',
          message: 'in body should be at least 1 chars long',
        },
      ],
    ],
    [
      'a tcp backend without address and a json entry without value',
      `
to:
  - targetRef: { kind: Mesh }
    default:
      backends: [{ type: Tcp, tcp: { format: { type: Json, json: [{ key: a }] } } }]
`,
      [
        { field: 'spec.to[0].default.backends[0].tcp.address', message: 'in body is required' },
        {
          field: 'spec.to[0].default.backends[0].tcp.format.json[0].value',
          message: 'in body is required',
        },
      ],
    ],
    [
      'an OpenTelemetry attribute key not matching the pattern and a wrong backendRef kind',
      `
to:
  - targetRef: { kind: Mesh }
    default:
      backends:
        - type: OpenTelemetry
          openTelemetry:
            attributes: [{ key: Bad Key, value: x }]
            backendRef: { kind: MeshService }
`,
      [
        {
          field: 'spec.to[0].default.backends[0].openTelemetry.attributes[0].key',
          message: "in body should match '^[a-z]([a-z0-9]|[._][a-z0-9])*$'",
        },
        {
          field: 'spec.to[0].default.backends[0].openTelemetry.backendRef.kind',
          message: 'in body should be one of [MeshOpenTelemetryBackend]',
        },
      ],
    ],
    [
      'wrong types',
      `
to:
  - targetRef: { kind: Mesh, name: 5 }
    default: { backends: [{ type: File, file: { path: /tmp/x, format: { type: Plain, omitEmptyValues: 'yes' } } }] }
`,
      [
        {
          field: 'spec.to[0].default.backends[0].file.format.omitEmptyValues',
          message: 'in body must be of type boolean: "string"',
        },
        { field: 'spec.to[0].targetRef.name', message: 'in body must be of type string: "number"' },
      ],
    ],
    [
      'an unknown SNI match type',
      `rules: [{ default: {}, matches: [{ sni: { type: Prefix, value: a } }] }]`,
      [{ field: 'spec.rules[0].matches[0].sni.type', message: 'in body should be one of [Exact]' }],
    ],
  ])('rejects %s', (_, spec, expected) => {
    expect(violationsOf(spec)).toEqual(expected)
  })

  it('defaults omitEmptyValues and the OpenTelemetry endpoint as Kuma does', () => {
    const spec = parse(`
to:
  - targetRef: { kind: Mesh }
    default:
      backends:
        - type: File
          file: { path: /var/log/mesh_access.log, format: { type: Plain, plain: x } }
        - type: OpenTelemetry
          openTelemetry: { backendRef: { kind: MeshOpenTelemetryBackend, labels: { a: b } } }
`)
    applyDefaults(spec, schema)
    expect(spec.to[0].default.backends[0].file.format.omitEmptyValues).toBe(false)
    expect(spec.to[0].default.backends[1].openTelemetry.endpoint).toBe('')
  })
})
