/** @module TypeScript shape of MeshMultiZoneService's spec and status (Kuma `meshmultizoneservice.go`). */
import type { Address, Condition, HostnameGeneratorStatus } from '../hostnamegenerator/types'
import type { LabelSelector, Protocol, VIP } from '../meshservice/types'

/** MeshMultiZoneService groups MeshServices of several zones under one destination (global only). */
export interface MeshMultiZoneService {
  /** selector picks the MeshServices; `meshService.matchLabels` must not be empty. */
  selector: Selector
  /** ports of the selected MeshServices; at least one. */
  ports: Port[]
}

export interface Selector {
  meshService: LabelSelector
}

export interface Port {
  /** name of the port; absent or empty means the port number is its name. */
  name?: string
  port: number
  /** appProtocol: `tcp`, `http`, `http2`, `grpc` or `kafka`. Default `tcp`. */
  appProtocol?: Protocol
}

/** MeshMultiZoneServiceStatus is written by the global control plane's status updater. */
export interface MeshMultiZoneServiceStatus {
  addresses?: Address[]
  vips?: VIP[]
  /** meshServices are the MeshServices the selector matched. */
  meshServices?: MatchedMeshService[]
  hostnameGenerators?: HostnameGeneratorStatus[]
  /** conditions, e.g. `MeshServicesMatched` with reason `MatchesFound` or `NoMatchesFound`. */
  conditions?: Condition[]
}

export interface MatchedMeshService {
  /** name is the core name of the MeshService. */
  name: string
  namespace: string
  zone: string
  mesh: string
}
