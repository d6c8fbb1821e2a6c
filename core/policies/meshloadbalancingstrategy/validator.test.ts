import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { Violation } from '../../validators/validation-error'
import { validate } from './validator'

const byField = (vs: Violation[]) =>
  [...vs].sort((a, b) => (a.field + a.message).localeCompare(b.field + b.message))
const violations = (yaml: string) => validate(parse(yaml)).violations

// Cases from Kuma's meshloadbalancingstrategy/api/v1alpha1/validator_test.go.
const validCases: [string, string][] = [
  [
    'MeshHTTPRoute with only hashPolicies',
    `
targetRef:
  kind: MeshService
  name: svc-1
to: 
  - targetRef:
      kind: MeshHTTPRoute
      name: route-1
    default:
      hashPolicies:
        - type: Header
          header:
            name: x-header-name
        - type: Cookie
          cookie:
            name: session_id
            ttl: 1s
            path: /absolute-path
`,
  ],
  [
    'full spec',
    `
targetRef:
  kind: MeshService
  name: svc-1
to: 
  - targetRef:
      kind: MeshService
      name: svc-2
    default:
      localityAwareness:
        disabled: true
      hashPolicies:
        - type: Cookie
          cookie:
            name: cookie-name
            ttl: 1s
            path: /absolute-path
      loadBalancer:
        type: Maglev
`,
  ],
  [
    'full spec leastRequest',
    `
targetRef:
  kind: MeshService
  name: svc-1
to:
  - targetRef:
      kind: MeshService
      name: svc-2
    default:
      localityAwareness:
        disabled: true
      loadBalancer:
        type: LeastRequest
        leastRequest:
          activeRequestBias: "1.3"
`,
  ],
  [
    'full locality awareness spec',
    `
targetRef:
  kind: MeshService
  name: svc-1
to: 
  - targetRef:
      kind: MeshService
      name: svc-2
    default:
      localityAwareness:
        localZone:
          affinityTags: 
            - key: "k8s/node"
            - key: "k8s/az"
        crossZone:
          failover:
            - from:
                zones: ["zone-1"]
              to: 
                type: Only
                zones: ["zone-2"]
            - from:
                zones: ["zone-3"]
              to:
                type: Any
            - from:
                zones: ["zone-4"]
              to:
                type: AnyExcept
                zones: ["zone-1"]
            - to:
                type: None
          failoverThreshold:
            percentage: 70
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
  [
    'top level MeshGateway',
    `
targetRef:
  kind: MeshGateway
  name: edge
  tags:
    name: listener-1
to:
  - targetRef:
      kind: MeshService
      name: svc-2
    default:
      localityAwareness:
        disabled: true
`,
  ],
]

const errorCases: [string, string, Violation[]][] = [
  [
    'spec errors',
    `
targetRef:
  kind: MeshGatewayRoute
  name: route-1
to: []
`,
    [{ field: 'spec.targetRef.kind', message: "value 'MeshGatewayRoute' is not supported" }],
  ],
  [
    'spec.to errors',
    `
targetRef:
  kind: MeshService
  name: svc-1
to: 
  - targetRef:
      kind: MeshServiceSubset
      name: svc-2
      tags:
        version: v1
  - targetRef:
      kind: MeshService
      name: real-mesh-service
      sectionName: http
    default:
      localityAwareness:
        crossZone: {}
`,
    [
      { field: 'spec.to[0].targetRef.kind', message: "value 'MeshServiceSubset' is not supported" },
      {
        field: 'spec.to[1].default.localityAwareness.crossZone',
        message: 'must not be set: MeshService traffic is local',
      },
    ],
  ],
  [
    'ringHash error',
    `
targetRef:
  kind: MeshService
  name: svc-1
to: 
  - targetRef:
      kind: MeshService
      name: svc-2
    default:
      loadBalancer:
        type: RingHash
        ringHash:
          hashPolicies:
            - type: Header
            - type: Cookie
            - type: Connection
            - type: QueryParameter
            - type: FilterState
`,
    [
      {
        field: 'spec.to[0].default.loadBalancer.ringHash.hashPolicies[0].header',
        message: 'must be defined',
      },
      {
        field: 'spec.to[0].default.loadBalancer.ringHash.hashPolicies[1].cookie',
        message: 'must be defined',
      },
      {
        field: 'spec.to[0].default.loadBalancer.ringHash.hashPolicies[2].connection',
        message: 'must be defined',
      },
      {
        field: 'spec.to[0].default.loadBalancer.ringHash.hashPolicies[3].queryParameter',
        message: 'must be defined',
      },
      {
        field: 'spec.to[0].default.loadBalancer.ringHash.hashPolicies[4].filterState',
        message: 'must be defined',
      },
    ],
  ],
  [
    'ringHash cookie error',
    `
targetRef:
  kind: MeshService
  name: svc-1
to: 
  - targetRef:
      kind: MeshService
      name: svc-2
    default:
      loadBalancer:
        type: RingHash
        ringHash:
          hashPolicies:
            - type: Cookie
              cookie:
                name: cookie-name
                ttl: 1s
                path: relative-path
`,
    [
      {
        field: 'spec.to[0].default.loadBalancer.ringHash.hashPolicies[0].cookie.path',
        message: 'must be an absolute path',
      },
    ],
  ],
  [
    'maglev error',
    `
targetRef:
  kind: MeshService
  name: svc-1
to: 
  - targetRef:
      kind: MeshService
      name: svc-2
    default:
      loadBalancer:
        type: Maglev
        maglev:
          hashPolicies:
            - type: Header
            - type: Cookie
            - type: SourceIP
            - type: QueryParameter
            - type: FilterState
`,
    [
      {
        field: 'spec.to[0].default.loadBalancer.maglev.hashPolicies[0].header',
        message: 'must be defined',
      },
      {
        field: 'spec.to[0].default.loadBalancer.maglev.hashPolicies[1].cookie',
        message: 'must be defined',
      },
      {
        field: 'spec.to[0].default.loadBalancer.maglev.hashPolicies[2].connection',
        message: 'must be defined',
      },
      {
        field: 'spec.to[0].default.loadBalancer.maglev.hashPolicies[3].queryParameter',
        message: 'must be defined',
      },
      {
        field: 'spec.to[0].default.loadBalancer.maglev.hashPolicies[4].filterState',
        message: 'must be defined',
      },
    ],
  ],
  [
    'maglev cookie error',
    `
targetRef:
  kind: MeshService
  name: svc-1
to: 
  - targetRef:
      kind: MeshService
      name: svc-2
    default:
      loadBalancer:
        type: Maglev
        maglev:
          hashPolicies:
            - type: Cookie
              cookie:
                name: cookie-name
                ttl: 1s
                path: relative-path
`,
    [
      {
        field: 'spec.to[0].default.loadBalancer.maglev.hashPolicies[0].cookie.path',
        message: 'must be an absolute path',
      },
    ],
  ],
  [
    'leastRequest error',
    `
targetRef:
  kind: MeshService
  name: svc-1
to:
  - targetRef:
      kind: MeshService
      name: svc-2
    default:
      loadBalancer:
        type: LeastRequest
        leastRequest:
          activeRequestBias: -1
`,
    [
      {
        field: 'spec.to[0].default.loadBalancer.leastRequest.activeRequestBias',
        message: 'must be greater or equal then: 0',
      },
    ],
  ],
  [
    'empty from in failover',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: MeshService
      name: svc-1
    default:
      localityAwareness:
        crossZone:
          failover:
            - from:
                zones: []
              to: 
                type: None
`,
    [
      {
        field: 'spec.to[0].default.localityAwareness.crossZone.failover[0].from.zones',
        message: 'must not be empty',
      },
    ],
  ],
  [
    'incorrect weight',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: MeshService
      name: svc-1
    default:
      localityAwareness:
        localZone:
          affinityTags:
            - key: k8s/node
              weight: 0
            - key: ""
              weight: 10
`,
    [
      {
        field: 'spec.to[0].default.localityAwareness.localZone.affinityTags[0].weight',
        message: 'must be greater than 0',
      },
      {
        field: 'spec.to[0].default.localityAwareness.localZone.affinityTags[1].key',
        message: 'must not be empty',
      },
    ],
  ],
  [
    'mixing affinity tags with and without weights',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: MeshService
      name: svc-1
    default:
      localityAwareness:
        localZone:
          affinityTags:
            - key: k8s/node
              weight: 10
            - key: k8s/az
`,
    [
      {
        field: 'spec.to[0].default.localityAwareness.localZone.affinityTags',
        message: 'all or none affinity tags should have weight',
      },
    ],
  ],
  [
    "percentage can't be zero",
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: MeshService
      name: svc-1
    default:
      localityAwareness:
        crossZone:
          failoverThreshold:
            percentage: 0
`,
    [
      {
        field: 'spec.to[0].default.localityAwareness.crossZone.failoverThreshold.percentage',
        message: 'must be greater than 0',
      },
    ],
  ],
  [
    'percentage is not a parseable number',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: MeshService
      name: svc-1
    default:
      localityAwareness:
        crossZone:
          failoverThreshold:
            percentage: "hello"
`,
    [
      {
        field: 'spec.to[0].default.localityAwareness.crossZone.failoverThreshold.percentage',
        message: 'string must be a valid number',
      },
    ],
  ],
  [
    'broken failover rules',
    `
targetRef:
  kind: Mesh
to:
  - targetRef:
      kind: MeshService
      name: svc-1
    default:
      localityAwareness:
        crossZone:
          failover:
            - from:
                zones: ["zone-1"]
              to: 
                type: None
                zones: ["zone-1"]
            - from:
                zones: ["zone-1", ""]
              to: 
                type: Any
            - to:
                type: Any
                zones: ["zone-1"]
            - to:
                type: Only
                zones: []
            - to:
                type: Only
            - to:
                type: AnyExcept
                zones: []
            - to:
                type: AnyExcept
`,
    [
      {
        field: 'spec.to[0].default.localityAwareness.crossZone.failover[0].to.zones',
        message: 'must be empty when type is None',
      },
      {
        field: 'spec.to[0].default.localityAwareness.crossZone.failover[1].from.zones[1]',
        message: 'must not be empty',
      },
      {
        field: 'spec.to[0].default.localityAwareness.crossZone.failover[2].to.zones',
        message: 'must be empty when type is Any',
      },
      {
        field: 'spec.to[0].default.localityAwareness.crossZone.failover[3].to.zones',
        message: 'must not be empty when type is Only',
      },
      {
        field: 'spec.to[0].default.localityAwareness.crossZone.failover[4].to.zones',
        message: 'must not be empty when type is Only',
      },
      {
        field: 'spec.to[0].default.localityAwareness.crossZone.failover[5].to.zones',
        message: 'must not be empty when type is AnyExcept',
      },
      {
        field: 'spec.to[0].default.localityAwareness.crossZone.failover[6].to.zones',
        message: 'must not be empty when type is AnyExcept',
      },
    ],
  ],
  [
    'invalid MeshGateway and to MeshService',
    `
targetRef:
  kind: MeshGateway
  name: edge-gateway
to:
  - targetRef:
      kind: MeshService
      name: svc-1
    default:
      loadBalancer:
        type: LeastRequest
        leastRequest:
          activeRequestBias: "1.3"
`,
    [
      {
        field: 'spec.to[0].targetRef.kind',
        message:
          "value 'MeshGateway' is not supported, only Mesh is allowed if loadBalancer is set",
      },
    ],
  ],
  [
    'invalid hashPolicies',
    `
targetRef:
  kind: MeshService
  name: svc-1
to: 
  - targetRef:
      kind: MeshService
      name: svc-2
    default:
      hashPolicies:
        - type: Header
        - type: Cookie
        - type: SourceIP
        - type: QueryParameter
        - type: FilterState
`,
    [
      { field: 'spec.to[0].default.hashPolicies[0].header', message: 'must be defined' },
      { field: 'spec.to[0].default.hashPolicies[1].cookie', message: 'must be defined' },
      { field: 'spec.to[0].default.hashPolicies[2].connection', message: 'must be defined' },
      { field: 'spec.to[0].default.hashPolicies[3].queryParameter', message: 'must be defined' },
      { field: 'spec.to[0].default.hashPolicies[4].filterState', message: 'must be defined' },
    ],
  ],
  [
    'mixing hash policies in root conf and lb conf',
    `
targetRef:
  kind: MeshService
  name: svc-1
to: 
  - targetRef:
      kind: MeshService
      name: svc-2
    default:
      hashPolicies:
        - type: Header
          header:
            name: x-header-name
      loadBalancer:
        type: Maglev
        maglev:
          hashPolicies:
            - type: Cookie
              cookie:
                name: session_id
        ringHash:
          hashPolicies:
            - type: Cookie
              cookie:
                name: session_id
`,
    [
      {
        field: 'spec.to[0].default.loadBalancer.ringHash.hashPolicies',
        message: 'hashPolicies already specified in the root level',
      },
      {
        field: 'spec.to[0].default.loadBalancer.maglev.hashPolicies',
        message: 'hashPolicies already specified in the root level',
      },
    ],
  ],
  [
    'MeshHTTPRoute with loadBalancer',
    `
targetRef:
  kind: MeshService
  name: svc-1
to: 
  - targetRef:
      kind: MeshHTTPRoute
      name: route-1
    default:
      loadBalancer:
        type: RoundRobin
      hashPolicies:
        - type: Header
          header:
            name: x-header-name
`,
    [
      {
        field: 'spec.to[0].default.loadBalancer',
        message:
          'field is not allowed when targetRef.kind is MeshHTTPRoute, only hashPolicies is supported',
      },
    ],
  ],
  [
    'MeshHTTPRoute with localityAwareness',
    `
targetRef:
  kind: MeshService
  name: svc-1
to: 
  - targetRef:
      kind: MeshHTTPRoute
      name: route-1
    default:
      localityAwareness:
        disabled: true
      hashPolicies:
        - type: Header
          header:
            name: x-header-name
`,
    [
      {
        field: 'spec.to[0].default.localityAwareness',
        message:
          'field is not allowed when targetRef.kind is MeshHTTPRoute, only hashPolicies is supported',
      },
    ],
  ],
]

describe('MeshLoadBalancingStrategy validator', () => {
  it.each(validCases)('accepts %s', (_, yaml) => {
    expect(violations(yaml)).toEqual([])
  })

  it.each(errorCases)('reports %s', (_, yaml, expected) => {
    expect(byField(violations(yaml))).toEqual(byField(expected))
  })

  it('reports a MeshExternalService destination unless the policy targets the whole Mesh', () => {
    const yaml = `
targetRef: { kind: MeshService, name: svc-1 }
to: [{ targetRef: { kind: MeshExternalService, name: ext } }]
`
    expect(violations(yaml)).toEqual([
      {
        field: 'spec.to[0].targetRef.kind',
        message: "value 'MeshExternalService' is not supported",
      },
      {
        field: 'spec.to[0].targetRef.kind',
        message:
          'kind MeshExternalService is only allowed with targetRef.kind: Mesh as it is configured on the Zone Egress and shared by all clients in the mesh',
      },
    ])
  })
})
