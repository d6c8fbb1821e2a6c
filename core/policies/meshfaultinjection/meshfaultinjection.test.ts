import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { validateSchema } from '../../schema/validate'
import { kind } from './index'
import { specSchema } from './schema'
import { validate } from './validator'

function schemaViolations(yaml: string) {
  return validateSchema(parse(yaml), specSchema, 'spec').violations
}

describe('MeshFaultInjection kind', () => {
  it('describes MeshFaultInjection as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshFaultInjection',
      plural: 'meshfaultinjections',
      kumactlArg: 'meshfaultinjection',
      shortName: 'mfi',
      scope: 'Mesh',
      isPolicy: true,
      hasToTargetRef: true,
      hasFromTargetRef: true,
      hasRulesTargetRef: true,
      isFromAsRules: false,
      includeInFederation: true,
      providedByZone: true,
      isProxy: false,
    })
    expect(kind.specSchema).toBe(specSchema)
    expect(kind.validate).toBe(validate)
  })
})

describe('MeshFaultInjection spec schema', () => {
  it.each([
    [
      'faults in from[]',
      `
targetRef: { kind: MeshService, name: backend }
from:
  - targetRef: { kind: MeshService, name: web-backend }
    default:
      http:
        - abort: { httpStatus: 503, percentage: 50 }
          delay: { value: 10s, percentage: 5 }
        - responseBandwidth: { limit: 100Mbps, percentage: 5 }
        - abort: { httpStatus: 500, percentage: '50.5' }
`,
    ],
    [
      'rules with spiffeID and sni matches',
      `
targetRef: { kind: Mesh }
rules:
  - matches:
      - spiffeID: { type: Exact, value: spiffe://trust.domain/service }
      - sni: { type: Exact, value: sni.extsvc.default.zone-1.aws-aurora.8443 }
    default:
      http: [{ responseBandwidth: { limit: 1000Mbps, percentage: 50 } }]
`,
    ],
    [
      'to[] for gateways with empty faults',
      `
targetRef: { kind: Mesh, proxyTypes: [Gateway] }
to: [{ targetRef: { kind: Mesh }, default: { http: [] } }]
`,
    ],
  ])('accepts %s', (_, yaml) => {
    expect(schemaViolations(yaml)).toEqual([])
  })

  it.each([
    [
      'an abort without httpStatus',
      `from: [{ targetRef: { kind: Mesh }, default: { http: [{ abort: { percentage: 5 } }] } }]`,
      { field: 'spec.from[0].default.http[0].abort.httpStatus', message: 'in body is required' },
    ],
    [
      'a delay without value',
      `to: [{ targetRef: { kind: Mesh }, default: { http: [{ delay: { percentage: 5 } }] } }]`,
      { field: 'spec.to[0].default.http[0].delay.value', message: 'in body is required' },
    ],
    [
      'a responseBandwidth without percentage',
      `rules: [{ default: { http: [{ responseBandwidth: { limit: 1kbps } }] } }]`,
      {
        field: 'spec.rules[0].default.http[0].responseBandwidth.percentage',
        message: 'in body is required',
      },
    ],
    [
      'a rule without default',
      `rules: [{ matches: [] }]`,
      { field: 'spec.rules[0].default', message: 'in body is required' },
    ],
    [
      'an sni match of type Prefix',
      `rules: [{ matches: [{ sni: { type: Prefix, value: a } }], default: {} }]`,
      { field: 'spec.rules[0].matches[0].sni.type', message: 'in body should be one of [Exact]' },
    ],
    [
      'a spiffeID match without value',
      `rules: [{ matches: [{ spiffeID: { type: Exact } }], default: {} }]`,
      { field: 'spec.rules[0].matches[0].spiffeID.value', message: 'in body is required' },
    ],
    [
      'an httpStatus given as a string',
      `from: [{ targetRef: { kind: Mesh }, default: { http: [{ abort: { httpStatus: '503', percentage: 1 } }] } }]`,
      {
        field: 'spec.from[0].default.http[0].abort.httpStatus',
        message: 'in body must be of type integer: "string"',
      },
    ],
    [
      'a from[] entry without targetRef',
      `from: [{ default: {} }]`,
      { field: 'spec.from[0].targetRef', message: 'in body is required' },
    ],
    [
      'a from[] targetRef kind outside the enum',
      `from: [{ targetRef: { kind: MeshGatewayRoute } }]`,
      {
        field: 'spec.from[0].targetRef.kind',
        message:
          'in body should be one of [Mesh MeshSubset MeshGateway MeshService MeshExternalService MeshMultiZoneService MeshServiceSubset MeshHTTPRoute Dataplane]',
      },
    ],
    [
      'http faults given as an object',
      `to: [{ targetRef: { kind: Mesh }, default: { http: { abort: {} } } }]`,
      { field: 'spec.to[0].default.http', message: 'in body must be of type array: "object"' },
    ],
  ])('reports %s', (_, yaml, violation) => {
    expect(schemaViolations(yaml)).toEqual([violation])
  })
})
