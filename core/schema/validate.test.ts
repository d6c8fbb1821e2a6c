import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { targetRefSchema } from '../policies/common/targetref'
import type { JSONSchemaProps } from './types'
import {
  applyDefaults,
  resourceSchema,
  schemaErrors,
  toViolation,
  validateSchema,
} from './validate'

const conformance = new URL(
  '../../../shared/conformance/kuma-v2.14.3/api-server/crud/',
  import.meta.url,
)
const readJSON = (name: string) => JSON.parse(readFileSync(new URL(name, conformance), 'utf8'))

const mtpSpec: JSONSchemaProps = {
  type: 'object',
  properties: {
    targetRef: targetRefSchema,
    from: {
      type: 'array',
      items: {
        type: 'object',
        required: ['targetRef'],
        properties: {
          targetRef: targetRefSchema,
          default: {
            type: 'object',
            properties: {
              action: { type: 'string', enum: ['Allow', 'Deny', 'AllowWithShadowDeny'] },
            },
          },
        },
      },
    },
  },
}

describe('validateSchema against Kuma PUT goldens', () => {
  it.each(['put_mtp_00', 'put_mtp_01'])('reports what Kuma reports for %s', (name) => {
    const body = readJSON(`${name}.request.json`)
    const golden = readJSON(`${name}.golden.json`)
    const schema = resourceSchema('MeshTrafficPermission', mtpSpec, 'Mesh')
    applyDefaults(body, schema)
    expect(validateSchema(body, schema, '').violations).toEqual(golden.causes)
  })
})

const str: JSONSchemaProps = { type: 'string' }
const obj = (properties: Record<string, JSONSchemaProps>, extra: JSONSchemaProps = {}) =>
  ({ type: 'object', properties, ...extra }) as JSONSchemaProps

