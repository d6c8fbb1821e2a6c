/** @module Cases from Kuma's meshretry validator_test.go (v2.14.3), as inputs for Kumo's validator tests. */

/** valid are specs Kuma accepts: [name, yaml]. */
export const valid: [string, string][] = [
  [
    'full example',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      tcp:
        maxConnectAttempt: 5
  - targetRef:
      kind: MeshService
      name: backend
    default:
      tcp:
        maxConnectAttempt: 5
      http:
        numRetries: 10
        perTryTimeout: 20s
        backOff:
          baseInterval: 15s
          maxInterval: 20m
        rateLimitedBackOff:
          resetHeaders:
            - name: retry-after-http
              format: Seconds
            - name: x-retry-after-http
              format: UnixTimestamp
          maxInterval: 21m
        retryOn:
          - 5xx
          - GatewayError
          - Reset
          - Retriable4xx
          - ConnectFailure
          - EnvoyRatelimited
          - RefusedStream
          - Http3PostConnectFailure
          - HttpMethodConnect
          - HttpMethodDelete
          - HttpMethodGet
          - HttpMethodHead
          - HttpMethodOptions
          - HttpMethodPatch
          - HttpMethodPost
          - HttpMethodPut
          - HttpMethodTrace
          - 500
          - 409
          - 503
        retriableRequestHeaders:
          - type: PREFIX
            name: x-my-header-1
            value: kuma-value-
          - type: REGULAR_EXPRESSION
            name: x-my-header-2
            value: ".*"
          - type: EXACT
            name: x-my-header-3
            value: exact-value
        retriableResponseHeaders:
          - type: PREFIX
            name: x-my-header-4
            value: kuma-value-
          - type: REGULAR_EXPRESSION
            name: x-my-header-5
            value: ".*"
          - type: EXACT
            name: x-my-header-6
            value: exact-value
      grpc:
        numRetries: 10
        perTryTimeout: 20s
        backOff:
          baseInterval: 15s
          maxInterval: 20m
        rateLimitedBackOff:
          resetHeaders:
            - name: retry-after-grpc
              format: Seconds
            - name: x-retry-after-grpc
              format: UnixTimestamp
          maxInterval: 21m
        retryOn:
          - Canceled
          - DeadlineExceeded
          - Internal
          - ResourceExhausted
          - Unavailable
`,
  ],
  [
    'minimalistic http retry',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      http:
        numRetries: 5
`,
  ],
  [
    'minimalistic to MeshMultiZoneService',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: MeshMultiZoneService
      name: web-backend
    default:
      http:
        numRetries: 5
`,
  ],
  [
    'empty http arrays',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      http:
        numRetries: 5
        retryOn: []
        retriableRequestHeaders: []
        retriableResponseHeaders: []
`,
  ],
  [
    'minimalistic grpc retry',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      grpc:
        numRetries: 5
`,
  ],
  [
    'empty grpc arrays',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      grpc:
        numRetries: 5
        retryOn: []
`,
  ],
  [
    'http.retryOn with status codes',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      http:
        retryOn: 
          - 500
          - 409
`,
  ],
  [
    'target MeshHTTPRoute',
    `
targetRef:
  kind: MeshHTTPRoute
  name: route-1
to:
  - targetRef:
      kind: Mesh
    default:
      http:
        retryOn:
          - 500
          - 409
`,
  ],
  [
    "empty 'to' allowed as override to disable inherited rules",
    `
targetRef:
  kind: Dataplane
  labels:
    app: web
to: []
`,
  ],
]

/** invalid are specs Kuma rejects, with the violations it reports: [name, yaml, violations]. */
export const invalid: [string, string, { field: string; message: string }[]][] = [
  [
    "unsupported targetRef kinds in 'to'",
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: MeshSubset
      tags:
        version: v1
    default:
      http:
        numRetries: 1
  - targetRef:
      kind: MeshServiceSubset
      name: backend
      tags:
        kuma.io/zone: us-east
    default:
      grpc:
        numRetries: 1
`,
    [
      { field: 'spec.to[0].targetRef.kind', message: "value 'MeshSubset' is not supported" },
      { field: 'spec.to[1].targetRef.kind', message: "value 'MeshServiceSubset' is not supported" },
    ],
  ],
  [
    "empty 'default",
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default: {}
`,
    [
      {
        field: 'spec.to[0].default.conf',
        message: "at least one of the 'tcp', 'http', 'grpc' must be specified",
      },
    ],
  ],
  [
    "empty root sections in 'default'",
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      tcp: {}
      http: {}
      grpc: {}
`,
    [
      { field: 'spec.to[0].default.conf.tcp', message: 'must not be empty' },
      { field: 'spec.to[0].default.conf.http', message: 'must not be empty' },
      { field: 'spec.to[0].default.conf.grpc', message: 'must not be empty' },
    ],
  ],
  [
    '0 for tcp.maxConnectAttempt',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      tcp:
        maxConnectAttempt: 0
`,
    [{ field: 'spec.to[0].default.conf.tcp.maxConnectAttempt', message: 'must be greater than 0' }],
  ],
  [
    'empty http.backOff',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      http: 
        backOff: {}
`,
    [{ field: 'spec.to[0].default.conf.http.backOff', message: 'must not be empty' }],
  ],
  [
    'empty http.rateLimitedBackOff.resetHeaders',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      http: 
        rateLimitedBackOff: {}
`,
    [
      {
        field: 'spec.to[0].default.conf.http.rateLimitedBackOff.resetHeaders',
        message: 'must be defined',
      },
    ],
  ],
  [
    'empty grpc.backOff',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      grpc: 
        backOff: {}
`,
    [{ field: 'spec.to[0].default.conf.grpc.backOff', message: 'must not be empty' }],
  ],
  [
    'empty grpc.rateLimitedBackOff.resetHeaders',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      grpc: 
        rateLimitedBackOff: {}
`,
    [
      {
        field: 'spec.to[0].default.conf.grpc.rateLimitedBackOff.resetHeaders',
        message: 'must be defined',
      },
    ],
  ],
  [
    'http.retryOn with not allowed values',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      http: 
        retryOn: 
          - WRONG_VALUE
          - 5XX
          - reset
          - DEADLINE_EXCEEDED
          - 123
          - 952
`,
    [
      { field: 'spec.to[0].default.conf.http.retryOn[0]', message: "unknown item 'WRONG_VALUE'" },
      { field: 'spec.to[0].default.conf.http.retryOn[1]', message: "unknown item '5XX'" },
      { field: 'spec.to[0].default.conf.http.retryOn[2]', message: "unknown item 'reset'" },
      {
        field: 'spec.to[0].default.conf.http.retryOn[3]',
        message: "unknown item 'DEADLINE_EXCEEDED'",
      },
      { field: 'spec.to[0].default.conf.http.retryOn[4]', message: "unknown item '123'" },
      { field: 'spec.to[0].default.conf.http.retryOn[5]', message: "unknown item '952'" },
    ],
  ],
  [
    'grpc.retryOn with not allowed values',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      grpc: 
        retryOn: 
          - 500
          - reset
          - wrong
`,
    [
      { field: 'spec.to[0].default.conf.grpc.retryOn[0]', message: "unknown item '500'" },
      { field: 'spec.to[0].default.conf.grpc.retryOn[1]', message: "unknown item 'reset'" },
      { field: 'spec.to[0].default.conf.grpc.retryOn[2]', message: "unknown item 'wrong'" },
    ],
  ],
  [
    'empty http.rateLimitedBackOff.resetHeaders.name and wrong format',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      http: 
        rateLimitedBackOff:
          resetHeaders:
            - name: ""
              format: "UnixTimestamp"
`,
    [
      {
        field: 'spec.to[0].default.conf.http.rateLimitedBackOff.resetHeaders[0].name',
        message: 'must be defined',
      },
    ],
  ],
  [
    'missing tags when hostSelection set to OmitHostsWithTags',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      http: 
        hostSelection:
          - predicate: OmitHostsWithTags
`,
    [{ field: 'spec.to[0].default.conf.http.hostSelection[0].tags', message: 'must be defined' }],
  ],
  [
    'update frequency less than 1 specified for OmitPreviousPriorites',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      http: 
        hostSelection:
          - predicate: OmitPreviousPriorities
            updateFrequency: 0
`,
    [
      {
        field: 'spec.to[0].default.conf.http.hostSelection[0].updateFrequency',
        message: 'must be defined and greater than zero',
      },
    ],
  ],
  [
    'incorrect / unsupported predicate type specified in hostSelection',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      http: 
        hostSelection:
          - predicate: OmitPreviousHosts
          - predicate: IncorrectPredicateType
`,
    [
      {
        field: 'spec.to[0].default.conf.http.hostSelection[1].predicate',
        message: "unknown predicate type 'IncorrectPredicateType'",
      },
    ],
  ],
  [
    'OmitPreviousPriorities specified twice',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: Mesh
    default:
      http: 
        hostSelection:
          - predicate: OmitPreviousPriorities
            updateFrequency: 3
          - predicate: OmitPreviousHosts
          - predicate: OmitPreviousPriorities
            updateFrequency: 1
`,
    [
      {
        field: 'spec.to[0].default.conf.http.hostSelection[2].predicate',
        message: 'OmitPreviousPriorities must only be specified once',
      },
    ],
  ],
  [
    'top-level targetRef MeshGateway',
    `
targetRef:
  kind: MeshGateway
  name: gateway-1
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      tcp:
        maxConnectAttempt: 5`,
    [{ field: 'spec.to[0].targetRef.kind', message: "value 'MeshService' is not supported" }],
  ],
  [
    'top-level targetRef MeshHTTPRoute',
    `
targetRef:
  kind: MeshHTTPRoute
  name: route-1
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      http:
        retryOn:
        - 5xx`,
    [{ field: 'spec.to[0].targetRef.kind', message: "value 'MeshService' is not supported" }],
  ],
]
