/** @module TypeScript shape of MeshHTTPRoute's spec (Kuma `meshhttproute.go`). */
import type { TargetRef } from '../common/targetref'
import type { BackendRef, HeaderKeyValue, HeaderMatch } from '../common/types'
export type { BackendRef, HeaderKeyValue, HeaderMatch } from '../common/types'

/** MeshHTTPRoute routes HTTP requests: matches, filters and weighted backends. */
export interface MeshHTTPRoute {
  /** targetRef selects the proxies the route applies to; absent means the whole mesh. */
  targetRef?: TargetRef
  /** to matches request destinations and holds their rules. */
  to?: To[]
}

export interface To {
  /** hostnames limit the rules to these hosts; only valid when targeting a MeshGateway. */
  hostnames?: string[]
  targetRef: TargetRef
  rules: Rule[]
}

export interface Rule {
  /** matches select the requests the rule applies to (at least one); the merge key of rules. */
  matches: Match[]
  default: RuleConf
}

export interface Match {
  path?: PathMatch
  method?: Method
  /** queryParams are ANDed: all must match. */
  queryParams?: QueryParamsMatch[]
  headers?: HeaderMatch[]
}

export type PathMatchType = 'Exact' | 'PathPrefix' | 'RegularExpression'

export type Method =
  'CONNECT' | 'DELETE' | 'GET' | 'HEAD' | 'OPTIONS' | 'PATCH' | 'POST' | 'PUT' | 'TRACE'

export interface PathMatch {
  /** value: Exact and PathPrefix values must be absolute paths. */
  value: string
  type: PathMatchType
}

export interface QueryParamsMatch {
  type: 'Exact' | 'RegularExpression'
  name: string
  value: string
}

/** RuleConf is the mergeable part of a rule. */
export interface RuleConf {
  /** filters modify requests and responses. Absent: none. */
  filters?: Filter[]
  /** backendRefs receive the traffic. Absent: the `to[].targetRef` destination itself. */
  backendRefs?: BackendRef[]
}

export type FilterType =
  | 'RequestHeaderModifier'
  | 'ResponseHeaderModifier'
  | 'RequestRedirect'
  | 'URLRewrite'
  | 'RequestMirror'

/** HeaderModifier: one action per header name; several values go comma-separated. */
export interface HeaderModifier {
  set?: HeaderKeyValue[]
  add?: HeaderKeyValue[]
  remove?: string[]
}

export interface RequestRedirect {
  scheme?: 'http' | 'https'
  hostname?: string
  /** path rewrites the request path for the Location header; absent keeps it. */
  path?: PathRewrite
  /** port for the Location header; absent keeps the request's. */
  port?: number
  /** statusCode of the redirect. Default 302. */
  statusCode?: 301 | 302 | 303 | 307 | 308
}

export interface PathRewrite {
  type: 'ReplaceFullPath' | 'ReplacePrefixMatch'
  replaceFullPath?: string
  replacePrefixMatch?: string
}

export interface URLRewrite {
  /** hostname replaces the Host header when forwarding. */
  hostname?: string
  path?: PathRewrite
  /** hostToBackendHostname rewrites Host to the upstream's hostname (MeshGateway only). */
  hostToBackendHostname?: boolean
}

export interface RequestMirror {
  /** percentage of requests mirrored (int or decimal string). Absent: all. */
  percentage?: number | string
  backendRef: BackendRef
}

export interface Filter {
  type: FilterType
  requestHeaderModifier?: HeaderModifier
  responseHeaderModifier?: HeaderModifier
  requestRedirect?: RequestRedirect
  urlRewrite?: URLRewrite
  requestMirror?: RequestMirror
}
