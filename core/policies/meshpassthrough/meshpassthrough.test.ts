import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { applyDefaults, validateSchema } from '../../schema/validate'
import { kind } from './index'

const schema = kind.specSchema!

function violationsOf(specYAML: string) {
  const v = validateSchema(parse(specYAML), schema, 'spec').violations
  return [...v].sort((a, b) => (a.field + a.message).localeCompare(b.field + b.message))
}

describe('MeshPassthrough kind', () => {
  it('describes MeshPassthrough as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshPassthrough',
      plural: 'meshpassthroughs',
      kumactlArg: 'meshpassthrough',
      singularDisplayName: 'Mesh Passthrough',
      pluralDisplayName: 'Mesh Passthroughs',
      shortName: 'mp',
      scope: 'Mesh',
      isPolicy: true,
      isTargetRefBased: true,
      hasToTargetRef: false,
      hasFromTargetRef: false,
      hasRulesTargetRef: false,
      isFromAsRules: false,
      hasStatus: false,
      includeInFederation: true,
    })
  })
})

describe('MeshPassthrough schema', () => {
  it.each([
    [
      "Kuma's valid example",
      `
targetRef: { kind: Mesh }
default:
  appendMatch:
    - { type: IP, value: 192.168.1.1, port: 8000, protocol: tcp }
    - { type: Domain, value: example.com, protocol: tls }
    - { type: CIDR, value: 1.2.3.4/24, port: 9900, protocol: tcp }
    - { type: Domain, value: example.com, port: 9999, protocol: http }
    - { type: Domain, value: '*.example.com', port: 9090, protocol: http }
    - { type: IP, value: 172.1.1.1, port: 3306, protocol: mysql }
`,
    ],
    ['a passthrough mode alone', `default: { passthroughMode: None }`],
  ])('accepts %s', (_, spec) => {
    expect(violationsOf(spec)).toEqual([])
  })

  it.each([
    [
      'a match without type and value',
      `default: { appendMatch: [{ port: 80 }] }`,
      [
        { field: 'spec.default.appendMatch[0].type', message: 'in body is required' },
        { field: 'spec.default.appendMatch[0].value', message: 'in body is required' },
      ],
    ],
    [
      'unknown enum values',
      `default: { passthroughMode: Some, appendMatch: [{ type: URL, value: x, protocol: udp }] }`,
      [
        {
          field: 'spec.default.appendMatch[0].protocol',
          message: 'in body should be one of [tcp tls grpc http http2 mysql]',
        },
        {
          field: 'spec.default.appendMatch[0].type',
          message: 'in body should be one of [Domain IP CIDR]',
        },
        {
          field: 'spec.default.passthroughMode',
          message: 'in body should be one of [All Matched None]',
        },
      ],
    ],
    [
      'a port of the wrong type',
      `default: { appendMatch: [{ type: IP, value: 1.1.1.1, port: '80' }] }`,
      [
        {
          field: 'spec.default.appendMatch[0].port',
          message: 'in body must be of type integer: "string"',
        },
      ],
    ],
    [
      'appendMatch that is not a list',
      `default: { appendMatch: { type: IP } }`,
      [{ field: 'spec.default.appendMatch', message: 'in body must be of type array: "object"' }],
    ],
  ])('rejects %s', (_, spec, expected) => {
    expect(violationsOf(spec)).toEqual(expected)
  })

  it('defaults the match protocol to tcp', () => {
    const spec = parse(`default: { appendMatch: [{ type: IP, value: 1.1.1.1 }] }`)
    applyDefaults(spec, schema)
    expect(spec.default.appendMatch[0].protocol).toBe('tcp')
  })
})
