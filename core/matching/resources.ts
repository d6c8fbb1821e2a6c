/** @module MeshResources: the resources of one mesh the engine reads (Kuma `xds_context.Resources`). */
import { kriOf } from '../kri/kri'
import { kindByName } from '../resources/registry'
import type { ResourceRecord } from '../store/store'

/** MeshResources lists resources by type and finds one by its KRI (section name ignored). */
export interface MeshResources {
  list(type: string): ResourceRecord[]
  get(kri: string): ResourceRecord | undefined
}

/** kriOfRecord is Kuma's `kri.From`: '' for kinds without a short name. */
export function kriOfRecord(r: ResourceRecord, sectionName = ''): string {
  return kriOfMeta(r.type, r, sectionName)
}

/** kriOfMeta is Kuma's `kri.FromResourceMeta` for the given type. */
export function kriOfMeta(
  type: string,
  meta: { mesh: string; name: string; labels: Record<string, string> },
  sectionName = '',
): string {
  const short = kindByName(type)?.shortName ?? ''
  if (type === 'Mesh') return kriOf(short, { ...meta, mesh: '' }, sectionName) ?? ''
  return kriOf(short, meta, sectionName) ?? ''
}

/** indexResources builds MeshResources over records, keeping their order within each type. */
export function indexResources(records: readonly ResourceRecord[]): MeshResources {
  const byType = new Map<string, ResourceRecord[]>()
  const byKri = new Map<string, ResourceRecord>()
  for (const r of records) {
    const list = byType.get(r.type) ?? []
    list.push(r)
    byType.set(r.type, list)
    const id = kriOfRecord(r)
    if (id && !byKri.has(id)) byKri.set(id, r)
  }
  return {
    list: (type) => byType.get(type) ?? [],
    get: (id) => byKri.get(id),
  }
}
