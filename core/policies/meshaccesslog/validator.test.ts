import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { kind } from './index'
import { validateMeshAccessLog } from './validator'

const ctx = { name: 'mal-1', mesh: 'default', labels: {} }

describe('MeshAccessLog validator', () => {
  it('is wired as the kind validator', () => {
    expect(kind.validate).toBe(validateMeshAccessLog)
  })

  it.each([
    [
      'mesh from/to example',
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: Tcp
          tcp:
            format:
              type: Json
              json:
                - key: "start_time"
                  value: "%START_TIME%"
            address: 127.0.0.1:5000
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      backends:
        - type: File
          file:
           format:
             type: Plain
             plain: '{"start_time": "%START_TIME%"}'
           path: '/tmp/logs.txt'
`,
    ],
    [
      'empty format',
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: File
          file:
            path: '/tmp/logs.txt'
`,
    ],
    [
      'empty backend list',
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends: []
`,
    ],
    [
      'MeshMultiZoneService',
      `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: MeshMultiZoneService
      name: web-backend
    default:
      backends:
        - type: File
          file:
            path: '/tmp/logs.txt'
`,
    ],
    [
      'openTelemetry with backendRef',
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
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
    [
      'openTelemetry with backendRef using labels',
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: OpenTelemetry
          openTelemetry:
            backendRef:
              kind: MeshOpenTelemetryBackend
              labels:
                app: otel-collector
`,
    ],
    [
      'openTelemetry with valid attributes',
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: OpenTelemetry
          openTelemetry:
            endpoint: otel-collector:4317
            attributes:
              - key: "service.version"
                value: "%KUMA_MESH%"
`,
    ],
  ])('accepts %s', (_, specYAML) => {
    expect(validateMeshAccessLog(parse(specYAML), ctx).violations).toEqual([])
  })

  it.each([
    [
      "empty 'from' and 'to' array",
      `
targetRef:
  kind: Mesh
`,
      [{ field: 'spec', message: "at least one of 'from', 'to' or 'rules' has to be defined" }],
    ],
    [
      "empty 'path'",
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: File
          file:
            format:
              type: Plain
              plain: '{"start_time": "%START_TIME%"}'
`,
      [
        {
          field: 'spec.from[0].default.backends[0].file.path',
          message: 'file backend requires a valid path',
        },
      ],
    ],
    [
      "invalid 'path'",
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: File
          file:
           format:
             type: Plain
             plain: '{"start_time": "%START_TIME%"}'
           path: '#not_valid'
`,
      [
        {
          field: 'spec.from[0].default.backends[0].file.path',
          message: 'file backend requires a valid path',
        },
      ],
    ],
    [
      "empty 'key'",
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: File
          file:
            path: '/tmp/logs.txt'
            format:
              type: Json
              json:
                - value: "%START_TIME%"
`,
      [
        {
          field: 'spec.from[0].default.backends[0].file.format.json[0].key',
          message: 'key cannot be empty',
        },
      ],
    ],
    [
      "empty 'value'",
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: File
          file:
            path: '/tmp/logs.txt'
            format:
              type: Json
              json:
                - key: "start_time"
`,
      [
        {
          field: 'spec.from[0].default.backends[0].file.format.json[0].value',
          message: 'value cannot be empty',
        },
      ],
    ],
    [
      "invalid 'key'",
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: File
          file:
            path: '/tmp/logs.txt'
            format:
              type: Json
              json:
                - key: '"'
                  value: "%START_TIME%"
`,
      [
        {
          field: 'spec.from[0].default.backends[0].file.format.json[0]',
          message: 'is not a valid JSON object',
        },
      ],
    ],
    [
      "'default' not defined in to",
      `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
`,
      [{ field: 'spec.to[0].default.backends', message: 'must be defined' }],
    ],
    [
      "'default' not defined in from",
      `
targetRef:
  kind: Mesh
from:
  - targetRef:
      kind: Mesh
`,
      [{ field: 'spec.from[0].default.backends', message: 'must be defined' }],
    ],
    [
      'sectionName with outbound policies',
      `
targetRef:
  kind: Dataplane
  sectionName: test
to:
  - targetRef:
      kind: Mesh
`,
      [
        { field: 'spec.targetRef.sectionName', message: 'can only be used with inbound policies' },
        { field: 'spec.to[0].default.backends', message: 'must be defined' },
      ],
    ],
    [
      "don't mix from with rules",
      `
targetRef:
  kind: Mesh
from:
  - targetRef:
      kind: Mesh
rules:
  - default:
      backends:
        - type: Tcp
          tcp:
            format:
              type: Json
              json:
                - key: "start_time"
                  value: "%START_TIME%"
            address: google.com
`,
      [
        { field: 'spec', message: "fields 'to' and 'from' must be empty when 'rules' is defined" },
        { field: 'spec.from[0].default.backends', message: 'must be defined' },
      ],
    ],
    [
      "'address' not valid",
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: Tcp
          tcp:
            format:
              type: Json
              json:
                - key: "start_time"
                  value: "%START_TIME%"
            address: not_valid_url
`,
      [
        {
          field: 'spec.from[0].default.backends[0].tcp.address',
          message: 'tcp backend requires valid address',
        },
      ],
    ],
    [
      'empty format json list',
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: File
          file:
            path: '/tmp/logs.txt'
            format:
              type: Json
              json: []
        - type: Tcp
          tcp:
            address: http://logs.com
            format:
              type: Json
              json: []
`,
      [
        {
          field: 'spec.from[0].default.backends[0].file.format.json',
          message: 'must not be empty',
        },
        { field: 'spec.from[0].default.backends[1].tcp.format.json', message: 'must not be empty' },
      ],
    ],
    [
      'empty format.plain',
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: File
          file:
            path: '/tmp/logs.txt'
            format:
              type: Plain
              plain: ""
        - type: Tcp
          tcp:
            address: http://logs.com
            format:
              type: Plain
              plain: ""
`,
      [
        {
          field: 'spec.from[0].default.backends[0].file.format.plain',
          message: 'must not be empty',
        },
        {
          field: 'spec.from[0].default.backends[1].tcp.format.plain',
          message: 'must not be empty',
        },
      ],
    ],
    [
      'backend must be defined',
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: File
        - type: Tcp
        - type: OpenTelemetry
`,
      [
        { field: 'spec.from[0].default.backends[0].file', message: 'must be defined' },
        { field: 'spec.from[0].default.backends[1].tcp', message: 'must be defined' },
        { field: 'spec.from[0].default.backends[2].openTelemetry', message: 'must be defined' },
      ],
    ],
    [
      'format must be defined',
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: File
          file:
            path: '/tmp/logs.txt'
            format:
              type: Plain
        - type: Tcp
          tcp:
            address: http://logs.com
            format:
              type: Json
`,
      [
        { field: 'spec.from[0].default.backends[0].file.format.plain', message: 'must be defined' },
        { field: 'spec.from[0].default.backends[1].tcp.format.json', message: 'must be defined' },
      ],
    ],
    [
      'openTelemetry neither endpoint nor backendRef',
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: OpenTelemetry
          openTelemetry:
            endpoint: ""
`,
      [
        {
          field: 'spec.from[0].default.backends[0].openTelemetry',
          message: 'openTelemetry must have exactly one defined: endpoint, backendRef',
        },
      ],
    ],
    [
      'openTelemetry both endpoint and backendRef',
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
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
          field: 'spec.from[0].default.backends[0].openTelemetry',
          message: 'openTelemetry must have only one type defined: endpoint, backendRef',
        },
      ],
    ],
    [
      'openTelemetry backendRef no labels',
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: OpenTelemetry
          openTelemetry:
            backendRef:
              kind: MeshOpenTelemetryBackend
`,
      [
        {
          field: 'spec.from[0].default.backends[0].openTelemetry.backendRef',
          message: 'backendRef must have exactly one defined: labels',
        },
      ],
    ],
    [
      'openTelemetry attribute key with spaces',
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: OpenTelemetry
          openTelemetry:
            endpoint: otel-collector:4317
            attributes:
              - key: "my custom attribute"
                value: "%KUMA_MESH%"
`,
      [
        {
          field: 'spec.from[0].default.backends[0].openTelemetry.attributes[0].key',
          message:
            "must start with a lowercase letter, use only lowercase letters, digits, '.' or '_', avoid consecutive delimiters, and end with a letter or digit",
        },
      ],
    ],
    [
      'openTelemetry attribute key with placeholders',
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: OpenTelemetry
          openTelemetry:
            endpoint: otel-collector:4317
            attributes:
              - key: "%KUMA_ZONE%"
                value: "%KUMA_MESH%"
`,
      [
        {
          field: 'spec.from[0].default.backends[0].openTelemetry.attributes[0].key',
          message:
            'must be a static OpenTelemetry attribute name; placeholders are only supported in values',
        },
      ],
    ],
    [
      'openTelemetry attribute key with reserved prefix',
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: OpenTelemetry
          openTelemetry:
            endpoint: otel-collector:4317
            attributes:
              - key: "otel.attribute"
                value: "%KUMA_MESH%"
`,
      [
        {
          field: 'spec.from[0].default.backends[0].openTelemetry.attributes[0].key',
          message: "must not use the reserved OpenTelemetry prefix 'otel.'",
        },
      ],
    ],
    [
      'openTelemetry attribute keys accumulate violations',
      `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      backends:
        - type: OpenTelemetry
          openTelemetry:
            endpoint: otel-collector:4317
            attributes:
              - key: "bad key"
                value: "%KUMA_MESH%"
              - key: "%KUMA_ZONE%"
                value: "%KUMA_ZONE%"
`,
      [
        {
          field: 'spec.from[0].default.backends[0].openTelemetry.attributes[0].key',
          message:
            "must start with a lowercase letter, use only lowercase letters, digits, '.' or '_', avoid consecutive delimiters, and end with a letter or digit",
        },
        {
          field: 'spec.from[0].default.backends[0].openTelemetry.attributes[1].key',
          message:
            'must be a static OpenTelemetry attribute name; placeholders are only supported in values',
        },
      ],
    ],
    [
      'MeshGateway and invalid to kind',
      `
targetRef:
  kind: MeshGateway
  name: edge-gateway
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      backends:
        - type: File
          file:
           format:
             type: Plain
             plain: '{"start_time": "%START_TIME%"}'
           path: '/tmp/logs.txt'
`,
      [{ field: 'spec.to[0].targetRef.kind', message: "value 'MeshService' is not supported" }],
    ],
  ])('rejects %s', (_, specYAML, expected) => {
    expect(validateMeshAccessLog(parse(specYAML), ctx).violations).toEqual(expected)
  })

  it('reports rules matches with a bad SPIFFE ID and SNI', () => {
    const spec = parse(`
rules:
  - matches:
      - spiffeID: { type: Exact, value: 'http://example.org/ns' }
      - sni: { type: Exact, value: Not_A_Host }
    default: { backends: [] }
`)
    expect(validateMeshAccessLog(spec, ctx).violations).toEqual([
      {
        field: 'spec.rules[0].matches[0].spiffeID',
        message: 'must be a valid Spiffe ID: scheme is missing or invalid',
      },
      {
        field: 'spec.rules[0].matches[1].sni.value',
        message:
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      },
    ])
  })
})
