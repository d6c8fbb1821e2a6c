/** @module Cases from Kuma's meshtimeout validator_test.go (v2.14.3), as inputs for Kumo's validator tests. */

/** valid are specs Kuma accepts: [name, yaml]. */
export const valid: [string, string][] = [
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
      connectionTimeout: 10s
      idleTimeout: 1h
      http:
        requestTimeout: 0s
        streamIdleTimeout: 1h
        maxStreamDuration: 1h
        maxConnectionDuration: 1h
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      connectionTimeout: 10s
      idleTimeout: 1h
      http:
        requestTimeout: 1s
        streamIdleTimeout: 1h
        maxStreamDuration: 1h
        maxConnectionDuration: 1h`,
  ],
  [
    'only to targetRef',
    `
targetRef:
  kind: MeshService
  name: web-frontend
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      connectionTimeout: 10s
      idleTimeout: 1h
      http:
        requestTimeout: 1s
        streamIdleTimeout: 1h
        maxStreamDuration: 1h
        maxConnectionDuration: 1h`,
  ],
  [
    'minimal example',
    `
targetRef:
  kind: MeshService
  name: web-frontend
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      http:
        requestTimeout: 1s`,
  ],
  [
    'top-level TargetRefKind is MeshHTTPRoute',
    `
targetRef:
  kind: MeshHTTPRoute
  name: route-1
to:
  - targetRef:
      kind: Mesh
    default:
      http:
        requestTimeout: 1s
        streamIdleTimeout: 2s
`,
  ],
  [
    'example MeshExternalService',
    `
targetRef:
  kind: MeshSubset
  tags:
    kuma.io/service: web-frontend
to:
  - targetRef:
      kind: MeshExternalService
      name: web-backend
    default:
      http:
        requestTimeout: 1s
  - targetRef:
      kind: MeshExternalService
      labels:
        kuma.io/display-name: web-backend
    default:
      http:
        requestTimeout: 1s`,
  ],
  [
    'example MeshHTTPRoute',
    `
targetRef:
  kind: MeshSubset
  tags:
    kuma.io/service: web-frontend
to:
  - targetRef:
      kind: MeshHTTPRoute
      name: http-route-1
    default:
      http:
        requestTimeout: 1s`,
  ],
  [
    'example MeshHTTPRoute with labels',
    `
targetRef:
  kind: MeshSubset
  tags:
    kuma.io/service: web-frontend
to:
  - targetRef:
      kind: MeshHTTPRoute
      labels:
        kuma.io/display-name: http-route-1
    default:
      http:
        requestTimeout: 1s`,
  ],
  [
    'matched inbound rule with route timeouts',
    `
targetRef:
  kind: Mesh
rules:
  - matches:
      - spiffeID:
          type: Exact
          value: spiffe://default/client
        sni:
          type: Exact
          value: backend.mesh
    default:
      http:
        requestTimeout: 1s
        streamIdleTimeout: 2s`,
  ],
]

/** invalid are specs Kuma rejects, with the violations it reports: [name, yaml, violations]. */
export const invalid: [string, string, { field: string; message: string }[]][] = [
  [
    "empty 'from' and 'to' array",
    `
targetRef:
  kind: Mesh
`,
    [{ field: 'spec', message: "at least one of 'from', 'to' or 'rules' has to be defined" }],
  ],
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
      http:
        requestTimeout: 1s`,
    [
      {
        field: 'spec.from[0].targetRef.kind',
        message: "value 'MeshGatewayRoute' is not supported",
      },
    ],
  ],
  [
    'unsupported kind in to selector',
    `
targetRef:
  kind: MeshService
  name: web-frontend
to:
  - targetRef:
      kind: MeshServiceSubset
    default:
      http:
        requestTimeout: 1s`,
    [{ field: 'spec.to[0].targetRef.kind', message: "value 'MeshServiceSubset' is not supported" }],
  ],
  [
    'sectionName with outbound policy',
    `
targetRef:
  kind: Dataplane
  sectionName: test
to:
  - targetRef:
      kind: MeshServiceSubset
    default:
      http:
        requestTimeout: 1s`,
    [
      { field: 'spec.targetRef.sectionName', message: 'can only be used with inbound policies' },
      { field: 'spec.to[0].targetRef.kind', message: "value 'MeshServiceSubset' is not supported" },
    ],
  ],
  [
    'missing timeout configuration',
    `
targetRef:
  kind: MeshService
  name: web-frontend
to:
  - targetRef:
      kind: MeshService
      name: web-backend`,
    [{ field: 'spec.to[0].default', message: 'at least one timeout should be configured' }],
  ],
  [
    'timeout cannot be negative',
    `
targetRef:
  kind: MeshService
  name: web-frontend
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      idleTimeout: -1s`,
    [{ field: 'spec.to[0].default.idleTimeout', message: 'must not be negative when defined' }],
  ],
  [
    'multiple timeout cannot be negative',
    `
targetRef:
  kind: MeshService
  name: web-frontend
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      connectionTimeout: -1s
      http:
        requestTimeout: -10s`,
    [
      {
        field: 'spec.to[0].default.connectionTimeout',
        message: 'must be greater than zero when defined',
      },
      {
        field: 'spec.to[0].default.http.requestTimeout',
        message: 'must not be negative when defined',
      },
    ],
  ],
  [
    'multiple timeout cannot be negative',
    `
targetRef:
  kind: MeshService
  name: web-frontend
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      http: {}`,
    [
      {
        field: 'spec.to[0].default.http',
        message: 'at least one timeout in this section should be configured',
      },
    ],
  ],
  [
    'MeshHTTPRoute with sectionName in to',
    `
to:
  - targetRef:
      kind: MeshHTTPRoute
      name: http-route-1
      sectionName: some-section
    default:
      http:
        requestTimeout: 1s`,
    [
      {
        field: 'spec.to[0].targetRef.sectionName',
        message: 'must not be set with kind MeshHTTPRoute',
      },
    ],
  ],
  [
    'top-level targetRef is referencing MeshHTTPRoute',
    `
targetRef:
  kind: MeshHTTPRoute
  name: route-1
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      connectionTimeout: 10s
      idleTimeout: 1h
      http:
        requestTimeout: 1s
        streamIdleTimeout: 1h
        maxStreamDuration: 1h
        maxConnectionDuration: 1h
from:
  - targetRef:
      kind: Mesh
    default:
      connectionTimeout: 11s`,
    [
      { field: 'spec.from', message: 'must not be defined' },
      { field: 'spec.to[0].targetRef.kind', message: "value 'MeshService' is not supported" },
      {
        field: 'spec.to[0].default.connectionTimeout',
        message: "can't be specified when top-level TargetRef is referencing MeshHTTPRoute",
      },
      {
        field: 'spec.to[0].default.idleTimeout',
        message: "can't be specified when top-level TargetRef is referencing MeshHTTPRoute",
      },
      {
        field: 'spec.to[0].default.http.maxStreamDuration',
        message: "can't be specified when top-level TargetRef is referencing MeshHTTPRoute",
      },
      {
        field: 'spec.to[0].default.http.maxConnectionDuration',
        message: "can't be specified when top-level TargetRef is referencing MeshHTTPRoute",
      },
    ],
  ],
  [
    'top-level targetRef is referencing MeshGateway',
    `
targetRef:
  kind: MeshGateway
  name: gateway-1
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      connectionTimeout: 10s
      idleTimeout: 1h
      http:
        requestTimeout: 1s
        streamIdleTimeout: 1h
        maxStreamDuration: 1h
        maxConnectionDuration: 1h
from:
  - targetRef:
      kind: Mesh
    default:
      connectionTimeout: 11s`,
    [
      { field: 'spec.from', message: 'must not be defined' },
      { field: 'spec.to[0].targetRef.kind', message: "value 'MeshService' is not supported" },
    ],
  ],
  [
    'to TargetRef using labels and name for MeshExternalService',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: MeshExternalService
      name: web-backend
      labels:
        kuma.io/display-name: web-backend
    default:
      connectionTimeout: 10s
      idleTimeout: 1h`,
    [{ field: 'spec.to[0].targetRef.labels', message: 'either labels or name must be specified' }],
  ],
  [
    'when rules is defined, to cannot be defined',
    `
targetRef:
  kind: Mesh
rules:
  - default:
      connectionTimeout: 10s
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      connectionTimeout: 10s`,
    [{ field: 'spec', message: "fields 'to' and 'from' must be empty when 'rules' is defined" }],
  ],
  [
    'when rules is defined, from cannot be defined',
    `
targetRef:
  kind: Mesh
rules:
  - default:
      connectionTimeout: 10s
from:
  - targetRef:
      kind: Mesh
    default:
      connectionTimeout: 10s`,
    [{ field: 'spec', message: "fields 'to' and 'from' must be empty when 'rules' is defined" }],
  ],
  [
    'rules with empty spec',
    `
targetRef:
  kind: Mesh
rules:
  - default: {}`,
    [{ field: 'spec.rules[0].default', message: 'at least one timeout should be configured' }],
  ],
  [
    'empty match entry',
    `
targetRef:
  kind: Mesh
rules:
  - matches:
      - {}
    default:
      http:
        requestTimeout: 1s`,
    [
      {
        field: 'spec.rules[0].matches[0]',
        message: "must specify at least one of 'spiffeID' or 'sni'",
      },
    ],
  ],
  [
    'spiffeID match without type',
    `
targetRef:
  kind: Mesh
rules:
  - matches:
      - spiffeID:
          value: spiffe://default/client
    default:
      http:
        requestTimeout: 1s`,
    [{ field: 'spec.rules[0].matches[0].spiffeID.type', message: 'must be set' }],
  ],
  [
    'spiffeID match with unrecognized type',
    `
targetRef:
  kind: Mesh
rules:
  - matches:
      - spiffeID:
          type: Regex
          value: spiffe://default/client
    default:
      http:
        requestTimeout: 1s`,
    [
      {
        field: 'spec.rules[0].matches[0].spiffeID.type',
        message: 'unrecognized type "Regex", supported values are: Exact, Prefix',
      },
    ],
  ],
  [
    'spiffeID match with unsupported timeout fields',
    `
targetRef:
  kind: Mesh
rules:
  - matches:
      - spiffeID:
          type: Exact
          value: spiffe://default/client
    default:
      connectionTimeout: 10s
      http:
        requestHeadersTimeout: 2s
        maxStreamDuration: 3s`,
    [
      {
        field: 'spec.rules[0].default.connectionTimeout',
        message:
          "can't be specified when matches contain spiffeID because this field cannot be conditioned on source identity",
      },
      {
        field: 'spec.rules[0].default.http.requestHeadersTimeout',
        message:
          "can't be specified when matches contain spiffeID because this field cannot be conditioned on source identity",
      },
      {
        field: 'spec.rules[0].default.http.maxStreamDuration',
        message:
          "can't be specified when matches contain spiffeID because this field cannot be conditioned on source identity",
      },
    ],
  ],
]
