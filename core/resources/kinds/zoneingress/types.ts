/** @module ZoneIngress's spec as Kuma's proto defines it (api/mesh/v1alpha1/zone_ingress.proto). */

/** ZoneIngressSpec is kuma.mesh.v1alpha1.ZoneIngress in proto JSON. */
export interface ZoneIngressSpec {
  /** zone the ingress belongs to; empty for the control plane's own zone. */
  zone?: string
  networking?: ZoneIngressNetworking
  /** availableServices is written by the control plane: services reachable through this ingress. */
  availableServices?: AvailableService[]
}

export interface ZoneIngressNetworking {
  address?: string
  advertisedAddress?: string
  port?: number
  advertisedPort?: number
  admin?: { port?: number }
}

export interface AvailableService {
  tags?: Record<string, string>
  instances?: number
  mesh?: string
  externalService?: boolean
}
