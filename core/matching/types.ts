/** @module The rule structures the matching engine builds (Kuma `core/rules`, `inbound`, `outbound`). */
import type { ResourceRecord } from '../store/store'

/** Conf is one policy item's `default`, or the merge of several, as plain JSON. */
export type Conf = Record<string, unknown>

/** Tag is `key == value`, or `key != value` when `not` is set. */
export interface Tag {
  key: string
  value: string
  not: boolean
}

/** Subset is a group of proxies: the conjunction of its tags; empty means every proxy. */
export type Subset = Tag[]

/** Rule is Kuma's legacy rule: the conf for one subset of peers (clients for from, services for to). */
export interface Rule {
  subset: Subset
  conf: Conf
  origin: ResourceRecord[]
  /** originByMatches maps a MeshHTTPRoute rule (by the hash of its matches) to its policy. */
  originByMatches: Record<string, ResourceRecord>
}

/** Origin names the policy and the index of the item in it that contributed to a conf. */
export interface Origin {
  resource: ResourceRecord
  ruleIndex: number
}

/** ResourceRule is the conf for one real resource (Mesh, MeshService[:section], MeshHTTPRoute...). */
export interface ResourceRule {
  resource: ResourceRecord
  resourceSectionName: string
  /** conf has one element, or one per hostname for MeshHTTPRoute. */
  conf: Conf[]
  origin: Origin[]
  originByMatches: Record<string, Origin>
}

/** ResourceRules are keyed by the KRI of the resource (with its section name). */
export type ResourceRules = Record<string, ResourceRule>

/** InboundRule is one entry of `spec.rules` (or `from` for kinds that read from as rules). */
export interface InboundRule {
  match: Record<string, unknown> | null
  conf: Conf
  origin: Origin
}

/** InboundListener is an address and port a proxy receives traffic on. */
export interface InboundListener {
  address: string
  port: number
}

/** listenerKey is Kuma's `InboundListener.String()`: `address:port`. */
export const listenerKey = (l: InboundListener) => `${l.address}:${l.port}`

/** FromRules are keyed by listenerKey. */
export interface FromRules {
  rules: Record<string, Rule[]>
  inboundRules: Record<string, InboundRule[]>
}

export interface ToRules {
  rules: Rule[]
  resourceRules: ResourceRules
}

export interface GatewayRules {
  toRules: {
    byListener: Record<string, ToRules>
    /** byListenerAndHostname is keyed `address:port:hostname` (`*` when no hostname). */
    byListenerAndHostname: Record<string, ToRules>
  }
  fromRules: Record<string, Rule[]>
  inboundRules: Record<string, InboundRule[]>
}

/** MatchedPolicies is Kuma's TypedMatchingPolicies for one policy kind and one proxy. */
export interface MatchedPolicies {
  type: string
  /** dataplanePolicies are the policies selecting the proxy, least specific first. */
  dataplanePolicies: ResourceRecord[]
  fromRules: FromRules
  toRules: ToRules
  gatewayRules: GatewayRules
  singleItemRules: { rules: Rule[] }
  warnings: string[]
}

/** MatchOptions tune matching; shadow policies (`kuma.io/effect: shadow`) count only when asked. */
export interface MatchOptions {
  includeShadow?: boolean
  /**
   * memo shares To rules between proxies of one mesh revision: they depend only on the sorted
   * policies that matched, so proxies matched by the same policies get the same (frozen) rules.
   * It must be dropped with the resources it was filled from.
   */
  memo?: Map<string, unknown>
}
