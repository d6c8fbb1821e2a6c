/** @module Kuma's inspect API shapes (`api/openapi/types/common`), as kuma-cp 2.14 writes them. */

/** Meta is a resource's meta without KRI (`oapi_helpers.ResourceMetaToMeta`). */
export interface Meta {
  type: string
  mesh: string
  name: string
  labels: Record<string, string>
}

export interface RuleMatcher {
  key: string
  not: boolean
  value: string
}

/** Rule is a legacy (tag subset) rule. */
export interface Rule {
  conf: unknown
  matchers: RuleMatcher[]
  origin: Meta[]
}

/** Inbound names an inbound by port; `tags` is null when the port has no inbound (a listener). */
export interface Inbound {
  name?: string
  port: number
  tags: Record<string, string> | null
}

export interface FromRule {
  inbound: Inbound
  rules: Rule[]
}

export interface ResourceRuleOrigin {
  resourceMeta: Meta
  ruleIndex: number
}

export interface InboundRule {
  conf: unknown[]
  match?: unknown
  origin: ResourceRuleOrigin[]
}

export interface InboundRulesEntry {
  inbound: Inbound
  rules: InboundRule[]
}

export interface ResourceRule {
  conf: unknown[]
  origin: ResourceRuleOrigin[] | null
  resourceMeta: Meta
  resourceSectionName: string
}

export interface ProxyRule {
  conf: unknown
  origin: Meta[]
}

/** InspectRule is what one policy kind does to a proxy. */
export interface InspectRule {
  type: string
  toRules: Rule[]
  toResourceRules: ResourceRule[]
  fromRules: FromRule[]
  inboundRules: InboundRulesEntry[]
  proxyRule?: ProxyRule
  warnings: string[]
}

export interface HttpMatch {
  hash: string
  match: unknown
}

/** InspectRules is the answer of `/meshes/{mesh}/dataplanes|meshgateways/{name}/_rules`. */
export interface InspectRules {
  httpMatches: HttpMatch[]
  resource: Meta
  rules: InspectRule[]
}

export interface PolicyOrigin {
  kri: string
}

export interface PolicyConf {
  conf: unknown
  kind: string
  origins: PolicyOrigin[]
}

/** PoliciesList answers `_policies` of a proxy, an outbound or a route. */
export interface PoliciesList {
  policies: PolicyConf[]
}

export interface PolicyRule {
  conf: unknown
  kri?: string
}

export interface InboundPolicyConf {
  kind: string
  origins: PolicyOrigin[]
  rules: PolicyRule[]
}

/** InboundPoliciesList answers `_inbounds/{kri}/_policies`. */
export interface InboundPoliciesList {
  policies: InboundPolicyConf[]
}

export interface RouteRules {
  conf: unknown
  kri: string
  matches: unknown[] | null
}

export interface RouteConf {
  kind: string
  origins: PolicyOrigin[]
  rules: RouteRules[] | null
}

/** RoutesList answers `_outbounds/{kri}/_routes`. */
export interface RoutesList {
  routes: RouteConf[]
}

/** InspectDataplanesForPolicy answers `/{policies}/{name}/_resources/dataplanes`. */
export interface InspectDataplanesForPolicy {
  items: Meta[]
  next?: string
  total: number
}
