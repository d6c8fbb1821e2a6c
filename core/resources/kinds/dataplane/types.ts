/**
 * @module Dataplane spec in its canonical proto JSON form (kuma.mesh.v1alpha1.Dataplane): camelCase
 * names, enums by name, durations as `"1s"`; a zero value is the same as absent.
 */

export type InboundState = 'Ready' | 'NotReady' | 'Ignored'

export interface Inbound {
  /** port the dataplane listens on for this inbound. */
  port?: number
  /** servicePort the workload listens on; absent means `port`. */
  servicePort?: number
  /** serviceAddress of the workload; absent means the inbound address. */
  serviceAddress?: string
  /** address of this inbound; absent means `networking.address`. */
  address?: string
  /** tags; `kuma.io/service` is required when any tag is given (none when inbound tags are disabled). */
  tags?: Record<string, string>
  health?: { ready?: boolean }
  serviceProbe?: {
    interval?: string
    timeout?: string
    unhealthyThreshold?: number
    healthyThreshold?: number
    tcp?: Record<string, never>
  }
  /** state defaults to Ready. */
  state?: InboundState
  /** name is the section name; absent means the port number. */
  name?: string
  protocol?: string
}

export interface Outbound {
  /** address defaults to 127.0.0.1. */
  address?: string
  port?: number
  tags?: Record<string, string>
  backendRef?: { kind?: string; name?: string; port?: number; labels?: Record<string, string> }
}

export interface Gateway {
  tags?: Record<string, string>
  /** type defaults to DELEGATED. */
  type?: 'DELEGATED' | 'BUILTIN'
}

export interface ReachableBackendRef {
  kind?: string
  name?: string
  namespace?: string
  port?: number
  labels?: Record<string, string>
}

export interface TransparentProxying {
  redirectPortInbound?: number
  redirectPortOutbound?: number
  directAccessServices?: string[]
  reachableServices?: string[]
  /** ipFamilyMode defaults to UnSpecified. */
  ipFamilyMode?: 'UnSpecified' | 'DualStack' | 'IPv4' | 'IPv6'
  reachableBackends?: { refs?: ReachableBackendRef[] }
}

export interface Listener {
  /** type must be ZoneIngress or ZoneEgress. */
  type?: 'Unspecified' | 'ZoneIngress' | 'ZoneEgress'
  address?: string
  port?: number
  name?: string
  /** state defaults to Ready. */
  state?: 'Ready' | 'NotReady'
}

export interface Networking {
  address?: string
  advertisedAddress?: string
  gateway?: Gateway
  inbound?: Inbound[]
  outbound?: Outbound[]
  transparentProxying?: TransparentProxying
  admin?: { port?: number }
  listeners?: Listener[]
}

export interface MetricsBackend {
  name?: string
  /** type; only `prometheus` is known. */
  type?: string
  conf?: Record<string, unknown>
}

export interface Probes {
  port?: number
  endpoints?: { inboundPort?: number; inboundPath?: string; path?: string }[]
}

/** DataplaneSpec is the inline part of a Dataplane (everything but type/name/mesh/labels/times). */
export interface DataplaneSpec {
  networking?: Networking
  metrics?: MetricsBackend
  probes?: Probes
}
