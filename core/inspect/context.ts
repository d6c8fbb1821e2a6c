/** @module What the inspect endpoints read of a mesh: its policies and the resources they name. */
import { indexResources, type MeshResources } from '../matching'
import { KINDS } from '../resources/registry'
import type { ResourceRecord } from '../store/store'

/** INSPECT_TYPES are the kinds policy matching reads (Dataplanes are matched one at a time). */
export const INSPECT_TYPES: readonly string[] = KINDS.filter(
  (k) =>
    k.scope === 'Mesh' &&
    (k.isPolicy ||
      ['MeshGateway', 'MeshService', 'MeshExternalService', 'MeshMultiZoneService'].includes(
        k.name,
      )),
).map((k) => k.name)

/** DEPENDENT_TYPES are what `_resources/dataplanes` needs to match a policy (Kuma's list). */
export const DEPENDENT_TYPES: readonly string[] = ['MeshHTTPRoute', 'MeshGateway']

/** matchingResources indexes a mesh for matching; the Mesh itself is included (for its KRI). */
export const matchingResources = (
  mesh: ResourceRecord,
  resources: readonly ResourceRecord[],
): MeshResources => indexResources([mesh, ...resources])

/** meshServicesExclusive: `meshServices.mode: Exclusive` (required by `_policies`, `_routes`). */
export const meshServicesExclusive = (mesh: ResourceRecord) =>
  (mesh.spec as { meshServices?: { mode?: string } }).meshServices?.mode === 'Exclusive'