describe('schemaErrors', () => {
  it.each<[string, JSONSchemaProps, unknown, string[]]>([
    ['a string where a string is wanted', str, 'x', []],
    ['a number for a string', str, 2, ['spec.x in body must be of type string: "number"']],
    ['a bool for a string', str, true, ['spec.x in body must be of type string: "boolean"']],
    ['an object for a string', str, {}, ['spec.x in body must be of type string: "object"']],
    ['an array for an object', obj({}), [], ['spec.x in body must be of type object: "array"']],
    ['null for a string', str, null, ['spec.x in body must be of type string: "null"']],
    ['null for a nullable string', { type: 'string', nullable: true }, null, []],
    ['1.0 (a JSON integer) for an integer', { type: 'integer' }, 1.0, []],
    [
      '1.5 for an integer',
      { type: 'integer' },
      1.5,
      [
        'spec.x in body must be of type integer: "number"',
        'Checked value must be of type integer (default format) in spec.x',
      ],
    ],
    [
      '1.5 for an int32',
      { type: 'integer', format: 'int32' },
      1.5,
      [
        'spec.x in body must be of type int32: "float64"',
        'Checked value must be of type integer with format int32 in spec.x',
      ],
    ],
    [
      'an int32 out of range',
      { type: 'integer', format: 'int32' },
      2 ** 31,
      ['Checked value must be of type integer with format int32 in spec.x'],
    ],
    ['an integer for a number', { type: 'number' }, 3, []],
    [
      'a value outside an enum',
      { type: 'string', enum: ['a', 'b', 'c'] },
      'd',
      ['spec.x in body should be one of [a b c]'],
    ],
    [
      'a number enum',
      { type: 'integer', enum: [1, 2] },
      3,
      ['spec.x in body should be one of [1 2]'],
    ],
    [
      'a value under the minimum',
      { type: 'integer', minimum: 1 },
      0,
      ['spec.x in body should be greater than or equal to 1'],
    ],
    [
      'a value at an exclusive minimum',
      { type: 'integer', minimum: 1, exclusiveMinimum: true },
      1,
      ['spec.x in body should be greater than 1'],
    ],
    [
      'a value above the maximum',
      { type: 'integer', maximum: 1000000 },
      1000001,
      ['spec.x in body should be less than or equal to 1e+06'],
    ],
    [
      'a value at an exclusive maximum',
      { type: 'number', maximum: 65535, exclusiveMaximum: true },
      65535,
      ['spec.x in body should be less than 65535'],
    ],
    [
      'a too long string',
      { type: 'string', maxLength: 2 },
      'ééé',
      ['spec.x in body should be at most 2 chars long'],
    ],
    ['a string of 2 runes', { type: 'string', maxLength: 2 }, 'éé', []],
    [
      'a too short string',
      { type: 'string', minLength: 1 },
      '',
      ['spec.x in body should be at least 1 chars long'],
    ],
    [
      'a string not matching the pattern',
      { type: 'string', pattern: '^[a-z]+$' },
      'A',
      ["spec.x in body should match '^[a-z]+$'"],
    ],
    [
      'a bad date-time',
      { type: 'string', format: 'date-time' },
      'yesterday',
      ['spec.x in body must be of type date-time: "yesterday"'],
    ],
    ['a good date-time', { type: 'string', format: 'date-time' }, '0001-01-01T00:00:00Z', []],
    ['a good duration', { type: 'string', format: 'duration' }, '1h30m', []],
    [
      'a bad duration',
      { type: 'string', format: 'duration' },
      '1x',
      ['spec.x in body must be of type duration: "1x"'],
    ],
    [
      'a number for a duration',
      { type: 'string', format: 'duration' },
      5,
      ['spec.x in body must be of type duration: "float64"'],
    ],
    ['an unknown format', { type: 'string', format: 'int-or-string' }, 'x', []],
    ['an int for an int-or-string', { 'x-kubernetes-int-or-string': true }, 5, []],
    ['a string for an int-or-string', { 'x-kubernetes-int-or-string': true }, '50%', []],
    [
      'a bool for an int-or-string',
      { 'x-kubernetes-int-or-string': true },
      true,
      [
        '"spec.x" must validate at least one schema (anyOf)',
        'spec.x in body must be of type integer: "boolean"',
      ],
    ],
    [
      'too few items',
      { type: 'array', minItems: 1, items: str },
      [],
      ['spec.x in body should have at least 1 items'],
    ],
    [
      'too many items',
      { type: 'array', maxItems: 1, items: str },
      ['a', 'b'],
      ['spec.x in body should have at most 1 items'],
    ],
    [
      'duplicate items',
      { type: 'array', uniqueItems: true },
      [{ a: 1 }, { a: 1 }],
      ["spec.x in body shouldn't contain duplicates"],
    ],
    [
      'bad items, addressed by index',
      { type: 'array', items: obj({ kind: str }, { required: ['kind'] }) },
      [{ kind: 'a' }, { kind: 1 }, {}],
      [
        'spec.x[1].kind in body must be of type string: "number"',
        'spec.x[2].kind in body is required',
      ],
    ],
    [
      'too few properties',
      obj({}, { minProperties: 1 }),
      {},
      ['spec.x in body should have at least 1 properties'],
    ],
    [
      'a forbidden property',
      obj({ a: str }, { additionalProperties: false }),
      { a: 'x', b: 1 },
      ['spec.x.b in body is a forbidden property'],
    ],
    [
      'a bad map value, addressed with a dot',
      { type: 'object', additionalProperties: str },
      { 'kuma.io/zone': 1 },
      ['spec.x.kuma.io/zone in body must be of type string: "number"'],
    ],
    ['unknown fields (pruned, not reported)', obj({ a: str }), { b: 1 }, []],
    [
      'a missing required field',
      obj({ a: str }, { required: ['a', 'b'] }),
      { b: null },
      ['spec.x.a in body is required'],
    ],
    [
      'a oneOf matched by none',
      { oneOf: [{ required: ['a'] }, { required: ['b'] }] },
      {},
      [
        '"spec.x" must validate one and only one schema (oneOf). Found none valid',
        'spec.x.a in body is required',
      ],
    ],
    [
      'a oneOf matched by two',
      { oneOf: [{ required: ['a'] }, { required: ['b'] }] },
      { a: 1, b: 1 },
      ['"spec.x" must validate one and only one schema (oneOf). Found 2 valid alternatives'],
    ],
    [
      'an allOf with one failure',
      { allOf: [{ required: ['a'] }, { required: ['b'] }] },
      { a: 1 },
      ['spec.x.b in body is required', '"spec.x" must validate all the schemas (allOf)'],
    ],
    [
      'a not that matches',
      { not: { required: ['a'] } },
      { a: 1 },
      ['"spec.x" must not validate the schema (not)'],
    ],
    [
      'anything under preserve-unknown-fields',
      { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      { a: [1] },
      [],
    ],
  ])('checks %s', (_, schema, value, expected) => {
    expect(schemaErrors(value, schema, 'spec.x')).toEqual(expected)
  })

  it('addresses root properties without a dot and root required fields with one', () => {
    const schema = resourceSchema('MeshTimeout', obj({}), 'Mesh')
    expect(schemaErrors({ type: 'X', labels: { a: 1 } }, schema, '')).toEqual([
      'type in body should be one of [MeshTimeout]',
      'labels.a in body must be of type string: "number"',
      '.name in body is required',
      '.spec in body is required',
    ])
  })

  it('reports every violation in a nested spec', () => {
    const schema = obj({
      targetRef: targetRefSchema,
      to: { type: 'array', items: obj({ targetRef: targetRefSchema }) },
    })
    expect(
      schemaErrors(
        { targetRef: { kind: 'Foo' }, to: [{ targetRef: { name: 1 } }] },
        schema,
        'spec',
      ),
    ).toEqual([
      'spec.targetRef.kind in body should be one of [Mesh MeshSubset MeshGateway MeshService MeshExternalService MeshMultiZoneService MeshServiceSubset MeshHTTPRoute Dataplane]',
      'spec.to[0].targetRef.name in body must be of type string: "number"',
      'spec.to[0].targetRef.kind in body is required',
    ])
  })
})

describe('toViolation', () => {
  it.each([
    ['spec.a in body is required', { field: 'spec.a', message: 'in body is required' }],
    [
      'spec in body must be of type object: "string"',
      { field: '', message: 'spec in body must be of type object: "string"' },
    ],
    ['.name in body is required', { field: '', message: '.name in body is required' }],
    [
      '"spec.x" must validate at least one schema (anyOf)',
      { field: '', message: '"spec.x" must validate at least one schema (anyOf)' },
    ],
    ['spec.x', { field: '', message: 'spec.x' }],
  ])('splits %j as Kuma does', (error, expected) => {
    expect(toViolation(error)).toEqual(expected)
  })
})
