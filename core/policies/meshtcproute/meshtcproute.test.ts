import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { applyDefaults, validateSchema } from '../../schema/validate'
import { kind } from './index'
import { specSchema } from './schema'
import { validate } from './validator'

function schemaViolations(yaml: string) {
  return validateSchema(parse(yaml), specSchema, 'spec').violations
}

describe('MeshTCPRoute kind', () => {
  it('describes MeshTCPRoute as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshTCPRoute',
      plural: 'meshtcproutes',
      kumactlArg: 'meshtcproute',
      singularDisplayName: 'Mesh TCP Route',
      shortName: 'mtcpr',
      scope: 'Mesh',
      isPolicy: true,
      hasToTargetRef: true,
      hasFromTargetRef: false,
      includeInFederation: true,
      providedByZone: true,
      isProxy: false,
    })
    expect(kind.specSchema).toBe(specSchema)
    expect(kind.validate).toBe(validate)
  })
})

describe('MeshTCPRoute spec schema', () => {
  it.each([
    [
      'a weighted split between two backends',
      `
targetRef: { kind: MeshService, name: frontend }
to:
  - targetRef: { kind: MeshService, name: backend }
    rules:
      - default:
          backendRefs:
            - { kind: MeshServiceSubset, name: backend, tags: { version: v1 }, weight: 90 }
            - { kind: MeshService, name: other-backend, port: 9000, weight: 10 }
`,
    ],
    [
      'a rule without backendRefs',
      `to: [{ targetRef: { kind: MeshService, name: backend }, rules: [{ default: {} }] }]`,
    ],
  ])('accepts %s', (_, yaml) => {
    expect(schemaViolations(yaml)).toEqual([])
  })

  it.each([
    [
      'an empty to[]',
      `to: []`,
      { field: 'spec.to', message: 'in body should have at least 1 items' },
    ],
    [
      'a to[] entry without rules',
      `to: [{ targetRef: { kind: MeshService, name: backend } }]`,
      { field: 'spec.to[0].rules', message: 'in body is required' },
    ],
    [
      'two rules in one to[] entry',
      `to: [{ targetRef: { kind: MeshService, name: a }, rules: [{ default: {} }, { default: {} }] }]`,
      { field: 'spec.to[0].rules', message: 'in body should have at most 1 items' },
    ],
    [
      'a rule without default',
      `to: [{ targetRef: { kind: MeshService, name: a }, rules: [{}] }]`,
      { field: 'spec.to[0].rules[0].default', message: 'in body is required' },
    ],
    [
      'a backendRef with a negative weight',
      `to: [{ targetRef: { kind: MeshService, name: a }, rules: [{ default: { backendRefs: [{ kind: MeshService, name: b, weight: -2 }] } }] }]`,
      {
        field: 'spec.to[0].rules[0].default.backendRefs[0].weight',
        message: 'in body should be greater than or equal to 0',
      },
    ],
    [
      'a backendRef port given as a string',
      `to: [{ targetRef: { kind: MeshService, name: a }, rules: [{ default: { backendRefs: [{ kind: MeshService, name: b, port: http }] } }] }]`,
      {
        field: 'spec.to[0].rules[0].default.backendRefs[0].port',
        message: 'in body must be of type integer: "string"',
      },
    ],
    [
      'a to[] targetRef kind outside the enum',
      `to: [{ targetRef: { kind: Service, name: a }, rules: [{ default: {} }] }]`,
      {
        field: 'spec.to[0].targetRef.kind',
        message:
          'in body should be one of [Mesh MeshSubset MeshGateway MeshService MeshExternalService MeshMultiZoneService MeshServiceSubset MeshHTTPRoute Dataplane]',
      },
    ],
  ])('reports %s', (_, yaml, violation) => {
    expect(schemaViolations(yaml)).toEqual([violation])
  })

  it('defaults backendRef weights to 1', () => {
    const spec = parse(
      `to: [{ targetRef: { kind: MeshService, name: a }, rules: [{ default: { backendRefs: [{ kind: MeshService, name: b }] } }] }]`,
    )
    applyDefaults(spec, specSchema)
    expect(spec.to[0].rules[0].default.backendRefs[0].weight).toBe(1)
  })
})
