/** @module loadMesh: reading one mesh's resources through the Store API (no database detail). */
import { KINDS } from '../resources/registry'
import type { RequestScope } from '../resources/service'
import type { ResourceRecord } from '../store/store'
import type { MeshSnapshot } from './context'

/** PAGE is the largest page the Store serves. */
const PAGE = 1000

export interface LoadMeshOptions {
  /** types restricts the kinds read (e.g. only destinations); default every mesh-scoped kind. */
  types?: readonly string[]
}

/**
 * loadMesh reads the Mesh `mesh` and every resource in it, kind by kind, page by page;
 * undefined when the Mesh does not exist. Each kind is read in pages, so a snapshot of a mesh
 * being written to may mix versions, as Kuma's cached MeshContext does between refreshes.
 */
export async function loadMesh(
  scope: Pick<RequestScope, 'store' | 'tenant'>,
  mesh: string,
  opts: LoadMeshOptions = {},
): Promise<MeshSnapshot | undefined> {
  const meshRecord = await scope.store.get(scope.tenant, { type: 'Mesh', mesh: '', name: mesh })
  if (!meshRecord) return undefined
  const wanted = opts.types ? new Set(opts.types) : undefined
  const kinds = KINDS.filter((k) => k.scope === 'Mesh' && (!wanted || wanted.has(k.name)))
  const lists = await Promise.all(kinds.map((k) => listAll(scope, k.name, mesh)))
  return { mesh: meshRecord, resources: lists.flat() }
}

async function listAll(
  scope: Pick<RequestScope, 'store' | 'tenant'>,
  type: string,
  mesh: string,
): Promise<ResourceRecord[]> {
  const out: ResourceRecord[] = []
  let offset: string | undefined
  do {
    const page = await scope.store.list(scope.tenant, type, { mesh, size: PAGE, offset })
    out.push(...page.items)
    offset = page.nextOffset
  } while (offset)
  return out
}
