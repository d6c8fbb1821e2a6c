/** @module TypeScript shape of MeshTCPRoute's spec (Kuma `meshtcproute.go`). */
import type { TargetRef } from '../common/targetref'
import type { BackendRef } from '../common/types'
export type { BackendRef } from '../common/types'

/** MeshTCPRoute splits TCP traffic between weighted backends. */
export interface MeshTCPRoute {
  /** targetRef selects the proxies the route applies to; absent means the whole mesh. */
  targetRef?: TargetRef
  /** to matches destinations (at least one entry). */
  to?: To[]
}

export interface To {
  targetRef: TargetRef
  /** rules holds at most one rule: TCP has no matches to tell rules apart. */
  rules: Rule[]
}

export interface Rule {
  default: RuleConf
}

/** RuleConf is the mergeable part of a rule. */
export interface RuleConf {
  /** backendRefs receive the traffic. Absent: the `to[].targetRef` destination itself. */
  backendRefs?: BackendRef[]
}
