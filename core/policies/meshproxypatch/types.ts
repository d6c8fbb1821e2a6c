/** @module MeshProxyPatch's spec types (Kuma `meshproxypatch/api/v1alpha1/meshproxypatch.go`). */
import type { TargetRef } from '../common/targetref'

/** MeshProxyPatch adds, removes or patches Envoy resources generated for the selected proxies. */
export interface MeshProxyPatch {
  /** targetRef selects the proxies the policy applies to. Absent means the whole mesh. */
  targetRef?: TargetRef
  default: Conf
}

export interface Conf {
  /** appendModifications are applied in order on the selected proxy. */
  appendModifications?: Modification[]
}

/** Modification holds exactly one of its fields. */
export interface Modification {
  cluster?: ClusterMod
  listener?: ListenerMod
  networkFilter?: NetworkFilterMod
  httpFilter?: HTTPFilterMod
  virtualHost?: VirtualHostMod
}

/** ModOperation: Add, Remove, Patch; AddFirst/AddLast/AddBefore/AddAfter only for filters. */
export type ModOperation =
  'Add' | 'Remove' | 'Patch' | 'AddFirst' | 'AddLast' | 'AddBefore' | 'AddAfter'

/** JsonPatchBlock is one RFC 6902 operation. */
export interface JsonPatchBlock {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy'
  path: string
  /** value is any JSON value, used by add and replace. */
  value?: unknown
  /** from is used by move and copy. */
  from?: string
}

interface Mod<M, O extends ModOperation> {
  /** match is the set of conditions a resource must meet. Absent matches every resource. */
  match?: M
  operation: O
  /** value is the xDS resource in YAML to add, or to merge in on Patch. */
  value?: string
  /** jsonPatches patch the resource instead of `value` (Patch only). */
  jsonPatches?: JsonPatchBlock[]
}

/**
 * Origin names the generator of a resource: inbound, outbound, transparent, prometheus,
 * direct-access, ingress, egress, gateway, or a plugin's own (e.g. `mesh-trace`).
 */
type Origin = string

export interface ClusterMatch {
  origin?: Origin
  name?: string
}

export interface ListenerMatch {
  origin?: Origin
  name?: string
  /** tags in Listener#Metadata#FilterMetadata[io.kuma.tags]. */
  tags?: Record<string, string>
}

export interface NetworkFilterMatch {
  origin?: Origin
  /** name of the network filter, e.g. `envoy.filters.network.ratelimit`. */
  name?: string
  listenerName?: string
  listenerTags?: Record<string, string>
}

export interface HTTPFilterMatch {
  origin?: Origin
  /** name of the HTTP filter, e.g. `envoy.filters.http.local_ratelimit`. */
  name?: string
  listenerName?: string
  listenerTags?: Record<string, string>
}

export interface VirtualHostMatch {
  origin?: Origin
  name?: string
  routeConfigurationName?: string
}

type FilterOperation = 'Remove' | 'Patch' | 'AddFirst' | 'AddBefore' | 'AddAfter' | 'AddLast'

export type ClusterMod = Mod<ClusterMatch, 'Add' | 'Remove' | 'Patch'>
export type ListenerMod = Mod<ListenerMatch, 'Add' | 'Remove' | 'Patch'>
export type NetworkFilterMod = Mod<NetworkFilterMatch, FilterOperation>
export type HTTPFilterMod = Mod<HTTPFilterMatch, FilterOperation>
/** VirtualHostMod requires `match` (Kuma's CRD marks it required). */
export type VirtualHostMod = Mod<VirtualHostMatch, 'Add' | 'Remove' | 'Patch'> & {
  match: VirtualHostMatch
}
