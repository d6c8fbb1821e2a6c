import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { applyDefaults, validateSchema } from '../../schema/validate'
import { kind } from './index'

const schema = kind.specSchema!

function violationsOf(specYAML: string) {
  const v = validateSchema(parse(specYAML), schema, 'spec').violations
  return [...v].sort((a, b) => (a.field + a.message).localeCompare(b.field + b.message))
}

const versions = 'in body should be one of [TLSAuto TLS10 TLS11 TLS12 TLS13]'

describe('MeshTLS kind', () => {
  it('describes MeshTLS as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshTLS',
      plural: 'meshtlses',
      kumactlArg: 'meshtls',
      singularDisplayName: 'Mesh TLS',
      pluralDisplayName: 'Mesh TLSes',
      shortName: 'mtls',
      scope: 'Mesh',
      isPolicy: true,
      isTargetRefBased: true,
      hasToTargetRef: false,
      hasFromTargetRef: true,
      hasRulesTargetRef: true,
      isFromAsRules: true,
      hasStatus: false,
      includeInFederation: true,
    })
  })
})

describe('MeshTLS schema', () => {
  it.each([
    [
      "Kuma's full valid example",
      `
targetRef: { kind: Mesh }
from:
  - targetRef: { kind: Mesh }
    default:
      tlsVersion: { min: TLS11, max: TLS12 }
      tlsCiphers:
        - ECDHE-ECDSA-AES128-GCM-SHA256
        - ECDHE-ECDSA-AES256-GCM-SHA384
        - ECDHE-ECDSA-CHACHA20-POLY1305
        - ECDHE-RSA-AES128-GCM-SHA256
        - ECDHE-RSA-AES256-GCM-SHA384
        - ECDHE-RSA-CHACHA20-POLY1305
      mode: Strict
`,
    ],
    ['rules with a mode', `rules: [{ default: { mode: Permissive } }]`],
    ['a from item without default', `from: [{ targetRef: { kind: Mesh } }]`],
  ])('accepts %s', (_, spec) => {
    expect(violationsOf(spec)).toEqual([])
  })

  it.each([
    [
      'a from item without targetRef',
      `from: [{ default: { mode: Strict } }]`,
      [{ field: 'spec.from[0].targetRef', message: 'in body is required' }],
    ],
    [
      "Kuma's invalid versions, cipher and mode",
      `
from:
  - targetRef: { kind: Mesh }
    default:
      tlsVersion: { min: TLS15, max: TLS16 }
      tlsCiphers: [NotExistingCipher]
      mode: NotExistingMode
`,
      [
        {
          field: 'spec.from[0].default.mode',
          message: 'in body should be one of [Permissive Strict]',
        },
        {
          field: 'spec.from[0].default.tlsCiphers[0]',
          message:
            'in body should be one of [ECDHE-ECDSA-AES128-GCM-SHA256 ECDHE-ECDSA-AES256-GCM-SHA384 ECDHE-ECDSA-CHACHA20-POLY1305 ECDHE-RSA-AES128-GCM-SHA256 ECDHE-RSA-AES256-GCM-SHA384 ECDHE-RSA-CHACHA20-POLY1305]',
        },
        { field: 'spec.from[0].default.tlsVersion.max', message: versions },
        { field: 'spec.from[0].default.tlsVersion.min', message: versions },
      ],
    ],
    [
      'wrong types',
      `rules: [{ default: { tlsCiphers: ECDHE-RSA-AES128-GCM-SHA256, tlsVersion: TLS13 } }]`,
      [
        {
          field: 'spec.rules[0].default.tlsCiphers',
          message: 'in body must be of type array: "string"',
        },
        {
          field: 'spec.rules[0].default.tlsVersion',
          message: 'in body must be of type object: "string"',
        },
      ],
    ],
  ])('rejects %s', (_, spec, expected) => {
    expect(violationsOf(spec)).toEqual(expected)
  })

  it('defaults both TLS version bounds to TLSAuto', () => {
    const spec = parse(`rules: [{ default: { tlsVersion: {} } }]`)
    applyDefaults(spec, schema)
    expect(spec.rules[0].default.tlsVersion).toEqual({ min: 'TLSAuto', max: 'TLSAuto' })
  })
})
