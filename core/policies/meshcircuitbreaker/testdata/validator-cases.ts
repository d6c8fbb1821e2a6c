/** @module Cases from Kuma's meshcircuitbreaker validator_test.go (v2.14.3), as inputs for Kumo's validator tests. */

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
      connectionLimits:
        maxConnections: 12
        maxConnectionPools: 12
        maxPendingRequests: 92
        maxRetries: 8
        maxRequests: 128
      outlierDetection:
        disabled: false
        interval: 11s
        baseEjectionTime: 38s
        maxEjectionPercent: 22
        splitExternalAndLocalErrors: true
        detectors:
          totalFailures:
            consecutive: 10
          gatewayFailures:
            consecutive: 10
          localOriginFailures:
            consecutive: 10
          successRate:
            minimumHosts: 5
            requestVolume: 10
            standardDeviationFactor: "1.9"
          failurePercentage:
            requestVolume: 10
            minimumHosts: 5
            threshold: 31
          healthyPanicThreshold: 60
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      connectionLimits:
        maxConnections: 2
        maxConnectionPools: 2
        maxPendingRequests: 2
        maxRetries: 1
        maxRequests: 32
      outlierDetection:
        disabled: false
        interval: 5s
        baseEjectionTime: 30s
        maxEjectionPercent: 20
        splitExternalAndLocalErrors: true
        detectors:
          totalFailures:
            consecutive: 10
          gatewayFailures:
            consecutive: 10
          localOriginFailures:
            consecutive: 10
          successRate:
            minimumHosts: 5
            requestVolume: 10
            standardDeviationFactor: 1900
          failurePercentage:
            requestVolume: 10
            minimumHosts: 5
            threshold: 85
          healthyPanicThreshold: 70
  - targetRef:
      kind: Mesh
    default:
      connectionLimits:
        maxConnections: 2
        maxConnectionPools: 2
        maxPendingRequests: 2
        maxRetries: 1
        maxRequests: 32
      outlierDetection:
        disabled: false
        interval: 5s
        baseEjectionTime: 30s
        maxEjectionPercent: 20
        splitExternalAndLocalErrors: true
        detectors:
          totalFailures:
            consecutive: 10
          gatewayFailures:
            consecutive: 10
          localOriginFailures:
            consecutive: 10
          successRate:
            minimumHosts: 5
            requestVolume: 10
            standardDeviationFactor: 1900
          failurePercentage:
            requestVolume: 10
            minimumHosts: 5
            threshold: 85
          healthyPanicThreshold: 80
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      connectionLimits:
        maxConnections: 22
        maxConnectionPools: 22
        maxPendingRequests: 32
        maxRetries: 2
        maxRequests: 64
      outlierDetection:
        disabled: false
        interval: 10s
        baseEjectionTime: 15s
        maxEjectionPercent: 43
        splitExternalAndLocalErrors: true
        detectors:
          totalFailures:
            consecutive: 20
          gatewayFailures:
            consecutive: 30
          localOriginFailures:
            consecutive: 40
          successRate:
            minimumHosts: 3
            requestVolume: 20
            standardDeviationFactor: 1300
          failurePercentage:
            requestVolume: 4
            minimumHosts: 2
            threshold: 75
          healthyPanicThreshold: 90`,
  ],
  [
    'only to targetRef',
    `
targetRef:
  kind: MeshService
  name: web-frontend
