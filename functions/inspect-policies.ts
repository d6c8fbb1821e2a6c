/**
 * @module Kuma's policy inspect routes: a proxy's `_rules`, `_policies` (whole proxy, inbound,
 * outbound, route), an outbound's `_routes`, and the Dataplanes a policy selects.
 */
import { Hono, type Context } from 'hono'
import { badRequest, KumaError, notFound } from '../core/api/errors'
import {
  DEPENDENT_TYPES,
  gatewayAsDataplane,
  inboundPolicies,
  INSPECT_TYPES,
  inspectRules,
  matchAll,
  matchingResources,
  meshServicesExclusive,
  metaOf,
  outboundPolicies,
  policyMatchesDataplane,
  POLICY_PLUGINS,
  proxyPolicies,
  ROUTE_PLUGINS,
  routePolicies,
  routes,
  type InboundPoliciesList,
  type InspectDataplanesForPolicy,
  type InspectRules,
  type PoliciesList,
  type RoutesList,
} from '../core/inspect'
import { parseKri, type Identifier } from '../core/kri/kri'
import type { MatchedPolicies } from '../core/matching'
import { loadMesh, meshServiceSelectsDataplane } from '../core/meshcontext'
import type { MeshService } from '../core/resources/kinds/meshservice/types'
import { kindByPlural, kindByShortName } from '../core/resources/registry'
import type { RequestScope } from '../core/resources/service'
import type { ResourceRecord } from '../core/store/store'
import type { AppEnv } from './env'
import { nextLink, pageSize } from './query'
import { requestScope } from './scope'

export type {
  InboundPoliciesList,
  InspectDataplanesForPolicy,
  InspectRules,
  PoliciesList,
  RoutesList,
}

/** internal is Kuma's HandleError for an unexpected error: 500 with the endpoint's title. */
const internal = (title: string) => new KumaError(500, title, 'Internal Server Error')

async function getMesh(scope: RequestScope, mesh: string): Promise<ResourceRecord> {
  const m = await scope.store.get(scope.tenant, { type: 'Mesh', mesh: '', name: mesh })
  if (!m) throw notFound('Failed to retrieve Mesh')
  return m
}

async function getInMesh(scope: RequestScope, type: string, mesh: string, name: string) {
  const r = await scope.store.get(scope.tenant, { type, mesh, name })
  if (!r) throw notFound(`Could not retrieve ${type}`)
  return r
}

async function loadResources(scope: RequestScope, mesh: string, types = INSPECT_TYPES) {
  const snapshot = await loadMesh(scope, mesh, { types })
  if (!snapshot) throw notFound('Failed to retrieve Mesh')
  return { mesh: snapshot.mesh, resources: matchingResources(snapshot.mesh, snapshot.resources) }
}

/** kriParam reads a KRI path parameter as Kuma's `kri.FromString`, 400 when it is not one. */
function kriParam(text: string): Identifier {
  const parsed = parseKri(text)
  if (!parsed.ok) throw badRequest(`bad request: ${parsed.reason}`)
  if (!kindByShortName(parsed.id.shortName)) {
    throw badRequest(
      `bad request: unknown short name of resource type: ${JSON.stringify(parsed.id.shortName)}`,
    )
  }
  return parsed.id
}

interface ProxyPolicies {
  mesh: ResourceRecord
  dataplane: ResourceRecord
  matched: MatchedPolicies[]
}

/** proxyPoliciesOf is Kuma's `getPoliciesConf` up to the mapping: only on Exclusive meshes. */
async function proxyPoliciesOf(
  c: Context<AppEnv>,
  types: readonly string[] = POLICY_PLUGINS,
): Promise<ProxyPolicies> {
  const scope = requestScope(c)
  const meshName = c.req.param('mesh') ?? ''
  await getMesh(scope, meshName)
  const dataplane = await getInMesh(scope, 'Dataplane', meshName, c.req.param('name') ?? '')
  const { mesh, resources } = await loadResources(scope, meshName)
  if (!meshServicesExclusive(mesh)) {
    throw badRequest("bad request: can't use _policies endpoint without meshService enabled")
  }
  return { mesh, dataplane, matched: matchAll(dataplane, resources, types) }
}

const NON_ROUTE_PLUGINS = POLICY_PLUGINS.filter((t) => !ROUTE_PLUGINS.includes(t))

async function rulesFor(c: Context<AppEnv>, type: 'Dataplane' | 'MeshGateway') {
  const scope = requestScope(c)
  const meshName = c.req.param('mesh') ?? ''
  await getMesh(scope, meshName)
  const resource = await getInMesh(scope, type, meshName, c.req.param('name') ?? '')
  const dataplane = type === 'Dataplane' ? resource : gatewayAsDataplane(resource)
  if (!dataplane) throw internal('Invalid MeshGateway')
  const { mesh, resources } = await loadResources(scope, meshName)
  const body: InspectRules = inspectRules({
    resource: metaOf(type, resource),
    dataplane,
    matched: matchAll(dataplane, resources),
    meshServicesExclusive: meshServicesExclusive(mesh),
  })
  return c.json(body)
}

