/**
 * @module Proxy: one Dataplane as the Envoy generator and the policy plugins see it (Kuma
 * `core_xds.Proxy`): its inbounds and outbounds with their Envoy names, KRIs and protocols,
 * what its Envoy told us about itself, and the policies matched to it.
 */
import type { MatchedPolicies } from '../matching'
import type { Destination, DestinationPort } from '../meshcontext'
import type { DataplaneSpec } from '../resources/kinds/dataplane/types'
import type { ResourceRecord } from '../store/store'

/**
 * DataplaneMetadata is what the proxy's Envoy node metadata says (Kuma `DataplaneMetadata`,
 * as kept in `DataplaneInsight.metadata`). Absent fields mean the defaults below.
 */
export interface DataplaneMetadata {
  /** adminPort of Envoy's admin API; 0 or absent means no admin listener is generated. */
  adminPort?: number
  /** adminAddress Envoy's admin binds to; absent means 127.0.0.1. */
  adminAddress?: string
  /** features the proxy announced, e.g. `feature-unified-resource-naming`. */
  features?: readonly string[]
  /** envoyVersion of the proxy, e.g. `1.34.1`; absent means unknown. */
  envoyVersion?: string
  /** dynamicMetadata from the bootstrap (`dynamicMetadata` of kuma-dp). */
  dynamicMetadata?: Readonly<Record<string, string>>
  /** workdir of kuma-dp, for socket paths; absent means `/tmp`. */
  workdir?: string
  /** metricsCertPath and metricsKeyPath: kuma-dp's certificate for a `ProvidedTLS` Prometheus endpoint. */
  metricsCertPath?: string
  metricsKeyPath?: string
  /**
   * userAgentName is the xDS client's `node.user_agent_name` (`envoy`, `gRPC Node.js`...); a name
   * starting with `gRPC` makes the proxy a proxyless gRPC client (`core/xds/proxyless`).
   */
  userAgentName?: string
}

/** FEATURE_UNIFIED_RESOURCE_NAMING makes inbounds and outbounds use Kuma's unified (KRI) names. */
export const FEATURE_UNIFIED_RESOURCE_NAMING = 'feature-unified-resource-naming'

/** Protocol is Kuma's `core_meta.Protocol`; an unknown value is treated as `tcp`. */
export type Protocol = 'tcp' | 'http' | 'http2' | 'grpc' | 'kafka' | 'tls'

/** ProxyInbound is one `networking.inbound[]` entry with the Envoy names generated for it. */
export interface ProxyInbound {
  /** sectionName is the inbound's name, else its port as a string. */
  readonly sectionName: string
  /** kri is the Dataplane's KRI with the inbound's section name. */
  readonly kri: string
  /** address Envoy listens on (the inbound's, else `networking.address`). */
  readonly address: string
  readonly port: number
  /** serviceAddress the workload listens on (default 127.0.0.1, Kuma's default). */
  readonly serviceAddress: string
  /** servicePort the workload listens on (default `port`). */
  readonly servicePort: number
  readonly tags: Readonly<Record<string, string>>
  readonly protocol: Protocol
  /** listenerName: `inbound:<address>:<port>`, or `self_inbound_dp_<section>` (unified naming). */
  readonly listenerName: string
  /** clusterName of the local cluster: `localhost:<servicePort>` or the inbound's KRI. */
  readonly clusterName: string
  /** ignored inbounds (`state: Ignored`) get no listener. */
  readonly state: 'Ready' | 'NotReady' | 'Ignored'
}

/**
 * ProxyOutbound is one destination the proxy can reach: either a destination port (MeshService,
 * MeshExternalService, MeshMultiZoneService; `kri` set) or a legacy `kuma.io/service` outbound
 * (`service` set). Invariant: exactly one of `kri` and `service` is set.
 */
export interface ProxyOutbound {
  /** kri of the destination port (`kri_msvc_<mesh>_<zone>_<ns>_<name>_<port>`). */
  readonly kri?: string
  /** service is the `kuma.io/service` of a legacy outbound. */
  readonly service?: string
  readonly destination?: Destination
  readonly destinationPort?: DestinationPort
  /** tags of a legacy outbound (always with `kuma.io/service`). */
  readonly tags: Readonly<Record<string, string>>
  /** address the outbound listener binds (a VIP, or 127.0.0.1 for a declared outbound). */
  readonly address: string
  readonly port: number
  readonly protocol: Protocol
  readonly listenerName: string
  /** clusterName of the destination's cluster (KRI, legacy name, or `kuma.io/service`). */
  readonly clusterName: string
  /** statPrefix Kuma puts on the listener's filters for this outbound. */
  readonly statPrefix: string
}

/** TransparentProxy is the part of `networking.transparentProxying` the generator reads. */
export interface TransparentProxy {
  readonly redirectPortInbound: number
  readonly redirectPortOutbound: number
  readonly ipFamilyMode: 'IPv4' | 'IPv6' | 'DualStack'
}

/**
 * Proxy is everything the generator and plugins know about one Dataplane. Invariants: inbounds
 * keep spec order; outbounds are sorted by `kri` (destinations) then `service` (legacy);
 * `policies` has an entry for every registered plugin kind, possibly empty.
 */
export interface Proxy {
  readonly dataplane: ResourceRecord
  readonly spec: DataplaneSpec
  /** kri of the Dataplane, without section. */
  readonly kri: string
  readonly mesh: string
  readonly zone: string
  readonly metadata: DataplaneMetadata
  /** unifiedNaming: the proxy announced `feature-unified-resource-naming`. */
  readonly unifiedNaming: boolean
  readonly inbounds: readonly ProxyInbound[]
  readonly outbounds: readonly ProxyOutbound[]
  readonly transparentProxy?: TransparentProxy
  /** policies maps a policy kind to what matched this proxy (Kuma `proxy.Policies.Dynamic`). */
  readonly policies: ReadonlyMap<string, MatchedPolicies>
  /** mtls: the mesh has an enabled mTLS backend; clusters and inbounds then use Kuma's SDS names. */
  readonly mtls?: MeshMtls
}

/** MeshMtls is the mesh's enabled mTLS backend and the SDS secret names Kuma serves for it. */
export interface MeshMtls {
  readonly backend: string
  /** mode of the backend: `STRICT` or `PERMISSIVE`. */
  readonly mode: 'STRICT' | 'PERMISSIVE'
  /** identitySecret is `identity_cert:secret:<mesh>` (Kuma `names.GetSecretName`). */
  readonly identitySecret: string
  /** caSecret is `mesh_ca:secret:<mesh>`. */
  readonly caSecret: string
}
