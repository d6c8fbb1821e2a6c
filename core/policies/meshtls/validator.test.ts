import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { kind } from './index'
import { validateMeshTLS } from './validator'

const ctx = { name: 'meshtls-1', mesh: 'default', labels: {} }

describe('MeshTLS validator', () => {
  it('is wired as the kind validator', () => {
    expect(kind.validate).toBe(validateMeshTLS)
  })

  it.each([
    [
      'full passing example',
      `targetRef:
  kind: Mesh
from:
  - targetRef:
      kind: Mesh
    default:
      tlsVersion:
        min: TLS11
        max: TLS12
      tlsCiphers:
        - "ECDHE-ECDSA-AES128-GCM-SHA256"
        - "ECDHE-ECDSA-AES256-GCM-SHA384"
        - "ECDHE-ECDSA-CHACHA20-POLY1305"
        - "ECDHE-RSA-AES128-GCM-SHA256"
        - "ECDHE-RSA-AES256-GCM-SHA384"
        - "ECDHE-RSA-CHACHA20-POLY1305"
      mode: Strict
`,
      [],
    ],
    [
      'full failing example',
      `targetRef:
  kind: Mesh
from:
  - targetRef:
      kind: MeshHTTPRoute
    default: {}
  - targetRef:
      kind: Mesh
    default:
      tlsVersion:
        min: TLS15
        max: TLS16
      tlsCiphers:
        - "NotExistingCipher"
      mode: NotExistingMode
`,
      [
        { field: 'spec.from[0].targetRef.kind', message: "value 'MeshHTTPRoute' is not supported" },
        {
          field: 'spec.from[1].default.mode',
          message: '"mode" must be one of ["Strict", "Permissive"]',
        },
        {
          field: 'spec.from[1].default.tlsCiphers',
          message:
            '"tlsCiphers" must be one of ["ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305"]',
        },
        {
          field: 'spec.from[1].default.tlsVersion.min',
          message: '"min" must be one of ["TLSAuto", "TLS10", "TLS11", "TLS12", "TLS13"]',
        },
        {
          field: 'spec.from[1].default.tlsVersion.max',
          message: '"max" must be one of ["TLSAuto", "TLS10", "TLS11", "TLS12", "TLS13"]',
        },
      ],
    ],
    [
      'invalid top level',
      `targetRef:
  kind: MeshSubset
  tags:
    kuma.io/service: svc-1
from:
  - targetRef:
      kind: Mesh
    default:
      tlsVersion:
        min: TLS15
        max: TLS16
      tlsCiphers:
        - "NotExistingCipher"
      mode: Strict
`,
      [
        {
          field: 'spec.from[0].default.tlsCiphers',
          message: 'tlsCiphers can only be defined with top level targetRef kind: Mesh',
        },
        {
          field: 'spec.from[0].default.tlsVersion',
          message: 'tlsVersion can only be defined with top level targetRef kind: Mesh',
        },
      ],
    ],
    [
      'full passing without top level',
      `from:
  - targetRef:
      kind: Mesh
    default:
      tlsVersion:
        min: TLS11
        max: TLS12
      tlsCiphers:
        - "ECDHE-ECDSA-AES128-GCM-SHA256"
        - "ECDHE-ECDSA-AES256-GCM-SHA384"
        - "ECDHE-ECDSA-CHACHA20-POLY1305"
        - "ECDHE-RSA-AES128-GCM-SHA256"
        - "ECDHE-RSA-AES256-GCM-SHA384"
        - "ECDHE-RSA-CHACHA20-POLY1305"
      mode: Strict
`,
      [],
    ],
    [
      'sectionName without from or rules',
      `targetRef:
  kind: Dataplane
  sectionName: test
to:
  - targetRef:
      kind: Mesh`,
      [{ field: 'spec.targetRef.sectionName', message: 'can only be used with inbound policies' }],
    ],
    [
      'mixed from and rules',
      `targetRef:
  kind: Dataplane
  labels:
    app: demo
from:
  - targetRef:
      kind: Mesh
    default:
      tlsVersion:
        min: TLS15
        max: TLS16
      tlsCiphers:
        - "NotExistingCipher"
      mode: Strict
rules:
  - default:
      tlsVersion:
        min: TLS15
        max: TLS16
      tlsCiphers:
        - "NotExistingCipher"
      mode: Strict
`,
      [
        { field: 'spec', message: "field 'from' must be empty when 'rules' is defined" },
        {
          field: 'spec.rules[0].default.tlsCiphers',
          message: 'tlsCiphers can only be defined with top level targetRef kind: Mesh',
        },
        {
          field: 'spec.rules[0].default.tlsVersion',
          message: 'tlsVersion can only be defined with top level targetRef kind: Mesh',
        },
        {
          field: 'spec.from[0].default.tlsCiphers',
          message: 'tlsCiphers can only be defined with top level targetRef kind: Mesh',
        },
        {
          field: 'spec.from[0].default.tlsVersion',
          message: 'tlsVersion can only be defined with top level targetRef kind: Mesh',
        },
      ],
    ],
    [
      'invalid top level kind dataplane',
      `targetRef:
  kind: Dataplane
  labels:
    app: demo
from:
  - targetRef:
      kind: Mesh
    default:
      tlsVersion:
        min: TLS15
        max: TLS16
      tlsCiphers:
        - "NotExistingCipher"
      mode: Strict
`,
      [
        {
          field: 'spec.from[0].default.tlsCiphers',
          message: 'tlsCiphers can only be defined with top level targetRef kind: Mesh',
        },
        {
          field: 'spec.from[0].default.tlsVersion',
          message: 'tlsVersion can only be defined with top level targetRef kind: Mesh',
        },
      ],
    ],
  ])('checks the %s', (_, specYAML, expected) => {
    expect(validateMeshTLS(parse(specYAML), ctx).violations).toEqual(expected)
  })

  it('rejects a minimum TLS version above the maximum', () => {
    const spec = parse(`rules: [{ default: { tlsVersion: { min: TLS13, max: TLS12 } } }]`)
    expect(validateMeshTLS(spec, ctx).violations).toEqual([
      {
        field: 'spec.rules[0].default.tlsVersion.min',
        message: 'min version must be lower than max',
      },
    ])
  })

  it('accepts a Dataplane sectionName on an inbound policy', () => {
    const spec = parse(`
targetRef: { kind: Dataplane, labels: { app: demo }, sectionName: http }
rules: [{ default: { mode: Strict } }]
`)
    expect(validateMeshTLS(spec, ctx).violations).toEqual([])
  })
})