function pageSizeOf(url: URL, title: string): number {
  try {
    return pageSize(url.searchParams.get('size') ?? undefined)
  } catch (e) {
    if (e instanceof KumaError) throw new KumaError(e.status, title, e.detail, e.invalidParameters)
    throw e
  }
}

/** matchingDataplanes is Kuma's `matchingDataplanesForFilter`: one page of the selected proxies. */
async function matchingDataplanes(
  c: Context<AppEnv>,
  type: string,
  filterFor: (selector: ResourceRecord) => (dp: ResourceRecord) => boolean,
) {
  const title = 'Could not retrieve policy'
  const scope = requestScope(c)
  const mesh = c.req.param('mesh') ?? ''
  const url = new URL(c.req.url)
  const size = pageSizeOf(url, title)
  const selector = await scope.store.get(scope.tenant, {
    type,
    mesh,
    name: c.req.param('name') ?? '',
  })
  if (!selector) throw notFound(title)
  const page = await scope.store.list(scope.tenant, 'Dataplane', {
    mesh,
    size,
    offset: url.searchParams.get('offset') ?? undefined,
    nameContains: url.searchParams.get('name') || undefined,
    filter: filterFor(selector),
  })
  const body: InspectDataplanesForPolicy = {
    items: page.items.map((dp) => metaOf('Dataplane', dp)),
    total: page.total,
  }
  const next = nextLink(url, page.nextOffset)
  if (next) body.next = next
  return c.json(body)
}

export const inspectPolicies = new Hono<AppEnv>()
  .get('/meshes/:mesh/dataplanes/:name/_rules', (c) => rulesFor(c, 'Dataplane'))
  .get('/meshes/:mesh/meshgateways/:name/_rules', (c) => rulesFor(c, 'MeshGateway'))
  .get('/meshes/:mesh/dataplanes/:name/_policies', async (c) => {
    const { matched } = await proxyPoliciesOf(c)
    const body: PoliciesList = proxyPolicies(matched)
    return c.json(body)
  })
  .get('/meshes/:mesh/dataplanes/:name/_inbounds/:kri/_policies', async (c) => {
    const { dataplane, matched } = await proxyPoliciesOf(c)
    const res = inboundPolicies(matched, dataplane, kriParam(c.req.param('kri')))
    if (!res.ok) throw internal('Failed building response')
    const body: InboundPoliciesList = res.value
    return c.json(body)
  })
  .get('/meshes/:mesh/dataplanes/:name/_outbounds/:kri/_policies', async (c) => {
    const { mesh, matched } = await proxyPoliciesOf(c)
    const body: PoliciesList = outboundPolicies(matched, mesh, kriParam(c.req.param('kri')))
    return c.json(body)
  })
  .get('/meshes/:mesh/dataplanes/:name/_outbounds/:kri/_routes', async (c) => {
    const { mesh, matched } = await proxyPoliciesOf(c, ROUTE_PLUGINS)
    const body: RoutesList = routes(matched, mesh, kriParam(c.req.param('kri')))
    return c.json(body)
  })
  .get('/meshes/:mesh/dataplanes/:name/_outbounds/:kri/_routes/:route/_policies', async (c) => {
    const { mesh, matched } = await proxyPoliciesOf(c, NON_ROUTE_PLUGINS)
    const outbound = kriParam(c.req.param('kri'))
    const body: PoliciesList = routePolicies(
      matched,
      mesh,
      outbound,
      kriParam(c.req.param('route')),
    )
    return c.json(body)
  })
  .get('/meshes/:mesh/meshservices/:name/_resources/dataplanes', (c) =>
    // Kuma's legacy twin of `_dataplanes`: no Mesh check, the policy endpoint's titles
    matchingDataplanes(
      c,
      'MeshService',
      (ms) => (dp) => meshServiceSelectsDataplane(ms.spec as MeshService, dp),
    ),
  )
  .get('/meshes/:mesh/:plural/:name/_resources/dataplanes', async (c) => {
    const kind = kindByPlural(c.req.param('plural'))
    if (!kind || kind.scope !== 'Mesh' || !kind.isPolicy)
      throw new KumaError(404, 'Not Found', 'no such endpoint')
    const scope = requestScope(c)
    const meshName = c.req.param('mesh')
    await getMesh(scope, meshName)
    const { resources } = await loadResources(scope, meshName, DEPENDENT_TYPES)
    return matchingDataplanes(
      c,
      kind.name,
      (policy) => (dp) =>
        kind.isTargetRefBased ? policyMatchesDataplane(policy, dp, resources) : false,
    )
  })
