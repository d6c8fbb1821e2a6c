import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { Violation } from '../../validators/validation-error'
import { validate } from './validator'

const violations = (yaml: string, labels: Record<string, string> = {}) =>
  validate(parse(yaml), { name: 'mrl', mesh: 'default', labels }).violations

// Cases from Kuma's meshratelimit/api/v1alpha1/validator_test.go (expected in Kuma's order).
const validCases: [string, string][] = [
  [
    'full example',
    `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      local:
        http:
          disabled: false
          requestRate:
            num: 100
            interval: 10s
          onRateLimit:
            status: 123
            headers:
              add:
              - name: "test"
                value: "123"
        tcp:
          disabled: false
          connectionRate:
            num: 100
            interval: 100ms
`,
  ],
  [
    'full example, only http',
    `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      local:
        http:
          requestRate:
            num: 100
            interval: 10s
          onRateLimit:
            status: 123
            headers:
              set:
              - name: "test"
                value: "123"
`,
  ],
  [
    'full example, only tcp',
    `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      local:
        tcp:
          disabled: false
          connectionRate:
            num: 100
            interval: 100ms
`,
  ],
  [
    'minimal example',
    `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      local:
        http:
          requestRate:
            num: 100
            interval: 10s
        tcp:
          connectionRate:
            num: 100
            interval: 100ms
`,
  ],
  [
    'disable rate limit',
    `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      local:
        http:
          disabled: true
        tcp:
          disabled: true
`,
  ],
  [
    'gateway example',
    `
targetRef:
  kind: MeshGateway
  name: edge
to:
  - targetRef:
      kind: Mesh
    default:
      local:
        http:
          requestRate:
            num: 100
            interval: 10s
        tcp:
          connectionRate:
            num: 100
            interval: 100ms
`,
  ],
  [
    'gateway example and targeting MeshHTTPRoute',
    `
targetRef:
  kind: MeshHTTPRoute
  name: http-route-1
to:
  - targetRef:
      kind: Mesh
    default:
      local:
        http:
          requestRate:
            num: 100
            interval: 10s
        tcp:
          connectionRate:
            num: 100
            interval: 100ms
`,
  ],
  [
    'rules example with sni match',
    `
targetRef:
  kind: Dataplane
rules:
  - matches:
      - sni:
          type: Exact
          value: backend.mesh
    default:
      local:
        http:
          requestRate:
            num: 100
            interval: 10s
`,
  ],
]

