import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { applyDefaults, validateSchema } from '../../schema/validate'
import { kind } from './index'
import { specSchema } from './schema'
import { invalid, valid } from './testdata/validator-cases'

const ctx = { name: 'mt', mesh: 'default', labels: {} }

function schemaViolations(yaml: string) {
  const spec = parse(yaml)
  applyDefaults(spec, specSchema)
  return validateSchema(spec, specSchema, 'spec').violations
}

describe('MeshTimeout kind', () => {
  it('describes MeshTimeout as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshTimeout',
      plural: 'meshtimeouts',
      kumactlArg: 'meshtimeout',
      singularDisplayName: 'Mesh Timeout',
      pluralDisplayName: 'Mesh Timeouts',
      shortName: 'mt',
      scope: 'Mesh',
      isPolicy: true,
      isTargetRefBased: true,
      hasToTargetRef: true,
      hasFromTargetRef: true,
      hasRulesTargetRef: true,
      isFromAsRules: true,
      hasStatus: false,
      includeInFederation: true,
      providedByZone: true,
    })
    expect(kind.specSchema).toBe(specSchema)
  })
})

describe('MeshTimeout spec schema', () => {
  it.each(valid)('accepts %s', (_, yaml) => {
    expect(schemaViolations(yaml)).toEqual([])
  })

  it.each([
    [
      'a timeout that is a number',
      `to: [{ targetRef: { kind: Mesh }, default: { idleTimeout: 10 } }]`,
      [
        {
          field: 'spec.to[0].default.idleTimeout',
          message: 'in body must be of type string: "number"',
        },
      ],
    ],
    [
      'http timeouts that are not an object',
      `from: [{ targetRef: { kind: Mesh }, default: { http: [] } }]`,
      [{ field: 'spec.from[0].default.http', message: 'in body must be of type object: "array"' }],
    ],
    [
      'a to[] item without targetRef',
      `to: [{ default: { idleTimeout: 1s } }]`,
      [{ field: 'spec.to[0].targetRef', message: 'in body is required' }],
    ],
    [
      'a targetRef without kind',
      `to: [{ targetRef: { name: backend } }]`,
      [{ field: 'spec.to[0].targetRef.kind', message: 'in body is required' }],
    ],
    [
      'a match with an unknown sni type',
      `rules: [{ matches: [{ sni: { type: Prefix, value: a.b } }], default: { idleTimeout: 1s } }]`,
      [{ field: 'spec.rules[0].matches[0].sni.type', message: 'in body should be one of [Exact]' }],
    ],
    [
      'proxyTypes with an unknown type',
      `targetRef: { kind: Mesh, proxyTypes: [Ingress] }`,
      [
        {
          field: 'spec.targetRef.proxyTypes[0]',
          message: 'in body should be one of [Sidecar Gateway]',
        },
      ],
    ],
  ])('reports %s', (_, yaml, expected) => {
    expect(schemaViolations(yaml)).toEqual(expected)
  })
})

describe('MeshTimeout validator', () => {
  it.each(valid)('accepts %s', (_, yaml) => {
    expect(kind.validate!(parse(yaml), ctx).violations).toEqual([])
  })

  it.each(invalid)('rejects %s', (_, yaml, expected) => {
    expect(kind.validate!(parse(yaml), ctx).violations).toEqual(expected)
  })

  it('limits the top-level targetRef kinds of consumer policies', () => {
    const spec = parse(`
targetRef: { kind: MeshGateway, name: edge }
to: [{ targetRef: { kind: Mesh }, default: { idleTimeout: 1s } }]
`)
    const consumer = { ...ctx, labels: { 'kuma.io/policy-role': 'consumer' } }
    expect(kind.validate!(spec, consumer).violations).toEqual([
      { field: 'spec.targetRef.kind', message: "value 'MeshGateway' is not supported" },
    ])
    expect(kind.validate!(spec, ctx).violations).toEqual([])
  })
})

describe('MeshTimeout deprecations', () => {
  it('warns about from[] and a MeshHTTPRoute top-level targetRef', () => {
    const spec = parse(`
targetRef: { kind: MeshHTTPRoute, name: route }
from: [{ targetRef: { kind: Mesh }, default: { idleTimeout: 1s } }]
`)
    expect(kind.warnings!(spec, ctx)).toEqual([
      "'from' field is deprecated, use 'rules' instead",
      "MeshHTTPRoute value for 'targetRef.kind' is deprecated, use MeshHTTPRoute in spec.to[].targetRef",
    ])
  })
})