to:
  - targetRef:
      kind: Mesh
    default:
      connectionLimits:
        maxConnections: 2
        maxConnectionPools: 2
        maxPendingRequests: 2
        maxRetries: 1
        maxRequests: 32
      outlierDetection:
        disabled: false
        interval: 5s
        baseEjectionTime: 30s
        maxEjectionPercent: 20
        splitExternalAndLocalErrors: true
        detectors:
          totalFailures:
            consecutive: 10
          gatewayFailures:
            consecutive: 10
          localOriginFailures:
            consecutive: 10
          successRate:
            minimumHosts: 5
            requestVolume: 10
            standardDeviationFactor: 1333
          failurePercentage:
            requestVolume: 10
            minimumHosts: 5
            threshold: 85
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      connectionLimits:
        maxConnections: 22
        maxConnectionPools: 22
        maxPendingRequests: 32
        maxRetries: 2
        maxRequests: 64
      outlierDetection:
        disabled: false
        interval: 10s
        baseEjectionTime: 15s
        maxEjectionPercent: 43
        splitExternalAndLocalErrors: true
        detectors:
          totalFailures:
            consecutive: 20
          gatewayFailures:
            consecutive: 30
          localOriginFailures:
            consecutive: 40
          successRate:
            minimumHosts: 3
            requestVolume: 20
            standardDeviationFactor: 3311
          failurePercentage:
            requestVolume: 4
            minimumHosts: 2
            threshold: 75`,
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
      connectionLimits: { }`,
  ],
  [
    'with MeshMultiZoneService',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: MeshMultiZoneService
      name: web-backend
    default:
      connectionLimits: { }`,
  ],
  [
    'with MeshExternalService',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: MeshExternalService
      name: external
    default:
      connectionLimits: { }`,
  ],
  [
    'top level Dataplane to MeshExternalService',
    `
targetRef:
  kind: Dataplane
to:
  - targetRef:
      kind: MeshExternalService
      name: external
    default:
      connectionLimits: { }`,
  ],
  [
    'gateway example',
    `
targetRef:
  kind: MeshGateway
  name: edge
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      connectionLimits: { }`,
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
      connectionLimits: { }`,
    [
      {
        field: 'spec.from[0].targetRef.kind',
        message: "value 'MeshGatewayRoute' is not supported",
      },
    ],
  ],
  [
    'from mixed with rules',
    `
targetRef:
  kind: MeshService
  name: web-frontend
from:
  - targetRef:
      kind: Mesh
    default:
      connectionLimits: { }
rules:
  - default:
      connectionLimits: { }`,
    [{ field: 'spec', message: "fields 'to' and 'from' must be empty when 'rules' is defined" }],
  ],
  [
    'to mixed with rules',
    `
targetRef:
  kind: MeshService
  name: web-frontend
to:
  - targetRef:
      kind: MeshServiceSubset
    default:
      connectionLimits: { }
rules:
  - default:
      connectionLimits: { }`,
    [
      { field: 'spec', message: "fields 'to' and 'from' must be empty when 'rules' is defined" },
      { field: 'spec.to[0].targetRef.kind', message: "value 'MeshServiceSubset' is not supported" },
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
      connectionLimits: { }`,
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
      connectionLimits: { }`,
    [
      { field: 'spec.targetRef.sectionName', message: 'can only be used with inbound policies' },
      { field: 'spec.to[0].targetRef.kind', message: "value 'MeshServiceSubset' is not supported" },
    ],
  ],
  [
    'missing configuration',
    `
targetRef:
  kind: MeshService
  name: web-frontend
to:
  - targetRef:
      kind: MeshService
      name: web-backend`,
    [
      {
        field: 'spec.to[0].default',
        message: "at least one of: 'connectionLimits' or 'outlierDetection' should be configured",
      },
    ],
  ],
  [
    'limits cannot be be equal 0 when specified',
    `
targetRef:
  kind: MeshService
  name: web-frontend
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      connectionLimits:
        maxConnections: 0
        maxConnectionPools: 0
        maxPendingRequests: 0
        maxRetries: 0
        maxRequests: 0`,
    [
      {
        field: 'spec.to[0].default.connectionLimits.maxConnections',
        message: 'must be greater than 0',
      },
      {
        field: 'spec.to[0].default.connectionLimits.maxConnectionPools',
        message: 'must be greater than 0',
      },
      {
        field: 'spec.to[0].default.connectionLimits.maxPendingRequests',
        message: 'must be greater than 0',
      },
      {
        field: 'spec.to[0].default.connectionLimits.maxRetries',
        message: 'must be greater than 0',
      },
      {
        field: 'spec.to[0].default.connectionLimits.maxRequests',
        message: 'must be greater than 0',
      },
    ],
  ],
  [
    "any outlierDetection's numeric property except 'healthyPanicThreshold' cannot be be 0 when specified",
    `
targetRef:
  kind: MeshService
  name: web-frontend
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      outlierDetection:
        interval: 0s
        baseEjectionTime: 0s
        maxEjectionPercent: 0
        detectors:
          totalFailures:
            consecutive: 0
          gatewayFailures:
            consecutive: 0
          localOriginFailures:
            consecutive: 0
          successRate:
            minimumHosts: 0
            requestVolume: 0
            standardDeviationFactor: 0
          failurePercentage:
            requestVolume: 0
            minimumHosts: 0
            threshold: 0
        healthyPanicThreshold: 0`,
    [
      {
        field: 'spec.to[0].default.outlierDetection.interval',
        message: 'must be greater than zero when defined',
      },
      {
        field: 'spec.to[0].default.outlierDetection.baseEjectionTime',
        message: 'must be greater than zero when defined',
      },
      {
        field: 'spec.to[0].default.outlierDetection.detectors.totalFailures.consecutive',
        message: 'must be greater than 0',
      },
      {
        field: 'spec.to[0].default.outlierDetection.detectors.gatewayFailures.consecutive',
        message: 'must be greater than 0',
      },
      {
        field: 'spec.to[0].default.outlierDetection.detectors.localOriginFailures.consecutive',
        message: 'must be greater than 0',
      },
      {
        field: 'spec.to[0].default.outlierDetection.detectors.successRate.minimumHosts',
        message: 'must be greater than 0',
      },
      {
        field: 'spec.to[0].default.outlierDetection.detectors.successRate.requestVolume',
        message: 'must be greater than 0',
      },
      {
        field: 'spec.to[0].default.outlierDetection.detectors.successRate.standardDeviationFactor',
        message: 'must be greater than 0',
      },
      {
        field: 'spec.to[0].default.outlierDetection.detectors.failurePercentage.minimumHosts',
        message: 'must be greater than 0',
      },
      {
        field: 'spec.to[0].default.outlierDetection.detectors.failurePercentage.requestVolume',
        message: 'must be greater than 0',
      },
    ],
  ],
  [
    "any outlierDetection's percentage property cannot be be greater than 100 when specified",
    `
targetRef:
  kind: MeshService
  name: web-frontend
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      outlierDetection:
        maxEjectionPercent: 101
        detectors:
          failurePercentage:
            threshold: 101
        healthyPanicThreshold: 101`,
    [
      {
        field: 'spec.to[0].default.outlierDetection.maxEjectionPercent',
        message: 'must be in inclusive range [0, 100]',
      },
      {
        field: 'spec.to[0].default.outlierDetection.healthyPanicThreshold',
        message: 'must be in inclusive range [0.0, 100.0]',
      },
      {
        field: 'spec.to[0].default.outlierDetection.detectors.failurePercentage.threshold',
        message: 'must be in inclusive range [0, 100]',
      },
    ],
  ],
  [
    "any outlierDetection's percentage property cannot be be smaller than 0 when specified",
    `
targetRef:
  kind: MeshService
  name: web-frontend
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      outlierDetection:
        detectors:
          successRate:
            standardDeviationFactor: -2
        healthyPanicThreshold: -3`,
    [
      {
        field: 'spec.to[0].default.outlierDetection.healthyPanicThreshold',
        message: 'must be in inclusive range [0.0, 100.0]',
      },
      {
        field: 'spec.to[0].default.outlierDetection.detectors.successRate.standardDeviationFactor',
        message: 'must be greater than 0',
      },
    ],
  ],
  [
    'detectors are not defined',
    `
targetRef:
  kind: MeshService
  name: web-frontend
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      outlierDetection:
        maxEjectionPercent: 100`,
    [{ field: 'spec.to[0].default.outlierDetection.detectors', message: 'must be defined' }],
  ],
  [
    'detector is empty',
    `
targetRef:
  kind: MeshService
  name: web-frontend
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      outlierDetection:
        maxEjectionPercent: 100
        detectors: {}`,
    [
      {
        field: 'spec.to[0].default.outlierDetection.detectors',
        message:
          'must have at least one defined: totalFailures, gatewayFailures, localOriginFailures, successRate, failurePercentage',
      },
    ],
  ],
  [
    'detector has incorrect values',
    `
targetRef:
  kind: MeshService
  name: web-frontend
to:
  - targetRef:
      kind: MeshService
      name: web-backend
    default:
      outlierDetection:
        detectors:
          successRate:
            standardDeviationFactor: "xyz"`,
    [
      {
        field: 'spec.to[0].default.outlierDetection.detectors.successRate.standardDeviationFactor',
        message: 'invalid number',
      },
    ],
  ],
]
