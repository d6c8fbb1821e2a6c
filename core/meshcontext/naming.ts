/** @module Kuma's contextual proxy resource names (`pkg/core/naming/contextual.go`). */

/** contextualInboundName is `self_inbound_<short>_<section>`, e.g. `self_inbound_dp_main-port`. */
export const contextualInboundName = (shortName: string, sectionName: string | number) =>
  `self_inbound_${shortName}_${sectionName}`

/** contextualZoneIngressListenerName names a Dataplane's ZoneIngress listener. */
export const contextualZoneIngressListenerName = (portName: string) =>
  `self_zoneingress_dp_${portName}`

/** contextualZoneEgressListenerName names a Dataplane's ZoneEgress listener. */
export const contextualZoneEgressListenerName = (portName: string) =>
  `self_zoneegress_dp_${portName}`

/** contextualTransparentProxyName names the passthrough of a direction and IP version. */
export const contextualTransparentProxyName = (direction: string, ipVersion: 4 | 6) =>
  `self_transparentproxy_passthrough_${direction}_ipv${ipVersion}`

/** contextualNoDestinationClusterName names the cluster of traffic with no known destination. */
export const contextualNoDestinationClusterName = (direction: string) =>
  `self_transparentproxy_no_destination_${direction}`
