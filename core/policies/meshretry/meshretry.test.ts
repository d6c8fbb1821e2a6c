import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { applyDefaults, validateSchema } from '../../schema/validate'
import { kind } from './index'
import { specSchema } from './schema'
import { invalid, valid } from './testdata/validator-cases'

const ctx = { name: 'mr', mesh: 'default', labels: {} }

function schemaViolations(yaml: string) {
  const spec = parse(yaml)
  applyDefaults(spec, specSchema)
  return validateSchema(spec, specSchema, 'spec').violations
}

describe('MeshRetry kind', () => {
  it('describes MeshRetry as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshRetry',
      plural: 'meshretries',
      kumactlArg: 'meshretry',
      singularDisplayName: 'Mesh Retry',
      pluralDisplayName: 'Mesh Retries',
      shortName: 'mr',
      scope: 'Mesh',
      isPolicy: true,
      isTargetRefBased: true,
      hasToTargetRef: true,
      hasFromTargetRef: false,
      hasRulesTargetRef: false,
      isFromAsRules: false,
      hasStatus: false,
      includeInFederation: true,
      providedByZone: true,
    })
    expect(kind.specSchema).toBe(specSchema)
  })
})

/**
 * SCHEMA_INVALID are Kuma validator cases its CRD schema would reject (numeric retryOn items,
 * header match types like PREFIX): Kuma's validator tests skip the schema.
 */
const SCHEMA_INVALID = ['full example', 'http.retryOn with status codes', 'target MeshHTTPRoute']

describe('MeshRetry spec schema', () => {
  it.each(valid.filter(([name]) => !SCHEMA_INVALID.includes(name)))('accepts %s', (_, yaml) => {
    expect(schemaViolations(yaml)).toEqual([])
  })

  it('defaults hostSelection updateFrequency and header match type', () => {
    const spec = parse(`
to:
  - targetRef: { kind: Mesh }
    default:
      http:
        hostSelection: [{ predicate: OmitPreviousPriorities }]
        retriableRequestHeaders: [{ name: x-retry }]
`)
    applyDefaults(spec, specSchema)
    expect(spec.to[0].default.http).toEqual({
      hostSelection: [{ predicate: 'OmitPreviousPriorities', updateFrequency: 2 }],
      retriableRequestHeaders: [{ name: 'x-retry', type: 'Exact' }],
    })
  })

  it('rejects numeric retryOn items, which Kuma reads as strings only after the schema', () => {
    const yaml = `to: [{ targetRef: { kind: Mesh }, default: { http: { retryOn: [503] } } }]`
    expect(schemaViolations(yaml)).toEqual([
      {
        field: 'spec.to[0].default.http.retryOn[0]',
        message: 'in body must be of type string: "number"',
      },
    ])
  })

  it.each([
    [
      'numRetries that is a string',
      `to: [{ targetRef: { kind: Mesh }, default: { http: { numRetries: '3' } } }]`,
      [
        {
          field: 'spec.to[0].default.http.numRetries',
          message: 'in body must be of type integer: "string"',
        },
      ],
    ],
    [
      'numRetries that is a fraction',
      `to: [{ targetRef: { kind: Mesh }, default: { grpc: { numRetries: 1.5 } } }]`,
      [
        {
          field: 'spec.to[0].default.grpc.numRetries',
          message: 'in body must be of type int32: "float64"',
        },
        {
          field: '',
          message:
            'Checked value must be of type integer with format int32 in spec.to[0].default.grpc.numRetries',
        },
      ],
    ],
    [
      'an unknown grpc retryOn',
      `to: [{ targetRef: { kind: Mesh }, default: { grpc: { retryOn: [Aborted] } } }]`,
      [
        {
          field: 'spec.to[0].default.grpc.retryOn[0]',
          message:
            'in body should be one of [Canceled DeadlineExceeded Internal ResourceExhausted Unavailable]',
        },
      ],
    ],
    [
      'a reset header with an upper-case name and no format',
      `to: [{ targetRef: { kind: Mesh }, default: { http: { rateLimitedBackOff: { resetHeaders: [{ name: Retry-After }] } } } }]`,
      [
        {
          field: 'spec.to[0].default.http.rateLimitedBackOff.resetHeaders[0].name',
          message: "in body should match '^[a-z0-9!#$%&'*+\\-.^_\\x60|~]+$'",
        },
        {
          field: 'spec.to[0].default.http.rateLimitedBackOff.resetHeaders[0].format',
          message: 'in body is required',
        },
      ],
    ],
    [
      'an empty header name',
      `to: [{ targetRef: { kind: Mesh }, default: { http: { retriableRequestHeaders: [{ name: '' }] } } }]`,
      [
        {
          field: 'spec.to[0].default.http.retriableRequestHeaders[0].name',
          message: 'in body should be at least 1 chars long',
        },
      ],
    ],
    [
      'a host selection without predicate',
      `to: [{ targetRef: { kind: Mesh }, default: { http: { hostSelection: [{ tags: { a: b } }] } } }]`,
      [
        {
          field: 'spec.to[0].default.http.hostSelection[0].predicate',
          message: 'in body is required',
        },
      ],
    ],
  ])('reports %s', (_, yaml, expected) => {
    expect(schemaViolations(yaml)).toEqual(expected)
  })
})

describe('MeshRetry validator', () => {
  it.each(valid)('accepts %s', (_, yaml) => {
    expect(kind.validate!(parse(yaml), ctx).violations).toEqual([])
  })

  it.each(invalid)('rejects %s', (_, yaml, expected) => {
    expect(kind.validate!(parse(yaml), ctx).violations).toEqual(expected)
  })

  it.each([
    ['status codes Go names', ['503', '429', '418'], []],
    [
      'codes Go does not name, and words',
      ['306', '999', 'five'],
      [
        { field: 'spec.to[0].default.conf.http.retryOn[0]', message: "unknown item '306'" },
        { field: 'spec.to[0].default.conf.http.retryOn[1]', message: "unknown item '999'" },
        { field: 'spec.to[0].default.conf.http.retryOn[2]', message: "unknown item 'five'" },
      ],
    ],
  ])('checks http retryOn: %s', (_, retryOn, expected) => {
    const spec = { to: [{ targetRef: { kind: 'Mesh' }, default: { http: { retryOn } } }] }
    expect(kind.validate!(spec, ctx).violations).toEqual(expected)
  })
})

describe('MeshRetry deprecations', () => {
  it('warns about a MeshSubset top-level targetRef', () => {
    const spec = parse(`{ targetRef: { kind: MeshSubset, tags: { a: b } }, to: [] }`)
    expect(kind.warnings!(spec, ctx)).toEqual([
      "MeshSubset value for 'targetRef.kind' is deprecated, use Dataplane with labels instead",
    ])
  })
})