const errorCases: [string, string, Violation[]][] = [
  [
    'unsupported kind in from selector',
    `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: MeshGatewayRoute
    default:
      local:
        http:
          requestRate:
            num: 10
            interval: 10s
`,
    [
      {
        field: 'spec.from[0].targetRef.kind',
        message: "value 'MeshGatewayRoute' is not supported",
      },
    ],
  ],
  [
    'not allow invalid values',
    `
targetRef:
  kind: MeshService
  name: web-frontend
from:
- targetRef:
    kind: Mesh
  default:
    local:
      http:
        requestRate:
          num: 0
          interval: 49ms
      tcp:
        connectionRate:
          num: 0
          interval: 49ms
`,
    [
      {
        field: 'spec.from[0].default.local.http.requestRate.num',
        message: 'must be greater than 0',
      },
      {
        field: 'spec.from[0].default.local.http.requestRate.interval',
        message: 'must be greater than: 50ms',
      },
      {
        field: 'spec.from[0].default.local.tcp.connectionRate.num',
        message: 'must be greater than 0',
      },
      {
        field: 'spec.from[0].default.local.tcp.connectionRate.interval',
        message: 'must be greater than: 50ms',
      },
    ],
  ],
  [
    'not allow from to be MeshService for tcp',
    `
targetRef:
  kind: MeshService
  name: web-frontend
from:
- targetRef:
    kind: MeshService
    name: backend
  default:
    local:
      tcp:
        connectionRate:
          num: 100
          interval: 500ms
`,
    [{ field: 'spec.from[0].targetRef.kind', message: "value 'MeshService' is not supported" }],
  ],
  [
    'not allow from to be MeshService when http and tcp set',
    `
targetRef:
  kind: MeshService
  name: web-frontend
from:
- targetRef:
    kind: MeshService
    name: backend
  default:
    local:
      http:
        requestRate:
          num: 100
          interval: 500ms
      tcp:
        connectionRate:
          num: 100
          interval: 500ms
`,
    [{ field: 'spec.from[0].targetRef.kind', message: "value 'MeshService' is not supported" }],
  ],
  [
    'not allow from to be MeshService',
    `
targetRef:
  kind: MeshService
  name: web-frontend
from:
- targetRef:
    kind: MeshService
    name: backend
  default:
    local:
      http:
        requestRate:
          num: 100
          interval: 500ms
`,
    [{ field: 'spec.from[0].targetRef.kind', message: "value 'MeshService' is not supported" }],
  ],
  [
    'empty default',
    `
targetRef:
  kind: MeshService
  name: web-frontend
from:
- targetRef:
    kind: Mesh
  default: {}
`,
    [{ field: 'spec.from[0].default.local', message: 'must be defined' }],
  ],
  [
    'sectionName with outbound policy',
    `
targetRef:
  kind: Dataplane
  sectionName: test
to:
- targetRef:
    kind: Mesh
  default: {}
`,
    [
      { field: 'spec.targetRef.sectionName', message: 'can only be used with inbound policies' },
      { field: 'spec.to', message: 'must not be defined' },
    ],
  ],
  [
    'neither tcp or http defined',
    `
targetRef:
  kind: MeshService
  name: web-frontend
from:
- targetRef:
    kind: Mesh
  default: 
    local: {}
`,
    [{ field: 'spec.from[0].default.local', message: 'must have at least one defined: tcp, http' }],
  ],
  [
    'empty tcp',
    `
targetRef:
  kind: MeshService
  name: web-frontend
from:
- targetRef:
    kind: Mesh
  default: 
    local: 
      tcp: {}
`,
    [
      {
        field: 'spec.from[0].default.local.tcp',
        message: 'must have at least one defined: disabled, connectionRate',
      },
    ],
  ],
  [
    'empty http',
    `
targetRef:
  kind: MeshService
  name: web-frontend
from:
- targetRef:
    kind: Mesh
  default: 
    local: 
      http: {}
`,
    [
      {
        field: 'spec.from[0].default.local.http',
        message: 'must have at least one defined: disabled, requestRate, onRateLimit',
      },
    ],
  ],
  [
    'invalid gateway example',
    `
targetRef:
  kind: MeshGateway
  name: edge
from:
  - targetRef:
      kind: Mesh
    default:
      local:
        http:
          requestRate:
            num: 100
            interval: 10s
        tcp:
          connectionRate:
            num: 100
            interval: 100ms
`,
    [
      {
        field: 'spec.from',
        message:
          'must not be defined when the scope includes a Gateway, select only proxyType Sidecar or select only gateways and use spec.to',
      },
    ],
  ],
  [
    'mixing from with rules',
    `
targetRef:
  kind: Mesh
from:
  - targetRef:
      kind: Mesh
    default:
      local:
        http:
          requestRate:
            num: 100
            interval: 10s
rules:
  - default:
      local:
        http:
          requestRate:
            num: 100
            interval: 10s
`,
    [
      { field: 'spec', message: "fields 'to' and 'from' must be empty when 'rules' is defined" },
      { field: 'spec.rules', message: 'must not be defined' },
      {
        field: 'spec.from',
        message:
          'must not be defined when the scope includes a Gateway, select only proxyType Sidecar or select only gateways and use spec.to',
      },
    ],
  ],
  [
    'invalid gateway example when targeting MeshHTTPRoute',
    `
targetRef:
  kind: MeshHTTPRoute
  name: http-route-1
from:
  - targetRef:
      kind: Mesh
    default:
      local:
        http:
          requestRate:
            num: 100
            interval: 10s
        tcp:
          connectionRate:
            num: 100
            interval: 100ms
`,
    [
      {
        field: 'spec.from',
        message:
          'must not be defined when the scope includes a Gateway, select only proxyType Sidecar or select only gateways and use spec.to',
      },
    ],
  ],
  [
    'spiffeID match with tcp rule',
    `
targetRef:
  kind: Dataplane
rules:
  - matches:
      - spiffeID:
          type: Exact
          value: spiffe://default/client
    default:
      local:
        tcp:
          connectionRate:
            num: 100
            interval: 100ms
`,
    [
      {
        field: 'spec.rules[0].default.local.tcp',
        message:
          "can't be specified when matches contain spiffeID because this field cannot be conditioned on source identity",
      },
    ],
  ],
  [
    'spiffeID match with unsupported type',
    `
targetRef:
  kind: Dataplane
rules:
  - matches:
      - spiffeID:
          type: Unknown
          value: spiffe://default/client
    default:
      local:
        http:
          requestRate:
            num: 100
            interval: 10s
`,
    [
      {
        field: 'spec.rules[0].matches[0].spiffeID.type',
        message: 'unrecognized type "Unknown", supported values are: Exact, Prefix',
      },
    ],
  ],
]

describe('MeshRateLimit validator', () => {
  it.each(validCases)('accepts %s', (_, yaml) => {
    expect(violations(yaml)).toEqual([])
  })

  it.each(errorCases)('reports %s', (_, yaml, expected) => {
    expect(violations(yaml)).toEqual(expected)
  })

  it('rejects a top-level MeshHTTPRoute for a consumer policy but not for a system one', () => {
    const yaml = `
targetRef: { kind: MeshHTTPRoute, name: route }
to: [{ targetRef: { kind: Mesh }, default: { local: { http: { disabled: true } } } }]
`
    expect(violations(yaml)).toEqual([])
    expect(violations(yaml, { 'kuma.io/policy-role': 'consumer' })).toEqual([
      { field: 'spec.targetRef.kind', message: "value 'MeshHTTPRoute' is not supported" },
    ])
  })
})
