import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { validateSchema } from '../../schema/validate'
import { kind } from './index'
import { specSchema } from './schema'
import { validate } from './validator'

function schemaViolations(yaml: string) {
  return validateSchema(parse(yaml), specSchema, 'spec').violations
}

const conf = (def: string) =>
  `to: [{ targetRef: { kind: MeshService, name: backend }, default: ${def} }]`

describe('MeshLoadBalancingStrategy kind', () => {
  it('describes MeshLoadBalancingStrategy as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshLoadBalancingStrategy',
      plural: 'meshloadbalancingstrategies',
      kumactlArg: 'meshloadbalancingstrategy',
      pluralDisplayName: 'Mesh Load Balancing Strategies',
      shortName: 'mlbs',
      scope: 'Mesh',
      isPolicy: true,
      hasToTargetRef: true,
      hasFromTargetRef: false,
      includeInFederation: true,
      providedByZone: true,
      isProxy: false,
    })
    expect(kind.specSchema).toBe(specSchema)
    expect(kind.validate).toBe(validate)
  })
})

describe('MeshLoadBalancingStrategy spec schema', () => {
  it.each([
    [
      'locality awareness with affinity tags and cross-zone failover',
      `
targetRef: { kind: Mesh }
to:
  - targetRef: { kind: MeshService, name: backend }
    default:
      localityAwareness:
        disabled: false
        localZone:
          affinityTags: [{ key: k8s.io/node, weight: 90 }, { key: k8s.io/az }]
        crossZone:
          failover:
            - from: { zones: [zone-1] }
              to: { type: Only, zones: [zone-2] }
            - to: { type: Any }
          failoverThreshold: { percentage: 70 }
      loadBalancer:
        type: RingHash
        ringHash:
          hashFunction: MurmurHash2
          minRingSize: 64
          maxRingSize: 1024
          hashPolicies:
            - { type: Header, header: { name: x-header }, terminal: true }
            - { type: Cookie, cookie: { name: session, ttl: 1h, path: / } }
            - { type: Connection, connection: { sourceIP: true } }
            - { type: QueryParameter, queryParameter: { name: q } }
            - { type: FilterState, filterState: { key: k } }
`,
    ],
    [
      'a least-request balancer',
      conf(
        `{ loadBalancer: { type: LeastRequest, leastRequest: { choiceCount: 3, activeRequestBias: '1.3' } } }`,
      ),
    ],
    ['a maglev balancer', conf(`{ loadBalancer: { type: Maglev, maglev: { tableSize: 65537 } } }`)],
    ['a round-robin balancer', conf(`{ loadBalancer: { type: RoundRobin, roundRobin: {} } }`)],
    ['top-level hash policies', conf(`{ hashPolicies: [{ type: SourceIP }] }`)],
  ])('accepts %s', (_, yaml) => {
    expect(schemaViolations(yaml)).toEqual([])
  })

  it.each([
    [
      'a load balancer without type',
      conf(`{ loadBalancer: { ringHash: {} } }`),
      { field: 'spec.to[0].default.loadBalancer.type', message: 'in body is required' },
    ],
    [
      'an unknown load balancer type',
      conf(`{ loadBalancer: { type: WeightedRandom } }`),
      {
        field: 'spec.to[0].default.loadBalancer.type',
        message: 'in body should be one of [RoundRobin LeastRequest RingHash Random Maglev]',
      },
    ],
    [
      'a choiceCount below 2',
      conf(`{ loadBalancer: { type: LeastRequest, leastRequest: { choiceCount: 1 } } }`),
      {
        field: 'spec.to[0].default.loadBalancer.leastRequest.choiceCount',
        message: 'in body should be greater than or equal to 2',
      },
    ],
    [
      'a maglev table size above 5000011 (Go prints the bound with %v)',
      conf(`{ loadBalancer: { type: Maglev, maglev: { tableSize: 5000012 } } }`),
      {
        field: 'spec.to[0].default.loadBalancer.maglev.tableSize',
        message: 'in body should be less than or equal to 5.000011e+06',
      },
    ],
    [
      'a ring size of zero',
      conf(`{ loadBalancer: { type: RingHash, ringHash: { minRingSize: 0 } } }`),
      {
        field: 'spec.to[0].default.loadBalancer.ringHash.minRingSize',
        message: 'in body should be greater than or equal to 1',
      },
    ],
    [
      'an unknown hash function',
      conf(`{ loadBalancer: { type: RingHash, ringHash: { hashFunction: CityHash } } }`),
      {
        field: 'spec.to[0].default.loadBalancer.ringHash.hashFunction',
        message: 'in body should be one of [XXHash MurmurHash2]',
      },
    ],
    [
      'a hash policy without type',
      conf(`{ hashPolicies: [{ header: { name: a } }] }`),
      { field: 'spec.to[0].default.hashPolicies[0].type', message: 'in body is required' },
    ],
    [
      'a header hash policy with an empty name',
      conf(`{ hashPolicies: [{ type: Header, header: { name: '' } }] }`),
      {
        field: 'spec.to[0].default.hashPolicies[0].header.name',
        message: 'in body should be at least 1 chars long',
      },
    ],
    [
      'a cookie hash policy without name',
      conf(
        `{ loadBalancer: { type: Maglev, maglev: { hashPolicies: [{ type: Cookie, cookie: { ttl: 1s } }] } } }`,
      ),
      {
        field: 'spec.to[0].default.loadBalancer.maglev.hashPolicies[0].cookie.name',
        message: 'in body is required',
      },
    ],
    [
      'a failover without to',
      conf(`{ localityAwareness: { crossZone: { failover: [{ from: { zones: [a] } }] } } }`),
      {
        field: 'spec.to[0].default.localityAwareness.crossZone.failover[0].to',
        message: 'in body is required',
      },
    ],
    [
      'a failover to an unknown type',
      conf(`{ localityAwareness: { crossZone: { failover: [{ to: { type: All } }] } } }`),
      {
        field: 'spec.to[0].default.localityAwareness.crossZone.failover[0].to.type',
        message: 'in body should be one of [None Only Any AnyExcept]',
      },
    ],
    [
      'a failover from without zones',
      conf(`{ localityAwareness: { crossZone: { failover: [{ from: {}, to: { type: Any } }] } } }`),
      {
        field: 'spec.to[0].default.localityAwareness.crossZone.failover[0].from.zones',
        message: 'in body is required',
      },
    ],
    [
      'a failover threshold without percentage',
      conf(`{ localityAwareness: { crossZone: { failoverThreshold: {} } } }`),
      {
        field: 'spec.to[0].default.localityAwareness.crossZone.failoverThreshold.percentage',
        message: 'in body is required',
      },
    ],
    [
      'an affinity tag without key',
      conf(`{ localityAwareness: { localZone: { affinityTags: [{ weight: 1 }] } } }`),
      {
        field: 'spec.to[0].default.localityAwareness.localZone.affinityTags[0].key',
        message: 'in body is required',
      },
    ],
    [
      'a disabled flag that is not a boolean',
      conf(`{ localityAwareness: { disabled: 'no' } }`),
      {
        field: 'spec.to[0].default.localityAwareness.disabled',
        message: 'in body must be of type boolean: "string"',
      },
    ],
  ])('reports %s', (_, yaml, violation) => {
    expect(schemaViolations(yaml)).toEqual([violation])
  })
})
