/** @module Kuma's inspect routes: a Dataplane's `_layout`, a MeshService's `_dataplanes`, a service's `_hostnames`. */
import { Hono } from 'hono'
import { badRequest, KumaError, notFound } from '../core/api/errors'
import {
  buildMeshContext,
  dataplaneLayout,
  inspectHostnames,
  LAYOUT_KINDS,
  loadMesh,
  meshServiceSelectsDataplane,
  type DataplaneNetworkingLayout,
  type InspectHostnames,
} from '../core/meshcontext'
import type { MeshService } from '../core/resources/kinds/meshservice/types'
import { kindByPlural } from '../core/resources/registry'
import type { RequestScope } from '../core/resources/service'
import type { ResourceRecord } from '../core/store/store'
import type { AppEnv } from './env'
import { nextLink, pageSize } from './query'
import { requestScope } from './scope'

export type { DataplaneNetworkingLayout, InspectHostnames }

/** ResourceMeta is Kuma's `common.Meta` without KRI, as inspect lists print proxies. */
export interface ResourceMeta {
  type: string
  mesh: string
  name: string
  labels: Record<string, string>
}

/** InspectDataplanesResponse lists the proxies a resource selects; `next` only when more follow. */
export interface InspectDataplanesResponse {
  items: ResourceMeta[]
  next?: string
  total: number
}

/** HOSTNAME_SERVICE_TYPES are the collections `_hostnames` serves, in Kuma's order. */
const HOSTNAME_SERVICE_TYPES = ['meshservices', 'meshexternalservices', 'meshmultizoneservices']

const MESH_SERVICES_DISABLED = "bad request: can't use _layout endpoint without meshService enabled"

/** retitled gives a KumaError the title the calling endpoint uses (Kuma's HandleError title). */
function retitled(e: unknown, title: string): unknown {
  if (e instanceof KumaError && e.status === 400 && e.invalidParameters.length > 0)
    return new KumaError(e.status, title, e.detail, e.invalidParameters)
  return e
}

async function listAllGlobal(scope: RequestScope, type: string): Promise<ResourceRecord[]> {
  const out: ResourceRecord[] = []
  let offset: string | undefined
  do {
    const page = await scope.store.list(scope.tenant, type, { mesh: '', size: 1000, offset })
    out.push(...page.items)
    offset = page.nextOffset
  } while (offset)
  return out
}

export const inspect = new Hono<AppEnv>()
  .get('/meshes/:mesh/dataplanes/:name/_layout', async (c) => {
    const scope = requestScope(c)
    const mesh = c.req.param('mesh')
    const snapshot = await loadMesh(scope, mesh, { types: LAYOUT_KINDS })
    if (!snapshot) throw notFound('Failed to build MeshContext')
    const ctx = buildMeshContext(snapshot, { zone: scope.zone })
    if (ctx.meshServicesMode !== 'Exclusive') {
      throw badRequest(MESH_SERVICES_DISABLED)
    }
    const dataplane = await scope.store.get(scope.tenant, {
      type: 'Dataplane',
      mesh,
      name: c.req.param('name'),
    })
    if (!dataplane) throw notFound('Failed to retrieve Dataplane')
    const res = dataplaneLayout(ctx, dataplane)
    if (!res.ok) throw badRequest(MESH_SERVICES_DISABLED)
    return c.json(res.layout)
  })
  .get('/meshes/:mesh/meshservices/:name/_dataplanes', async (c) => {
    const title = 'Could not retrieve policy'
    const scope = requestScope(c)
    const mesh = c.req.param('mesh')
    const url = new URL(c.req.url)
    let size: number
    try {
      size = pageSize(url.searchParams.get('size') ?? undefined)
    } catch (e) {
      throw retitled(e, title)
    }
    const ms = await scope.store.get(scope.tenant, {
      type: 'MeshService',
      mesh,
      name: c.req.param('name'),
    })
    if (!ms) throw notFound(title)
    const spec = ms.spec as MeshService
    const page = await scope.store.list(scope.tenant, 'Dataplane', {
      mesh,
      size,
      offset: url.searchParams.get('offset') ?? undefined,
      nameContains: url.searchParams.get('name') || undefined,
      filter: (dp) => meshServiceSelectsDataplane(spec, dp),
    })
    const body: InspectDataplanesResponse = {
      items: page.items.map((dp) => ({
        type: dp.type,
        mesh: dp.mesh,
        name: dp.name,
        labels: dp.labels,
      })),
      total: page.total,
    }
    const next = nextLink(url, page.nextOffset)
    if (next) body.next = next
    return c.json(body)
  })
  .get('/meshes/:mesh/:serviceType/:name/_hostnames', async (c) => {
    const serviceType = c.req.param('serviceType')
    if (!HOSTNAME_SERVICE_TYPES.includes(serviceType)) {
      throw new KumaError(
        400,
        `only ${JSON.stringify(HOSTNAME_SERVICE_TYPES.join(','))} are available for inspection`,
        'Resource is not valid',
      )
    }
    const scope = requestScope(c)
    const kind = kindByPlural(serviceType)!
    const service = await scope.store.get(scope.tenant, {
      type: kind.name,
      mesh: c.req.param('mesh'),
      name: c.req.param('name'),
    })
    if (!service) throw notFound('could not retrieve service')
    const generators = await listAllGlobal(scope, 'HostnameGenerator')
    const res = inspectHostnames(service, generators, scope.mode === 'global')
    if (!res.ok) {
      console.error(
        JSON.stringify({ level: 'error', requestId: c.var.requestId, error: res.error }),
      )
      throw new KumaError(500, 'could not generate hostname', 'Internal Server Error')
    }
    const body: InspectHostnames = res.value
    return c.json(body)
  })
