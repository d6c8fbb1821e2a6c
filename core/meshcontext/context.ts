/** @module MeshContext: everything about one mesh that proxy views are computed from (Kuma `xds/context.MeshContext`). */
import type { MeshSpec } from '../resources/kinds/mesh/types'
import type { ResourceRecord } from '../store/store'
import { DestinationIndex } from './destination-index'

/** MeshServicesMode is the Mesh's `meshServices.mode`; absent means Disabled. */
export type MeshServicesMode = 'Disabled' | 'Everywhere' | 'ReachableBackends' | 'Exclusive'

/** MeshSnapshot is what a store read of one mesh gives: the Mesh and the resources in it. */
export interface MeshSnapshot {
  readonly mesh: ResourceRecord
  /** resources of the mesh in any order; global-scoped ones (mesh '') are kept as well. */
  readonly resources: readonly ResourceRecord[]
}

/** MeshResources lists one mesh's resources by type. */
export interface MeshResources {
  /** list gives the resources of a type sorted by name; [] for a type not loaded or absent. */
  list(type: string): readonly ResourceRecord[]
  /** get finds one resource by type and name. */
  get(type: string, name: string): ResourceRecord | undefined
  /** types lists the types present, sorted. */
  types(): string[]
}

/**
 * MeshContext is an immutable, deterministic view of one mesh for one control-plane zone.
 * Invariants: it holds only resources of `name` (and global ones), each (type, name) once;
 * every list is in name order; nothing in it depends on the order the snapshot came in, so two
 * contexts built from the same resources answer every question identically.
 */
export interface MeshContext {
  /** name of the mesh. */
  readonly name: string
  readonly mesh: ResourceRecord
  /** zone is the name of the control plane's own zone (Kuma's `multizone.zone.name`). */
  readonly zone: string
  readonly meshServicesMode: MeshServicesMode
  readonly resources: MeshResources
  readonly dataplanesByName: ReadonlyMap<string, ResourceRecord>
  readonly destinations: DestinationIndex
}

export interface MeshContextOptions {
  /** zone of the control plane; Kumo's edge is a standalone zone named by its settings. */
  zone: string
}

/** buildMeshContext indexes a snapshot; resources of other meshes are left out. */
export function buildMeshContext(snapshot: MeshSnapshot, opts: MeshContextOptions): MeshContext {
  const name = snapshot.mesh.name
  const byType = new Map<string, Map<string, ResourceRecord>>()
  for (const r of snapshot.resources) {
    if (r.type === 'Mesh' || (r.mesh !== name && r.mesh !== '')) continue
    const m = byType.get(r.type) ?? new Map<string, ResourceRecord>()
    m.set(r.name, r)
    byType.set(r.type, m)
  }
  const lists = new Map<string, ResourceRecord[]>()
  for (const [type, m] of byType) {
    lists.set(
      type,
      [...m.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    )
  }
  const resources: MeshResources = {
    list: (type) => lists.get(type) ?? [],
    get: (type, n) => byType.get(type)?.get(n),
    types: () => [...lists.keys()].sort(),
  }
  const all = [...lists.values()].flat()
  return {
    name,
    mesh: snapshot.mesh,
    zone: opts.zone,
    meshServicesMode: meshServicesModeOf(snapshot.mesh),
    resources,
    dataplanesByName: new Map(resources.list('Dataplane').map((d) => [d.name, d])),
    destinations: new DestinationIndex(all),
  }
}

/** meshServicesModeOf reads `meshServices.mode` of a Mesh, Disabled when unset. */
export function meshServicesModeOf(mesh: ResourceRecord): MeshServicesMode {
  const mode = (mesh.spec as MeshSpec).meshServices?.mode
  return mode ?? 'Disabled'
}
