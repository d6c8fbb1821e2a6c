import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { applyDefaults, validateSchema } from '../../schema/validate'
import { kind } from './index'
import { specSchema } from './schema'
import { invalid, valid } from './testdata/validator-cases'

const ctx = { name: 'mtp', mesh: 'default', labels: {} }

function schemaViolations(yaml: string) {
  const spec = parse(yaml)
  applyDefaults(spec, specSchema)
  return validateSchema(spec, specSchema, 'spec').violations
}

describe('MeshTrafficPermission kind', () => {
  it('describes MeshTrafficPermission as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshTrafficPermission',
      plural: 'meshtrafficpermissions',
      kumactlArg: 'meshtrafficpermission',
      singularDisplayName: 'Mesh Traffic Permission',
      pluralDisplayName: 'Mesh Traffic Permissions',
      shortName: 'mtp',
      scope: 'Mesh',
      isPolicy: true,
      isTargetRefBased: true,
      hasToTargetRef: false,
      hasFromTargetRef: true,
      hasRulesTargetRef: true,
      isFromAsRules: false,
      hasStatus: false,
      includeInFederation: true,
      providedByZone: true,
    })
    expect(kind.specSchema).toBe(specSchema)
  })
})

describe('MeshTrafficPermission spec schema', () => {
  it.each(valid)('accepts %s', (_, yaml) => {
    expect(schemaViolations(yaml)).toEqual([])
  })

  it.each([
    [
      'a targetRef name that is a number',
      `targetRef: { kind: MeshService, name: 2 }`,
      [{ field: 'spec.targetRef.name', message: 'in body must be of type string: "number"' }],
    ],
    [
      'a from[] item without targetRef',
      `from: [{ default: { action: Allow } }]`,
      [{ field: 'spec.from[0].targetRef', message: 'in body is required' }],
    ],
    [
      'an unknown action',
      `from: [{ targetRef: { kind: Mesh }, default: { action: Permit } }]`,
      [
        {
          field: 'spec.from[0].default.action',
          message: 'in body should be one of [Allow Deny AllowWithShadowDeny]',
        },
      ],
    ],
    [
      'a rule without default',
      `rules: [{}]`,
      [{ field: 'spec.rules[0].default', message: 'in body is required' }],
    ],
    [
      'a spiffeID match with a bad type and no value',
      `rules: [{ default: { allow: [{ spiffeID: { type: Suffix } }] } }]`,
      [
        {
          field: 'spec.rules[0].default.allow[0].spiffeID.type',
          message: 'in body should be one of [Exact Prefix]',
        },
        { field: 'spec.rules[0].default.allow[0].spiffeID.value', message: 'in body is required' },
      ],
    ],
    [
      'an unknown targetRef kind',
      `targetRef: { kind: MeshGatewayRoute }`,
      [
        {
          field: 'spec.targetRef.kind',
          message:
            'in body should be one of [Mesh MeshSubset MeshGateway MeshService MeshExternalService MeshMultiZoneService MeshServiceSubset MeshHTTPRoute Dataplane]',
        },
      ],
    ],
    [
      'from that is not a list',
      `from: { targetRef: { kind: Mesh } }`,
      [{ field: 'spec.from', message: 'in body must be of type array: "object"' }],
    ],
  ])('reports %s', (_, yaml, expected) => {
    expect(schemaViolations(yaml)).toEqual(expected)
  })
})

describe('MeshTrafficPermission validator', () => {
  it.each(valid)('accepts %s', (_, yaml) => {
    expect(kind.validate!(parse(yaml), ctx).violations).toEqual([])
  })

  it.each(invalid)('rejects %s', (_, yaml, expected) => {
    expect(kind.validate!(parse(yaml), ctx).violations).toEqual(expected)
  })
})

describe('MeshTrafficPermission deprecations', () => {
  it('warns about from[], MeshService clients and a MeshService top-level targetRef', () => {
    const spec = parse(`
targetRef: { kind: MeshService, name: backend }
from: [{ targetRef: { kind: MeshService, name: web }, default: { action: Allow } }]
`)
    expect(kind.warnings!(spec, ctx)).toEqual([
      "'from' field is deprecated and will be removed in 3.0, use 'rules' with MeshIdentity (spiffeId) instead",
      "MeshService value for 'from[].targetRef.kind' is deprecated, use MeshSubset with 'kuma.io/service' instead",
      "MeshService value for 'targetRef.kind' is deprecated, use Dataplane with labels instead",
    ])
  })

  it('has nothing to say about rules on a Mesh', () => {
    const spec = parse(`{ targetRef: { kind: Mesh }, rules: [{ default: { allow: [] } }] }`)
    expect(kind.warnings!(spec, ctx)).toEqual([])
  })
})
