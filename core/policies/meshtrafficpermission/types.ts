/** @module TypeScript shape of MeshTrafficPermission's spec (Kuma `meshtrafficpermission.go`). */
import type { TargetRef } from '../common/targetref'
import type { Match } from '../common/types'
export type { Match } from '../common/types'

/** MeshTrafficPermission allows or denies traffic from clients to the selected proxies. */
export interface MeshTrafficPermission {
  /** targetRef selects the proxies the policy applies to; absent means the whole mesh. */
  targetRef?: TargetRef
  /** from matches clients (inbound, legacy form of `rules`). */
  from?: From[]
  /** rules list allow/deny matches for inbound traffic. */
  rules?: Rule[]
}

export interface From {
  targetRef: TargetRef
  default?: Conf
}

export interface Rule {
  default: RuleConf
}

/** RuleConf lists clients by match; deny wins over allowWithShadowDeny, which wins over allow. */
export interface RuleConf {
  /** deny lists clients whose requests are denied. Lists replace, never merge. */
  deny?: Match[]
  /** allowWithShadowDeny lists clients allowed but logged as if denied. */
  allowWithShadowDeny?: Match[]
  /** allow lists clients whose requests are allowed. */
  allow?: Match[]
}

export type Action = 'Allow' | 'Deny' | 'AllowWithShadowDeny'

/** Conf is the mergeable permission for the clients in `from[].targetRef`. */
export interface Conf {
  /** action for the clients. Absent: no decision at this level (traffic is denied if none applies). */
  action?: Action
}
