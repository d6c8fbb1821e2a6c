/** @module TargetRef helpers: kind specificity, Dataplane refinements, which kinds are tags or resources. */
import type { TargetRef, TargetRefKind } from '../policies/common/targetref'

const KIND_ORDER: Record<string, number> = {
  Mesh: 1,
  Dataplane: 2,
  MeshSubset: 3,
  MeshGateway: 4,
  MeshService: 5,
  MeshExternalService: 6,
  MeshMultiZoneService: 7,
  MeshServiceSubset: 8,
  MeshHTTPRoute: 9,
}

/** compareKind orders kinds from least to most specific (Kuma `TargetRefKind.Compare`). */
export const compareKind = (a: string, b: string) => (KIND_ORDER[a] ?? 0) - (KIND_ORDER[b] ?? 0)

const selectsName = (t: TargetRef) => !!t.name
const selectsLabels = (t: TargetRef) => t.labels !== undefined && t.labels !== null

/** compareDataplaneKind: by name beats by labels, and with sectionName beats without. */
export function compareDataplaneKind(a: TargetRef, b: TargetRef): number {
  if (a.kind !== 'Dataplane' || b.kind !== 'Dataplane') return 0
  if (selectsName(a) && selectsLabels(b)) return 1
  if (selectsLabels(a) && selectsName(b)) return -1
  if (a.sectionName && !b.sectionName) return 1
  if (!a.sectionName && b.sectionName) return -1
  return 0
}

/** isRealResource: every kind but the tag-based subsets names a resource. */
export const isRealResource = (k: string) => k !== 'MeshSubset' && k !== 'MeshServiceSubset'

/** isOldKind: kinds legacy (tag-subset) rules understand. */
export const isOldKind = (k: string) =>
  [
    'Mesh',
    'MeshSubset',
    'MeshServiceSubset',
    'MeshService',
    'MeshGateway',
    'MeshHTTPRoute',
  ].includes(k)

/** topLevelOf is the policy's targetRef; absent means the whole mesh. */
export function topLevelOf(spec: Record<string, unknown>): TargetRef {
  const tr = spec?.targetRef as TargetRef | undefined
  return tr && tr.kind ? tr : { kind: 'Mesh' as TargetRefKind }
}
