import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { validateSchema } from '../../schema/validate'
import { kind } from './index'
import { specSchema } from './schema'
import { validate } from './validator'

function schemaViolations(yaml: string) {
  return validateSchema(parse(yaml), specSchema, 'spec').violations
}

describe('MeshHealthCheck kind', () => {
  it('describes MeshHealthCheck as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshHealthCheck',
      plural: 'meshhealthchecks',
      kumactlArg: 'meshhealthcheck',
      shortName: 'mhc',
      scope: 'Mesh',
      isPolicy: true,
      isTargetRefBased: true,
      hasToTargetRef: true,
      hasFromTargetRef: false,
      hasRulesTargetRef: false,
      includeInFederation: true,
      providedByZone: true,
      isProxy: false,
    })
    expect(kind.specSchema).toBe(specSchema)
    expect(kind.validate).toBe(validate)
  })
})

describe('MeshHealthCheck spec schema', () => {
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
      eventLogPath: /tmp/health-check.log
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
      grpc: { disabled: false, serviceName: '', authority: '' }
`,
    ],
    [
      'a healthyPanicThreshold given as a decimal string',
      `to: [{ targetRef: { kind: Mesh }, default: { healthyPanicThreshold: '12.5', tcp: {} } }]`,
    ],
    [
      'a spec without targetRef',
      `to: [{ targetRef: { kind: MeshExternalService, name: ext }, default: { grpc: {} } }]`,
    ],
  ])('accepts %s', (_, yaml) => {
    expect(schemaViolations(yaml)).toEqual([])
  })

  it.each([
    [
      'a top-level targetRef kind outside the enum',
      `targetRef: { kind: MeshGatewayRoute }`,
      {
        field: 'spec.targetRef.kind',
        message:
          'in body should be one of [Mesh MeshSubset MeshGateway MeshService MeshExternalService MeshMultiZoneService MeshServiceSubset MeshHTTPRoute Dataplane]',
      },
    ],
    [
      'a to[] entry without targetRef',
      `to: [{ default: { tcp: {} } }]`,
      { field: 'spec.to[0].targetRef', message: 'in body is required' },
    ],
    [
      'a targetRef without kind',
      `to: [{ targetRef: { name: x }, default: { tcp: {} } }]`,
      { field: 'spec.to[0].targetRef.kind', message: 'in body is required' },
    ],
    [
      'an interval that is not a string',
      `to: [{ targetRef: { kind: Mesh }, default: { interval: 10, tcp: {} } }]`,
      { field: 'spec.to[0].default.interval', message: 'in body must be of type string: "number"' },
    ],
    [
      'a threshold that is not an integer',
      `to: [{ targetRef: { kind: Mesh }, default: { healthyThreshold: two, tcp: {} } }]`,
      {
        field: 'spec.to[0].default.healthyThreshold',
        message: 'in body must be of type integer: "string"',
      },
    ],
    [
      'a reuseConnection that is not a boolean',
      `to: [{ targetRef: { kind: Mesh }, default: { reuseConnection: 'yes', tcp: {} } }]`,
      {
        field: 'spec.to[0].default.reuseConnection',
        message: 'in body must be of type boolean: "string"',
      },
    ],
    [
      'an expected status that is not an integer',
      `to: [{ targetRef: { kind: Mesh }, default: { http: { expectedStatuses: [200, ok] } } }]`,
      {
        field: 'spec.to[0].default.http.expectedStatuses[1]',
        message: 'in body must be of type integer: "string"',
      },
    ],
    [
      'a header to add without value',
      `to: [{ targetRef: { kind: Mesh }, default: { http: { requestHeadersToAdd: { add: [{ name: x-a }] } } } }]`,
      {
        field: 'spec.to[0].default.http.requestHeadersToAdd.add[0].value',
        message: 'in body is required',
      },
    ],
    [
      'a header name with upper case letters',
      `to: [{ targetRef: { kind: Mesh }, default: { http: { requestHeadersToAdd: { set: [{ name: X-A, value: b }] } } } }]`,
      {
        field: 'spec.to[0].default.http.requestHeadersToAdd.set[0].name',
        message: "in body should match '^[a-z0-9!#$%&'*+\\-.^_\\x60|~]+$'",
      },
    ],
    [
      'a to that is not a list',
      `to: { targetRef: { kind: Mesh } }`,
      { field: 'spec.to', message: 'in body must be of type array: "object"' },
    ],
    [
      'a proxyTypes entry outside the enum',
      `targetRef: { kind: Mesh, proxyTypes: [Ingress] }`,
      {
        field: 'spec.targetRef.proxyTypes[0]',
        message: 'in body should be one of [Sidecar Gateway]',
      },
    ],
  ])('reports %s', (_, yaml, violation) => {
    expect(schemaViolations(yaml)).toEqual([violation])
  })

  it('reports more than 16 headers to add', () => {
    const add = Array.from({ length: 17 }, (_, i) => ({ name: `x-${i}`, value: 'v' }))
    const spec = {
      to: [{ targetRef: { kind: 'Mesh' }, default: { http: { requestHeadersToAdd: { add } } } }],
    }
    expect(validateSchema(spec, specSchema, 'spec').violations).toEqual([
      {
        field: 'spec.to[0].default.http.requestHeadersToAdd.add',
        message: 'in body should have at most 16 items',
      },
    ])
  })

  it('reports every violation, not only the first', () => {
    const violations = schemaViolations(`
targetRef: { kind: Nope }
to:
  - default: { interval: 1 }
`)
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'spec.targetRef.kind' }),
        expect.objectContaining({ field: 'spec.to[0].targetRef' }),
        expect.objectContaining({ field: 'spec.to[0].default.interval' }),
      ]),
    )
  })
})
