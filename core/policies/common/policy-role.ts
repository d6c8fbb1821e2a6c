/** @module Who a policy is for: Kuma's policy role (`model.PolicyRole`) and inbound test (`inbound.AffectsInbounds`). */
import { asArr } from '../../validators/json'
import type { TargetRefOpts } from './targetref-rules'

/** POLICY_ROLE_LABEL is the label Kuma computes a policy's role into. */
export const POLICY_ROLE_LABEL = 'kuma.io/policy-role'

/** policyRole is Kuma's model.PolicyRole: the `kuma.io/policy-role` label, `system` when unset. */
export function policyRole(labels: Record<string, string> | undefined): string {
  return labels?.[POLICY_ROLE_LABEL] || 'system'
}

/** isSystemPolicy is true for a policy with the `system` role (gateways may be targeted). */
export function isSystemPolicy(labels: Record<string, string> | undefined): boolean {
  return policyRole(labels) === 'system'
}

/** affectsInbounds is Kuma's inbound.AffectsInbounds: the policy has rules or a from list. */
export function affectsInbounds(spec: { rules?: unknown; from?: unknown }): boolean {
  return asArr(spec.rules).length > 0 || asArr(spec.from).length > 0
}

/** RoleKinds are the kinds a policy's top-level targetRef may name, by the policy's role. */
export interface RoleKinds {
  /** system lists the kinds of a `system` policy (it may select gateways). */
  system: readonly string[]
  /** other lists the kinds of a producer, consumer or workload-owner policy. */
  other: readonly string[]
}

/**
 * topLevelTargetRefOpts is what Kuma's policy validators pass to ValidateTargetRef for the top-level
 * targetRef: the role's kinds, and gateway listener tags for system policies unless turned off.
 */
export function topLevelTargetRefOpts(
  labels: Record<string, string> | undefined,
  kinds: RoleKinds,
  opts: { isInboundPolicy?: boolean; gatewayListenerTags?: boolean } = {},
): TargetRefOpts {
  const system = isSystemPolicy(labels)
  return {
    supportedKinds: system ? kinds.system : kinds.other,
    gatewayListenerTagsAllowed: system && opts.gatewayListenerTags !== false,
    isInboundPolicy: opts.isInboundPolicy,
  }
}

const WORKLOAD_KINDS = ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset', 'Dataplane']

/** TOP_LEVEL_KINDS are what most policies accept at the top level: a system policy may also select a MeshGateway. */
export const TOP_LEVEL_KINDS: RoleKinds = {
  system: [...WORKLOAD_KINDS, 'MeshGateway'],
  other: WORKLOAD_KINDS,
}

/** TOP_LEVEL_ROUTE_KINDS add a (deprecated) top-level MeshHTTPRoute for system policies. */
export const TOP_LEVEL_ROUTE_KINDS: RoleKinds = {
  system: [...WORKLOAD_KINDS, 'MeshGateway', 'MeshHTTPRoute'],
  other: WORKLOAD_KINDS,
}
