/** @module What the engine reads from a policy's meta: origin, role, display name, effect. */
import {
  DISPLAY_NAME_LABEL,
  EFFECT_LABEL,
  NAMESPACE_LABEL,
  ORIGIN_LABEL,
  ZONE_LABEL,
} from '../resources/labels'

export const POLICY_ROLE_LABEL = 'kuma.io/policy-role'

type Meta = { name: string; labels: Record<string, string> }

/** displayNameOf prefers `kuma.io/display-name`, so synced copies sort and match as the original. */
export const displayNameOf = (m: Meta) => m.labels?.[DISPLAY_NAME_LABEL] || m.name

/** originOf is `kuma.io/origin`, '' when unknown. */
export const originOf = (m: Meta) => m.labels?.[ORIGIN_LABEL] ?? ''

const ORIGIN_ORDER: Record<string, number> = { global: 1, '': 2, zone: 3 }

/** compareOrigin ranks global below unknown below zone (the more local, the more specific). */
export const compareOrigin = (a: string, b: string) =>
  (ORIGIN_ORDER[a] ?? 0) - (ORIGIN_ORDER[b] ?? 0)

export type PolicyRole = 'system' | 'producer' | 'consumer' | 'workload-owner'

/** policyRoleOf is `kuma.io/policy-role`, `system` when absent (Kuma `core_model.PolicyRole`). */
export const policyRoleOf = (m: Meta): string => m.labels?.[POLICY_ROLE_LABEL] || 'system'

const ROLE_ORDER: Record<string, number> = {
  system: 1,
  producer: 2,
  consumer: 3,
  'workload-owner': 4,
}

/** comparePolicyRole ranks system < producer < consumer < workload-owner. */
export const comparePolicyRole = (a: string, b: string) =>
  (ROLE_ORDER[a] ?? 0) - (ROLE_ORDER[b] ?? 0)

/** isShadow tells a policy applied only in shadow mode (`kuma.io/effect: shadow`). */
export const isShadow = (m: Meta) => m.labels?.[EFFECT_LABEL] === 'shadow'

/** isReferenced is Kuma's `IsReferenced`: same mesh, and the name is the display name. */
export const isReferenced = (
  refMesh: string,
  refName: string,
  r: { mesh: string; name: string; labels: Record<string, string> },
) => refMesh === r.mesh && refName === displayNameOf(r)

/** isLocalZoneResource: zone-originated and from `zone` (or without a zone label, Kuma 2.7). */
export function isLocalZoneResource(labels: Record<string, string>, zone: string): boolean {
  if (labels?.[ORIGIN_LABEL] !== 'zone') return false
  const rz = labels[ZONE_LABEL]
  return rz === undefined ? true : rz === zone
}

export const namespaceOf = (m: Meta) => m.labels?.[NAMESPACE_LABEL]
export const zoneOf = (m: Meta) => m.labels?.[ZONE_LABEL]
