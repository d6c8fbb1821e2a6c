import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { applyDefaults, validateSchema } from '../../schema/validate'
import { kind } from './index'
import { specSchema } from './schema'
import { invalid, valid } from './testdata/validator-cases'

const ctx = { name: 'mcb', mesh: 'default', labels: {} }

function schemaViolations(yaml: string) {
  const spec = parse(yaml)
  applyDefaults(spec, specSchema)
  return validateSchema(spec, specSchema, 'spec').violations
}

describe('MeshCircuitBreaker kind', () => {
  it('describes MeshCircuitBreaker as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshCircuitBreaker',
      plural: 'meshcircuitbreakers',
      kumactlArg: 'meshcircuitbreaker',
      singularDisplayName: 'Mesh Circuit Breaker',
      pluralDisplayName: 'Mesh Circuit Breakers',
      shortName: 'mcb',
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

const od = (yaml: string) =>
  `to: [{ targetRef: { kind: Mesh }, default: { outlierDetection: ${yaml} } }]`

describe('MeshCircuitBreaker spec schema', () => {
  it.each(valid)('accepts %s', (_, yaml) => {
    expect(schemaViolations(yaml)).toEqual([])
  })

  it.each([
    ['an int healthyPanicThreshold', od('{ healthyPanicThreshold: 50 }')],
    ['a decimal-string healthyPanicThreshold', od(`{ healthyPanicThreshold: '50.5' }`)],
  ])('accepts %s', (_, yaml) => {
    expect(schemaViolations(yaml)).toEqual([])
  })

  it.each([
    [
      'a boolean healthyPanicThreshold',
      od('{ healthyPanicThreshold: true }'),
      [
        {
          field: '',
          message:
            '"spec.to[0].default.outlierDetection.healthyPanicThreshold" must validate at least one schema (anyOf)',
        },
        {
          field: 'spec.to[0].default.outlierDetection.healthyPanicThreshold',
          message: 'in body must be of type integer: "boolean"',
        },
      ],
    ],
    [
      'disabled that is a string',
      od(`{ disabled: 'yes' }`),
      [
        {
          field: 'spec.to[0].default.outlierDetection.disabled',
          message: 'in body must be of type boolean: "string"',
        },
      ],
    ],
    [
      'maxConnections that is a string',
      `from: [{ targetRef: { kind: Mesh }, default: { connectionLimits: { maxConnections: lots } } }]`,
      [
        {
          field: 'spec.from[0].default.connectionLimits.maxConnections',
          message: 'in body must be of type integer: "string"',
        },
      ],
    ],
    [
      'a from[] item without targetRef',
      `from: [{ default: { connectionLimits: { maxConnections: 1 } } }]`,
      [{ field: 'spec.from[0].targetRef', message: 'in body is required' }],
    ],
  ])('reports %s', (_, yaml, expected) => {
    expect(schemaViolations(yaml)).toEqual(expected)
  })
})

describe('MeshCircuitBreaker validator', () => {
  it.each(valid)('accepts %s', (_, yaml) => {
    expect(kind.validate!(parse(yaml), ctx).violations).toEqual([])
  })

  it.each(invalid)('rejects %s', (_, yaml, expected) => {
    expect(kind.validate!(parse(yaml), ctx).violations).toEqual(expected)
  })
})

describe('MeshCircuitBreaker deprecations', () => {
  it('warns about from[]', () => {
    const spec = parse(od('{ disabled: true }').replace('to:', 'from:'))
    expect(kind.warnings!(spec, ctx)).toEqual(["'from' field is deprecated, use 'rules' instead"])
  })
})
