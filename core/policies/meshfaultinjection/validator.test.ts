import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { Violation } from '../../validators/validation-error'
import { validate } from './validator'

const byField = (vs: Violation[]) =>
  [...vs].sort((a, b) => (a.field + a.message).localeCompare(b.field + b.message))
const violations = (yaml: string, labels: Record<string, string> = {}) =>
  validate(parse(yaml), { name: 'fi1', mesh: 'mesh-1', labels }).violations

const faults = `
      http:
        - abort: { httpStatus: 503, percentage: 50 }
          delay: { value: 10s, percentage: 5 }
        - delay: { value: 5s, percentage: 5 }
        - responseBandwidth: { limit: 100Mbps, percentage: 5 }
        - abort: { httpStatus: 500, percentage: "50.5" }`

const badFaults = `
      http:
      - abort: { httpStatus: 677, percentage: 111 }
      - delay: { value: -5s, percentage: 1111 }
      - responseBandwidth: { limit: 1000, percentage: 1111 }`

const badFaultViolations = (at: string): Violation[] => [
  { field: `${at}.http.abort[0].httpStatus`, message: 'must be in inclusive range [100, 599]' },
  { field: `${at}.http.abort[0].percentage`, message: 'must be in inclusive range [0.0, 100.0]' },
  { field: `${at}.http.delay[1].value`, message: 'must not be negative when defined' },
  { field: `${at}.http.delay[1].percentage`, message: 'must be in inclusive range [0.0, 100.0]' },
  { field: `${at}.http.responseBandwidth[2].limit`, message: 'must be in kbps/Mbps/Gbps units' },
  {
    field: `${at}.http.responseBandwidth[2].percentage`,
    message: 'must be in inclusive range [0.0, 100.0]',
  },
]

