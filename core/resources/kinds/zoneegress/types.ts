/** @module ZoneEgress's spec as Kuma's proto defines it (api/mesh/v1alpha1/zoneegress.proto). */

/** ZoneEgressSpec is kuma.mesh.v1alpha1.ZoneEgress in proto JSON. */
export interface ZoneEgressSpec {
  /** zone the egress belongs to; empty for the control plane's own zone. */
  zone?: string
  networking?: ZoneEgressNetworking
}

export interface ZoneEgressNetworking {
  address?: string
  port?: number
  admin?: { port?: number }
}
