import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { Violation } from '../../validators/validation-error'
import { validate } from './validator'

const byField = (vs: Violation[]) =>
  [...vs].sort((a, b) => (a.field + a.message).localeCompare(b.field + b.message))
const violations = (yaml: string) => validate(parse(yaml)).violations

describe('MeshHealthCheck validator', () => {
  it.each([
    [
      'a full example',
      `
targetRef: { kind: MeshService, name: backend }
to:
  - targetRef: { kind: MeshService, name: web-backend }
    default:
      interval: 10s
      timeout: 2s
      unhealthyThreshold: 3
      healthyThreshold: 1
      initialJitter: 5s
      intervalJitter: 6s
      intervalJitterPercent: 10
      healthyPanicThreshold: 60
      failTrafficOnPanic: true
      noTrafficInterval: 10s
      eventLogPath: "/tmp/health-check.log"
      alwaysLogHealthCheckFailures: true
      reuseConnection: false
      tcp: { disabled: true, send: Zm9v, receive: [YmFy, YmF6] }
      http:
        disabled: true
        path: /health
        requestHeadersToAdd:
          set: [{ name: content-type, value: application/json }]
          add: [{ name: accept, value: application/json }]
        expectedStatuses: [200, 201]
      grpc: { disabled: false, serviceName: "", authority: "" }
`,
    ],
    [
      'a top-level MeshGateway',
      `
targetRef: { kind: MeshGateway, name: edge }
to: [{ targetRef: { kind: MeshService, name: web-backend }, default: { interval: 10s, tcp: { disabled: true } } }]
`,
    ],
    [
      'a MeshMultiZoneService in to[]',
      `
targetRef: { kind: Mesh }
to: [{ targetRef: { kind: MeshMultiZoneService, name: web-backend }, default: { interval: 10s, tcp: { disabled: true } } }]
`,
    ],
    [
      'a MeshExternalService in to[]',
      `
targetRef: { kind: Mesh }
to: [{ targetRef: { kind: MeshExternalService, name: external }, default: { interval: 10s, tcp: { disabled: true } } }]
`,
    ],
    [
      'a top-level Dataplane with a MeshExternalService in to[]',
      `
targetRef: { kind: Dataplane }
to: [{ targetRef: { kind: MeshExternalService, name: external }, default: { interval: 10s, tcp: { disabled: true } } }]
`,
    ],
  ])('accepts %s', (_, yaml) => {
    expect(violations(yaml)).toEqual([])
  })

  const to = (def: string) => `
targetRef: { kind: MeshService, name: backend }
to: [{ targetRef: { kind: MeshService, name: web-backend }, default: ${def} }]
`

  it.each<[string, string, Violation[]]>([
    [
      'a top-level targetRef of an unsupported kind',
      `targetRef: { kind: MeshGatewayRoute, name: some-mesh-gateway-route }`,
      [{ field: 'spec.targetRef.kind', message: "value 'MeshGatewayRoute' is not supported" }],
    ],
    [
      'a default with no http, tcp or grpc',
      to('{}'),
      [{ field: 'spec.to[0].default', message: 'must have at least one defined: http, tcp, grpc' }],
    ],
    [
      'thresholds that are not positive',
      to('{ interval: 10s, timeout: 2s, unhealthyThreshold: -3, healthyThreshold: 0, grpc: {} }'),
      [
        {
          field: 'spec.to[0].default.unhealthyThreshold',
          message: 'must be greater than zero when defined',
        },
        {
          field: 'spec.to[0].default.healthyThreshold',
          message: 'must be greater than zero when defined',
        },
      ],
    ],
    [
      'durations that are not positive',
      to(`{ interval: -10s, timeout: -2s, initialJitter: -5s, intervalJitter: -6s, noTrafficInterval: -10s,
            unhealthyThreshold: 3, healthyThreshold: 1, grpc: {} }`),
      ['interval', 'timeout', 'initialJitter', 'intervalJitter', 'noTrafficInterval'].map((f) => ({
        field: `spec.to[0].default.${f}`,
        message: 'must be greater than zero when defined',
      })),
    ],
    [
      'percentages out of range',
      to('{ intervalJitterPercent: 110, healthyPanicThreshold: -10, grpc: {} }'),
      [
        {
          field: 'spec.to[0].default.intervalJitterPercent',
          message: 'must be in inclusive range [0, 100]',
        },
        {
          field: 'spec.to[0].default.healthyPanicThreshold',
          message: 'must be in inclusive range [0.0, 100.0]',
        },
      ],
    ],
    [
      'an invalid event log path',
      to(`{ eventLogPath: "#not_valid_path", grpc: {} }`),
      [{ field: 'spec.to[0].default.eventLogPath', message: 'must be a valid path when defined' }],
    ],
    [
      'expected statuses out of range',
      to('{ http: { path: /health, expectedStatuses: [99, 600] } }'),
      [
        {
          field: 'spec.to[0].default.http.expectedStatuses[0]',
          message: 'must be in inclusive range [100, 599]',
        },
        {
          field: 'spec.to[0].default.http.expectedStatuses[1]',
          message: 'must be in inclusive range [100, 599]',
        },
      ],
    ],
    [
      'an empty http path and a to[] kind that is not a destination',
      `to: [{ targetRef: { kind: MeshSubset, tags: { a: b } }, default: { http: { path: '' } } }]`,
      [
        { field: 'spec.to[0].targetRef.kind', message: "value 'MeshSubset' is not supported" },
        { field: 'spec.to[0].default.http.path', message: 'must be defined' },
      ],
    ],
  ])('reports %s', (_, yaml, expected) => {
    expect(byField(violations(yaml))).toEqual(byField(expected))
  })
})
