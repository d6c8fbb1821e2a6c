/**
 * @module Kuma's insight routes: `_overview` (and the legacy `+insights` paths) of Dataplanes,
 * Zones, ZoneIngresses and ZoneEgresses, `mesh-insights` and `service-insights`. Kuma computes
 * MeshInsight and ServiceInsight periodically and stores them; Kumo computes them on each read
 * from the store (core/insights), so they never lag behind the resources they count.
 */
import { Hono, type Context } from 'hono'
import { badRequest, notFound } from '../core/api/errors'
import {
  closeStaleZoneSubscriptions,
  computeMeshInsight,
  computeServiceInsight,
  LEGACY_OVERVIEW_PATHS,
  OVERVIEWS,
  SERVICE_TYPES,
  serviceView,
  toOverview,
  type OverviewDef,
  type ProxyWithInsight,
  type ServiceStat,
} from '../core/insights'
import { meshServicesModeOf } from '../core/meshcontext'
import { loadMesh } from '../core/meshcontext/load'
import type { ResourceKind } from '../core/resources/kind'
import { KINDS, kindByName, kindByPlural } from '../core/resources/registry'
import { getResource, listResources, type RequestScope } from '../core/resources/service'
import type { ResourceRecord } from '../core/store/store'
import type { AppEnv } from './env'
import { listOptions, nextLink, pageSize } from './query'
import type { ListResponse } from './resources'
import { requestScope } from './scope'

/** overviewKind finds the kind with insights a path segment names, legacy paths included. */
function overviewKind(segment: string): { kind: ResourceKind; def: OverviewDef } | undefined {
  const kind = kindByPlural(LEGACY_OVERVIEW_PATHS[segment] ?? segment)
  const def = kind && OVERVIEWS[kind.name]
  return def ? { kind, def } : undefined
}

async function insightOf(scope: RequestScope, def: OverviewDef, r: ResourceRecord) {
  const insight = await scope.store.get(scope.tenant, {
    type: def.insightType,
    mesh: r.mesh,
    name: r.name,
  })
  return insight && def.insightType === 'ZoneInsight'
    ? closeStaleZoneSubscriptions(insight, Date.parse(scope.now()))
    : insight
}

async function listOverviews(
  c: Context<AppEnv>,
  segment: string,
  mesh: string | undefined,
  scope: 'Mesh' | 'Global',
) {
  const found = overviewKind(segment)
  if (!found || found.kind.scope !== scope) return undefined
  const { kind, def } = found
  const url = new URL(c.req.url)
  const routePath = mesh === undefined ? `/${kind.plural}` : `/meshes/{mesh}/${kind.plural}`
  const rs = requestScope(c)
  const res = await listResources(rs, kind, mesh, listOptions(url, kind, routePath))
  // insights are read per item: they share the resource's key, and pages are small
  const insights = await Promise.all(res.items.map((r) => insightOf(rs, def, r)))
  const body: ListResponse = {
    total: res.total,
    items: res.items.map((r, i) => toOverview(r, insights[i], kind, def)),
    next: nextLink(url, res.nextOffset),
  }
  return c.json(body)
}

async function getOverview(
  c: Context<AppEnv>,
  segment: string,
  mesh: string,
  name: string,
  scope: 'Mesh' | 'Global',
) {
  const found = overviewKind(segment)
  if (!found || found.kind.scope !== scope) return undefined
  const { kind, def } = found
  const rs = requestScope(c)
  const r = await getResource(rs, kind, mesh, name)
  return c.json(toOverview(r, await insightOf(rs, def, r), kind, def))
}

/** proxiesOf pairs the mesh's Dataplanes with their DataplaneInsights. */
function proxiesOf(resources: readonly ResourceRecord[]): ProxyWithInsight[] {
  const insights = new Map(
    resources.filter((r) => r.type === 'DataplaneInsight').map((r) => [r.name, r.spec]),
  )
  return resources
    .filter((r) => r.type === 'Dataplane')
    .map((dp) => ({
      dataplane: dp.spec as ProxyWithInsight['dataplane'],
      insight: insights.get(dp.name) as ProxyWithInsight['insight'],
    }))
}

/** COUNTED_KINDS are what MeshInsight counts: mesh-scoped kinds that are not insights. */
const COUNTED_KINDS = KINDS.filter((k) => k.scope === 'Mesh' && !k.readOnly)
const POLICY_TYPES = new Set(COUNTED_KINDS.filter((k) => k.isPolicy).map((k) => k.name))
const PROXY_TYPES = ['Dataplane', 'DataplaneInsight']

