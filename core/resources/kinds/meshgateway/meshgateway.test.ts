/** @module MeshGateway validation against Kuma's gateway_validator_test.go table. */
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { checkInlineShape, codec, kind } from './index'
import { errorCases, validCases } from './testdata/kuma-validator-cases'

const ctx = { name: 'gateway', mesh: 'default', labels: {} }
const violations = (spec: Record<string, unknown>) => kind.validate!(spec, ctx).violations

describe('MeshGateway validator (Kuma gateway_validator_test.go)', () => {
  it.each(validCases)('accepts a gateway with %s', (_, input) => {
    expect(violations(parse(input))).toEqual([])
  })

  // Kuma compares these as a set: some come from walking Go maps
  it.each(errorCases)('reports every violation when it %s', (_, expected, input) => {
    const actual = violations(parse(input))
    expect(actual).toHaveLength(expected.length)
    expect(actual).toEqual(expect.arrayContaining(expected))
  })

  it('rejects more than two certificates in TLS termination mode', () => {
    const spec = {
      selectors: [{ match: { 'kuma.io/service': 'gw' } }],
      conf: {
        listeners: [
          {
            port: 443,
            protocol: 'TLS',
            tls: {
              mode: 'TERMINATE',
              certificates: [{ secret: 'a' }, { secret: 'b' }, { secret: 'c' }],
            },
          },
        ],
      },
    }
    expect(violations(spec)).toEqual([
      {
        field: 'conf.listeners[0].tls.certificates',
        message: 'cannot have more than 2 certificates',
      },
    ])
  })
})

describe('MeshGateway inline shape (jsonpb)', () => {
  it.each([
    [
      { conf: { listeners: [{ protocol: 'UDP' }] } },
      'unknown value "\\"UDP\\"" for enum kuma.mesh.v1alpha1.MeshGateway.Listener.Protocol',
    ],
    [
      { selectors: [{ match: [] }] },
      'json: cannot unmarshal array into Go value of type map[string]json.RawMessage',
    ],
    [
      { conf: { listeners: [{ crossMesh: 1 }] } },
      'json: cannot unmarshal number into Go value of type bool',
    ],
    [
      { conf: { listeners: [{ tls: { certificates: [{ inline: 'abc' }] } }] } },
      'illegal base64 data at input byte 0',
    ],
  ])('rejects %j', (spec, message) => {
    expect(checkInlineShape(spec)).toBe(message)
  })

  it('accepts the proto name connection_limit and numeric enums', () => {
    expect(
      codec.decode({ conf: { listeners: [{ protocol: 4, resources: { connection_limit: 3 } }] } }),
    ).toEqual({
      value: { conf: { listeners: [{ protocol: 'HTTP', resources: { connectionLimit: 3 } }] } },
    })
  })
})
