/** @module TypeScript shape of MeshService's spec and status (Kuma `meshservice.go`). */
import type { Address, HostnameGeneratorStatus } from '../hostnamegenerator/types'

/** Protocol is the application protocol of a port (`tcp`, `http`, `http2`, `grpc`, `kafka`). */
export type Protocol = string

export type State = 'Available' | 'Unavailable'

/** LabelSelector selects resources whose labels contain every `matchLabels` entry. */
export interface LabelSelector {
  matchLabels?: Record<string, string>
}

/**
 * MeshService is a service in the mesh: the data plane proxies it selects and the ports it
 * exposes. Kuma validates only the name length and that at most one selector is set.
 */
export interface MeshService {
  /** state: `Available` if at least one endpoint is healthy. Default `Unavailable`. */
  state?: State
  /** selector picks the data plane proxies; at most one of its fields may be set. */
  selector?: Selector
  /** ports are keyed by (port, appProtocol). */
  ports?: Port[]
  identities?: MeshServiceIdentity[]
}

export interface Selector {
  dataplaneTags?: Record<string, string>
  dataplaneRef?: DataplaneRef
  dataplaneLabels?: LabelSelector
}

export interface DataplaneRef {
  name?: string
}

export interface Port {
  /** name of the port; absent means the port number is its name (SNI section, backendRef). */
  name?: string
  port: number
  /** targetPort is the inbound port number or name. Absent: same as `port`. */
  targetPort?: number | string
  /** appProtocol. Default `tcp`. */
  appProtocol?: Protocol
}

export interface MeshServiceIdentity {
  type: 'ServiceTag' | 'SpiffeID'
  value: string
}

/** MeshServiceStatus is written by the control plane (VIP allocator, hostname generator, status updater). */
export interface MeshServiceStatus {
  addresses?: Address[]
  vips?: VIP[]
  tls?: TLS
  hostnameGenerators?: HostnameGeneratorStatus[]
  /** dataplaneProxies counts the proxies this MeshService selects. */
  dataplaneProxies?: DataplaneProxies
}

export interface VIP {
  ip?: string
}

export interface TLS {
  status?: 'Ready' | 'NotReady'
}

export interface DataplaneProxies {
  /** connected: proxies connected to the zone control plane. */
  connected?: number
  /** healthy: proxies with all inbounds selected by this MeshService healthy. */
  healthy?: number
  total?: number
}
