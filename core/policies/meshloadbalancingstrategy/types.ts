/** @module TypeScript shape of MeshLoadBalancingStrategy's spec (Kuma `meshloadbalancingstrategy.go`). */
import type { TargetRef } from '../common/targetref'

/** MeshLoadBalancingStrategy picks the load balancing algorithm and locality rules per destination. */
export interface MeshLoadBalancingStrategy {
  /** targetRef selects the proxies the policy applies to; absent means the whole mesh. */
  targetRef?: TargetRef
  /** to matches destinations and holds their configuration. */
  to?: To[]
}

export interface To {
  targetRef: TargetRef
  default?: Conf
}

/** Conf is the mergeable load balancing configuration. */
export interface Conf {
  /** localityAwareness configures locality-aware load balancing. Absent: enabled, no priorities. */
  localityAwareness?: LocalityAwareness
  /** loadBalancer is the algorithm. Absent: Envoy's round robin. */
  loadBalancer?: LoadBalancer
  /** hashPolicies compute the hash for RingHash/Maglev, in order; `terminal` stops early. */
  hashPolicies?: HashPolicy[]
}

export interface LocalityAwareness {
  /** disabled spreads requests over all endpoints regardless of locality. Default false. */
  disabled?: boolean
  /** localZone sets priorities between proxies inside the local zone. */
  localZone?: LocalZone
  /** crossZone sets priorities when the local zone has no healthy endpoints. */
  crossZone?: CrossZone
}

export interface LocalZone {
  affinityTags?: AffinityTag[]
}

export interface AffinityTag {
  key: string
  /** weight of the tag. Absent: 90% to the first tag, 9% to the next, 1% to the third and so on. */
  weight?: number
}

export interface CrossZone {
  /** failover lists load balancing rules in order of priority. */
  failover?: Failover[]
  /** failoverThreshold: live-proxy percentage below which the next priority is used. Default 50. */
  failoverThreshold?: FailoverThreshold
}

export interface Failover {
  /** from restricts the rule to these local zones; absent applies everywhere. */
  from?: { zones: string[] }
  to: ToZone
}

export type ToZoneType = 'None' | 'Only' | 'Any' | 'AnyExcept'

export interface ToZone {
  type: ToZoneType
  zones?: string[]
}

export interface FailoverThreshold {
  percentage: number | string
}

export type LoadBalancerType = 'RoundRobin' | 'LeastRequest' | 'RingHash' | 'Random' | 'Maglev'

export interface LoadBalancer {
  type: LoadBalancerType
  roundRobin?: Record<string, never>
  leastRequest?: LeastRequest
  ringHash?: RingHash
  random?: Record<string, never>
  maglev?: Maglev
}

export interface LeastRequest {
  /** choiceCount random hosts are compared. Default 2. */
  choiceCount?: number
  /** activeRequestBias (int or decimal string) weighs down busy hosts. Default 1.0. */
  activeRequestBias?: number | string
}

export interface RingHash {
  /** hashFunction hashes hosts onto the ring. Default XXHash. */
  hashFunction?: 'XXHash' | 'MurmurHash2'
  /** minRingSize. Default 1024. */
  minRingSize?: number
  /** maxRingSize. Default 8M. */
  maxRingSize?: number
  hashPolicies?: HashPolicy[]
}

export type HashPolicyType =
  'Header' | 'Cookie' | 'Connection' | 'SourceIP' | 'QueryParameter' | 'FilterState'

export interface HashPolicy {
  type: HashPolicyType
  /** terminal stops the hash computation once a hash exists. Default false. */
  terminal?: boolean
  header?: { name: string }
  cookie?: { name: string; ttl?: string; path?: string }
  connection?: { sourceIP?: boolean }
  queryParameter?: { name: string }
  filterState?: { key: string }
}

export interface Maglev {
  /** tableSize, a prime up to 5000011. Default 65537. */
  tableSize?: number
  hashPolicies?: HashPolicy[]
}
