import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { validateSchema } from '../../schema/validate'
import { kind } from './index'
import { specSchema } from './schema'
import { validate } from './validator'

function schemaViolations(yaml: string) {
  return validateSchema(parse(yaml), specSchema, 'spec').violations
}

describe('MeshRateLimit kind', () => {
  it('describes MeshRateLimit as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshRateLimit',
      plural: 'meshratelimits',
      kumactlArg: 'meshratelimit',
      shortName: 'mrl',
      scope: 'Mesh',
      isPolicy: true,
      hasToTargetRef: true,
      hasFromTargetRef: true,
      hasRulesTargetRef: true,
      isFromAsRules: true,
      includeInFederation: true,
      providedByZone: true,
      isProxy: false,
    })
    expect(kind.specSchema).toBe(specSchema)
    expect(kind.validate).toBe(validate)
  })
})

describe('MeshRateLimit spec schema', () => {
  it.each([
    [
      'HTTP and TCP limits in from[]',
      `
targetRef: { kind: MeshService, name: backend }
from:
  - targetRef: { kind: Mesh }
    default:
      local:
        http:
          requestRate: { num: 100, interval: 10s }
          onRateLimit:
            status: 423
            headers:
              set: [{ name: x-kuma-rate-limited, value: 'true' }]
              add: [{ name: x-kuma-rate-limit, value: '1' }]
        tcp:
          connectionRate: { num: 100, interval: 100ms }
`,
    ],
    [
      'rules with matches',
      `
targetRef: { kind: Mesh }
rules:
  - matches: [{ spiffeID: { type: Prefix, value: spiffe://trust.domain/ns/ } }]
    default: { local: { http: { disabled: true } } }
`,
    ],
    ['a rule without default', `rules: [{ matches: [{ sni: { type: Exact, value: a } }] }]`],
    [
      'to[] for gateways',
      `
targetRef: { kind: MeshGateway, name: edge }
to: [{ targetRef: { kind: Mesh }, default: { local: { tcp: { disabled: true } } } }]
`,
    ],
  ])('accepts %s', (_, yaml) => {
    expect(schemaViolations(yaml)).toEqual([])
  })

  it.each([
    [
      'a request rate without interval',
      `from: [{ targetRef: { kind: Mesh }, default: { local: { http: { requestRate: { num: 1 } } } } }]`,
      {
        field: 'spec.from[0].default.local.http.requestRate.interval',
        message: 'in body is required',
      },
    ],
    [
      'a connection rate without num',
      `to: [{ targetRef: { kind: Mesh }, default: { local: { tcp: { connectionRate: { interval: 1s } } } } }]`,
      { field: 'spec.to[0].default.local.tcp.connectionRate.num', message: 'in body is required' },
    ],
    [
      'a num given as a string',
      `rules: [{ default: { local: { http: { requestRate: { num: many, interval: 1s } } } } }]`,
      {
        field: 'spec.rules[0].default.local.http.requestRate.num',
        message: 'in body must be of type integer: "string"',
      },
    ],
    [
      'a rate-limited header with an upper-case name',
      `from: [{ targetRef: { kind: Mesh }, default: { local: { http: { onRateLimit: { headers: { set: [{ name: X-A, value: b }] } } } } } }]`,
      {
        field: 'spec.from[0].default.local.http.onRateLimit.headers.set[0].name',
        message: "in body should match '^[a-z0-9!#$%&'*+\\-.^_\\x60|~]+$'",
      },
    ],
    [
      'a spiffeID match of unknown type',
      `rules: [{ matches: [{ spiffeID: { type: Regex, value: a } }] }]`,
      {
        field: 'spec.rules[0].matches[0].spiffeID.type',
        message: 'in body should be one of [Exact Prefix]',
      },
    ],
    [
      'a from[] entry without targetRef',
      `from: [{ default: {} }]`,
      { field: 'spec.from[0].targetRef', message: 'in body is required' },
    ],
    [
      'a to[] targetRef without kind',
      `to: [{ targetRef: { name: a } }]`,
      { field: 'spec.to[0].targetRef.kind', message: 'in body is required' },
    ],
  ])('reports %s', (_, yaml, violation) => {
    expect(schemaViolations(yaml)).toEqual([violation])
  })
})