/** meshInsight renders the computed MeshInsight of one Mesh as kuma-cp prints the stored one. */
async function meshInsight(scope: RequestScope, mesh: ResourceRecord, now: string) {
  const snapshot = await loadMesh(scope, mesh.name, {
    types: [...COUNTED_KINDS.map((k) => k.name), 'DataplaneInsight'],
  })
  const resources = snapshot?.resources ?? []
  const resourceCounts: Record<string, number> = {}
  for (const r of resources) {
    if (r.type !== 'DataplaneInsight') resourceCounts[r.type] = (resourceCounts[r.type] ?? 0) + 1
  }
  const spec = computeMeshInsight({
    proxies: proxiesOf(resources),
    resourceCounts,
    policyTypes: POLICY_TYPES,
    exclusiveMeshServices: meshServicesModeOf(mesh) === 'Exclusive',
  })
  return {
    type: 'MeshInsight',
    name: mesh.name,
    creationTime: mesh.creationTime,
    modificationTime: now,
    ...spec,
  }
}

/** serviceStats computes the ServiceInsight of one mesh (undefined: no such mesh). */
async function serviceStats(
  scope: RequestScope,
  mesh: string,
): Promise<{ mesh: ResourceRecord; services: Record<string, ServiceStat> } | undefined> {
  const snapshot = await loadMesh(scope, mesh, { types: PROXY_TYPES })
  if (!snapshot) return undefined
  const exclusive = meshServicesModeOf(snapshot.mesh) === 'Exclusive'
  return {
    mesh: snapshot.mesh,
    services: computeServiceInsight(proxiesOf(snapshot.resources), exclusive),
  }
}

function serviceItem(
  mesh: ResourceRecord,
  name: string,
  stat: ServiceStat | undefined,
  now: string,
) {
  return {
    type: 'ServiceInsight',
    mesh: mesh.name,
    name,
    creationTime: mesh.creationTime,
    modificationTime: now,
    ...serviceView(name, stat),
  }
}

async function allMeshes(scope: RequestScope): Promise<ResourceRecord[]> {
  const out: ResourceRecord[] = []
  let offset: string | undefined
  do {
    const page = await scope.store.list(scope.tenant, 'Mesh', { mesh: '', size: 1000, offset })
    out.push(...page.items)
    offset = page.nextOffset
  } while (offset)
  return out
}

/** listServiceInsights is Kuma's expanded list: one item per service, paged by numeric offset. */
async function listServiceInsights(c: Context<AppEnv>, mesh: string | undefined) {
  const scope = requestScope(c)
  const url = new URL(c.req.url)
  const types = new Set<string>()
  for (const t of (url.searchParams.get('type') ?? '').split(',')) {
    const type = t.trim().toLowerCase()
    if (type === '') continue
    if (!(SERVICE_TYPES as readonly string[]).includes(type)) {
      throw badRequest('bad request: unsupported service type')
    }
    types.add(type)
  }
  const size = pageSize(url.searchParams.get('size') ?? undefined)
  const rawOffset = url.searchParams.get('offset') ?? ''
  const offset = rawOffset === '' ? 0 : Number(rawOffset)
  if (!Number.isInteger(offset) || offset < 0) {
    throw badRequest(`invalid offset: ${JSON.stringify(rawOffset)}`)
  }
  const nameContains = url.searchParams.get('name') ?? ''
  const meshes = mesh === undefined ? await allMeshes(scope) : []
  if (mesh !== undefined) {
    const m = await scope.store.get(scope.tenant, { type: 'Mesh', mesh: '', name: mesh })
    if (!m) throw notFound('Failed to retrieve Mesh')
    meshes.push(m)
  }
  const now = new Date().toISOString()
  const items: Record<string, unknown>[] = []
  for (const m of meshes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const stats = await serviceStats(scope, m.name)
    for (const [name, stat] of Object.entries(stats?.services ?? {})) {
      if (!name.includes(nameContains)) continue
      if (types.size > 0 && !types.has(stat.serviceType ?? 'internal')) continue
      items.push(serviceItem(m, name, stat, now))
    }
  }
  const page = items.slice(offset, offset + size)
  const next = offset + size < items.length ? String(offset + size) : undefined
  const body: ListResponse = { total: items.length, items: page, next: nextLink(url, next) }
  return c.json(body)
}