describe('MeshFaultInjection validator', () => {
  it.each([
    [
      'faults in from[]',
      `
targetRef: { kind: MeshService, name: backend }
from:
  - targetRef: { kind: MeshService, name: web-backend }
    default: ${faults}
`,
    ],
    [
      'empty faults',
      `
targetRef: { kind: MeshService, name: backend }
from: [{ targetRef: { kind: MeshService, name: web-backend }, default: { http: [] } }]
`,
    ],
    [
      'to[] with a Mesh targetRef restricted to gateways',
      `
targetRef: { kind: Mesh, proxyTypes: ["Gateway"] }
to: [{ targetRef: { kind: Mesh }, default: { http: [] } }]
`,
    ],
    [
      'rules with a spiffeID match',
      `
targetRef: { kind: Mesh }
rules:
  - matches: [{ spiffeID: { type: Exact, value: spiffe://trust.domain/service } }]
    default: ${faults}
`,
    ],
    [
      'rules with an sni match',
      `
targetRef: { kind: Mesh }
rules:
  - matches: [{ sni: { type: Exact, value: sni.extsvc.default.zone-1.aws-aurora.8443 } }]
    default: { http: [{ responseBandwidth: { limit: 1000Mbps, percentage: 50 } }] }
`,
    ],
  ])('accepts %s', (_, yaml) => {
    expect(violations(yaml)).toEqual([])
  })

  it.each<[string, string, Violation[]]>([
    [
      'incorrect values in from[]',
      `
targetRef: { kind: MeshService, name: backend }
from:
  - targetRef: { kind: MeshService, name: web-backend }
    default: ${badFaults}
`,
      badFaultViolations('spec.from[0].default'),
    ],
    [
      'incorrect values in rules',
      `
targetRef: { kind: Mesh }
rules:
  - matches: [{ spiffeID: { type: Exact, value: spiffe://trust.domain/service } }]
    default: ${badFaults}
`,
      badFaultViolations('spec.rules[0].default'),
    ],
    [
      'an sni match of type Prefix',
      `
targetRef: { kind: Mesh }
rules:
  - matches: [{ sni: { type: Prefix, value: sni.extsvc.default.zone-1.aws-aurora.8443 } }]
    default: { http: [{ responseBandwidth: { limit: 1000Mbps, percentage: 50 } }] }
`,
      [
        {
          field: 'spec.rules[0].matches[0].sni.type',
          message: 'unrecognized type "Prefix", supported values are: Exact',
        },
      ],
    ],
    [
      'a spiffeID that is not a SPIFFE ID',
      `
targetRef: { kind: Mesh }
rules:
  - matches: [{ spiffeID: { type: Exact, value: not-valid } }]
    default: { http: [{ responseBandwidth: { limit: 1000Mbps } }] }
`,
      [
        {
          field: 'spec.rules[0].matches[0].spiffeID',
          message: 'must be a valid Spiffe ID: scheme is missing or invalid',
        },
      ],
    ],
    [
      'empty values',
      `
targetRef: { kind: MeshService, name: backend }
from:
  - targetRef: { kind: MeshService, name: web-backend }
    default:
      http:
      - abort: {}
      - delay: {}
      - responseBandwidth: { limit: 1000 }
`,
      [
        {
          field: 'spec.from[0].default.http.abort[0].httpStatus',
          message: 'must be in inclusive range [100, 599]',
        },
        {
          field: 'spec.from[0].default.http.responseBandwidth[2].limit',
          message: 'must be in kbps/Mbps/Gbps units',
        },
      ],
    ],
    [
      'a sectionName in an outbound policy',
      `
targetRef: { kind: Dataplane, sectionName: test }
to:
  - targetRef: { kind: MeshService, name: web-backend }
    default: { http: [{ abort: {} }] }
`,
      [
        { field: 'spec.targetRef.sectionName', message: 'can only be used with inbound policies' },
        { field: 'spec.to', message: 'must not be defined' },
      ],
    ],
    [
      'a percentage that is not a number',
      `
targetRef: { kind: MeshService, name: backend }
from:
  - targetRef: { kind: MeshService, name: web-backend }
    default: { http: [{ responseBandwidth: { limit: 1000, percentage: "xyz" } }] }
`,
      [
        {
          field: 'spec.from[0].default.http.responseBandwidth[0].limit',
          message: 'must be in kbps/Mbps/Gbps units',
        },
        {
          field: 'spec.from[0].default.http.responseBandwidth[0].percentage',
          message: 'string must be a valid number',
        },
      ],
    ],
    [
      'from[] on a MeshGateway and a MeshService in to[]',
      `
targetRef: { kind: MeshGateway, name: edge }
to:
  - targetRef: { kind: Mesh }
    default: { http: [{ abort: { httpStatus: 503, percentage: 50 } }] }
  - targetRef: { kind: MeshService, name: backend }
    default: { http: [{ abort: { httpStatus: 503, percentage: 50 } }] }
from:
  - targetRef: { kind: Mesh }
    default: { http: [{ abort: { httpStatus: 503, percentage: 50 } }] }
`,
      [
        {
          field: 'spec.from',
          message:
            'must not be defined when the scope includes a Gateway, select only proxyType Sidecar or select only gateways and use spec.to',
        },
        { field: 'spec.to[1].targetRef.kind', message: "value 'MeshService' is not supported" },
      ],
    ],
    [
      'both from[] and rules',
      `
targetRef: { kind: MeshService, name: backend }
from: [{ targetRef: { kind: Mesh }, default: {} }]
rules: [{ default: {} }]
`,
      [{ field: 'spec', message: "field 'from' must be empty when 'rules' is defined" }],
    ],
  ])('reports %s', (_, yaml, expected) => {
    expect(byField(violations(yaml))).toEqual(byField(expected))
  })

  it('rejects a top-level MeshGateway for a consumer policy but not for a system one', () => {
    const yaml = `targetRef: { kind: MeshGateway, name: edge }`
    expect(violations(yaml)).toEqual([])
    expect(violations(yaml, { 'kuma.io/policy-role': 'consumer' })).toEqual([
      { field: 'spec.targetRef.kind', message: "value 'MeshGateway' is not supported" },
    ])
  })
})
