/** @module MeshPassthrough's spec types (Kuma `meshpassthrough/api/v1alpha1/meshpassthrough.go`). */
import type { TargetRef } from '../common/targetref'

/** MeshPassthrough controls which traffic to destinations outside the mesh passes the sidecar. */
export interface MeshPassthrough {
  /** targetRef selects the proxies the policy applies to. Absent means the whole mesh. */
  targetRef?: TargetRef
  default?: Conf
}

export type PassthroughMode = 'All' | 'Matched' | 'None'

export interface Conf {
  /** passthroughMode: with `All` or `None`, appendMatch has no effect. Default `Matched`. */
  passthroughMode?: PassthroughMode
  /** appendMatch lists destinations allowed through the sidecar. */
  appendMatch?: Match[]
}

export type MatchType = 'Domain' | 'IP' | 'CIDR'

export type ProtocolType = 'tcp' | 'tls' | 'grpc' | 'http' | 'http2' | 'mysql'

export interface Match {
  type: MatchType
  /** value for the given type: a domain (may start with `*.`), an IP or a CIDR. */
  value: string
  /** port the client connects to. Absent means every port. */
  port?: number
  /** protocol of the traffic. Default `tcp`. */
  protocol?: ProtocolType
}