/**
 * overviewOr answers with the overview, or lets the next route (the resource routes) answer a
 * path that names no kind with insights, as kuma-cp would (`_overview` is then just a name).
 */
async function overviewOr(
  next: () => Promise<void>,
  answer: Promise<Response | undefined>,
): Promise<Response | void> {
  const res = await answer
  if (res) return res
  await next()
}

export const insights = new Hono<AppEnv>()
  .get('/meshes/:mesh/service-insights', (c) => listServiceInsights(c, c.req.param('mesh')))
  .get('/service-insights', (c) => listServiceInsights(c, undefined))
  .get('/meshes/:mesh/service-insights/:name', async (c) => {
    const scope = requestScope(c)
    const name = c.req.param('name')
    const stats = await serviceStats(scope, c.req.param('mesh'))
    if (!stats) throw notFound('Failed to retrieve Mesh')
    return c.json(serviceItem(stats.mesh, name, stats.services[name], new Date().toISOString()))
  })
  .get('/mesh-insights', async (c) => {
    const scope = requestScope(c)
    const url = new URL(c.req.url)
    const kind = kindByName('Mesh')!
    const page = await listResources(
      scope,
      kind,
      undefined,
      listOptions(url, kind, '/mesh-insights'),
    )
    const now = new Date().toISOString()
    const body: ListResponse = {
      total: page.total,
      items: await Promise.all(page.items.map((m) => meshInsight(scope, m, now))),
      next: nextLink(url, page.nextOffset),
    }
    return c.json(body)
  })
  .get('/mesh-insights/:name', async (c) => {
    const scope = requestScope(c)
    const mesh = await scope.store.get(scope.tenant, {
      type: 'Mesh',
      mesh: '',
      name: c.req.param('name'),
    })
    if (!mesh) throw notFound('Could not retrieve a resource')
    return c.json(await meshInsight(scope, mesh, new Date().toISOString()))
  })
  .get('/meshes/:mesh/:plural/_overview', async (c, next) =>
    overviewOr(next, listOverviews(c, c.req.param('plural'), c.req.param('mesh'), 'Mesh')),
  )
  .get('/meshes/:mesh/:plural/:name/_overview', async (c, next) =>
    overviewOr(
      next,
      getOverview(c, c.req.param('plural'), c.req.param('mesh'), c.req.param('name'), 'Mesh'),
    ),
  )
  .get('/meshes/:mesh/dataplanes+insights', async (c, next) =>
    overviewOr(next, listOverviews(c, 'dataplanes+insights', c.req.param('mesh'), 'Mesh')),
  )
  .get('/meshes/:mesh/dataplanes+insights/:name', async (c, next) =>
    overviewOr(
      next,
      getOverview(c, 'dataplanes+insights', c.req.param('mesh'), c.req.param('name'), 'Mesh'),
    ),
  )
  .get('/dataplanes/_overview', async (c, next) =>
    overviewOr(next, listOverviews(c, 'dataplanes', undefined, 'Mesh')),
  )
  .get('/dataplanes+insights', async (c, next) =>
    overviewOr(next, listOverviews(c, 'dataplanes+insights', undefined, 'Mesh')),
  )
  .get('/:plural/_overview', async (c, next) =>
    overviewOr(next, listOverviews(c, c.req.param('plural'), undefined, 'Global')),
  )
  .get('/:plural/:name/_overview', async (c, next) =>
    overviewOr(next, getOverview(c, c.req.param('plural'), '', c.req.param('name'), 'Global')),
  )
  .get('/zones+insights', async (c, next) =>
    overviewOr(next, listOverviews(c, 'zones+insights', undefined, 'Global')),
  )
  .get('/zones+insights/:name', async (c, next) =>
    overviewOr(next, getOverview(c, 'zones+insights', '', c.req.param('name'), 'Global')),
  )
  .get('/zoneingresses+insights', async (c, next) =>
    overviewOr(next, listOverviews(c, 'zoneingresses+insights', undefined, 'Global')),
  )
  .get('/zoneingresses+insights/:name', async (c, next) =>
    overviewOr(next, getOverview(c, 'zoneingresses+insights', '', c.req.param('name'), 'Global')),
  )
  .get('/zoneegressoverviews', async (c, next) =>
    overviewOr(next, listOverviews(c, 'zoneegressoverviews', undefined, 'Global')),
  )
  .get('/zoneegressoverviews/:name', async (c, next) =>
    overviewOr(next, getOverview(c, 'zoneegressoverviews', '', c.req.param('name'), 'Global')),
  )
