/**
 * @module REST-JSON xDS at the edge (docs/envoy-rest-xds.md): `POST /v3/discovery:<type>` takes a
 * DiscoveryRequest from an Envoy that runs without kuma-dp or a zone agent, authenticated by its
 * dataplane token, and answers with that type's resources, holding the request while the version
 * Envoy has is current (304 when the hold expires). core/xds/rest-discovery decides what to send.
 */
import { type Context, Hono } from 'hono'
import { accessDenied, badRequest, KumaError, notFound, unauthenticated } from '../core/api/errors'
import { type Principal, verifyToken } from '../core/auth/tokens'
import { loadMesh } from '../core/meshcontext/load'
import type { MeshContext } from '../core/meshcontext'
import { generate, type GenerateResult, prepareMesh } from '../core/xds/generator'
import {
  type DiscoveryRequest,
  type DiscoveryResponse,
  dataplaneMetadataOf,
  discoveryResponse,
  nodeToken,
  parseDiscoveryRequest,
  REST_XDS_TYPES,
  tokenRefusal,
} from '../core/xds/rest-discovery'
import { bearer } from './auth'
import type { AppEnv } from './env'
import { holdOnTenant, holdSecondsOf } from './hold'

export type { DiscoveryResponse } from '../core/xds/rest-discovery'

const PATH = /^\/v3\/discovery:([A-Za-z]+)$/

/**
 * credential is the dataplane token: the Authorization header (`Bearer <token>`, or the bare
 * token as kuma-dp sends it in gRPC metadata), else `node.metadata["dataplane.token"]`, the one
 * place a stock Envoy's REST subscription can carry it.
 */
function credential(header: string | undefined, body: unknown): string | undefined {
  const h = header?.trim()
  if (!h) return nodeToken(body)
  return /^Bearer\s/i.test(h) ? bearer(h) : h
}

async function authenticate(c: Context<AppEnv>, body: unknown): Promise<Principal> {
  const token = credential(c.req.header('Authorization'), body)
  if (!token) {
    throw unauthenticated(
      'missing dataplane token: send Authorization: Bearer <token> or node.metadata["dataplane.token"]',
    )
  }
  const res = await verifyToken(c.var.store, token, new Date())
  if (!res.ok) throw unauthenticated(res.reason)
  if (res.principal.kind !== 'dataplane') {
    throw accessDenied(`this is a ${res.principal.kind} token; REST xDS needs a dataplane token`)
  }
  return res.principal
}

/** PreparedRevision is a mesh prepared at one (mesh, global) revision, with the proxies generated from it. */
interface PreparedRevision {
  ctx: Promise<MeshContext | undefined>
  generated: Map<string, GenerateResult>
}

/**
 * PREPARED keeps, per isolate, the last few meshes prepared for REST xDS by (tenant, mesh,
 * revisions): an Envoy holds one request per type and per EDS cluster, and every one of them
 * wakes at each write, so the mesh is read and indexed once per revision, and each node's
 * snapshot generated once per revision and metadata, not once per request.
 */
const PREPARED = new Map<string, PreparedRevision>()
const PREPARED_MAX = 8

function preparedAt(
  c: Context<AppEnv>,
  tenant: string,
  mesh: string,
  revisions: string,
): PreparedRevision {
  const key = `${tenant}\u0000${mesh}\u0000${revisions}`
  let p = PREPARED.get(key)
  if (!p) {
    const ctx = loadMesh({ store: c.var.store, tenant }, mesh).then((snapshot) =>
      snapshot ? prepareMesh(snapshot, { zone: c.var.settings.zone }) : undefined,
    )
    p = { ctx, generated: new Map() }
    // a failed read is not remembered
    ctx.catch(() => PREPARED.delete(key))
    if (PREPARED.size >= PREPARED_MAX) PREPARED.delete(PREPARED.keys().next().value!)
    PREPARED.set(key, p)
  }
  return p
}

/**
 * fetchOnce answers the request from the node's snapshot at `revisions`: a 404 when the mesh or
 * Dataplane does not exist, a 403 when the token's tags do not fit the Dataplane.
 */
async function fetchOnce(
  c: Context<AppEnv>,
  principal: Principal,
  req: DiscoveryRequest,
  revisions: string,
): Promise<DiscoveryResponse> {
  const prepared = preparedAt(c, principal.tenant, req.mesh, revisions)
  const ctx = await prepared.ctx
  if (!ctx) throw notFound('Failed to retrieve Mesh')
  const dp = ctx.dataplanesByName.get(req.name)
  if (!dp)
    throw new KumaError(404, 'Not Found', `Dataplane "${req.name}" not found in mesh "${req.mesh}"`)
  const refusal = tokenRefusal(principal.claims, req.mesh, req.name, dp)
  if (refusal) throw accessDenied(refusal)
  const metadata = dataplaneMetadataOf(req)
  const key = `${req.name}\u0000${JSON.stringify(metadata ?? null)}`
  let res = prepared.generated.get(key)
  if (!res) prepared.generated.set(key, (res = generate(ctx, req.name, { metadata })))
  if (!res.ok && res.reason === 'dataplane-not-found') {
    throw new KumaError(404, 'Not Found', `Dataplane "${req.name}" not found in mesh "${req.mesh}"`)
  }
  if (!res.ok) {
    throw new Error(`inconsistent config: ${res.violations.map((v) => v.field).join(', ')}`)
  }
  // Envoy names the Host of a REST xDS request after the cluster it sent it through
  const cluster = c.req.header('Host') || new URL(c.req.url).host
  return discoveryResponse(res.snapshot, req.typeUrl, req.resourceNames, { cluster })
}

export const xdsDiscovery = new Hono<AppEnv>().post('/v3/*', async (c) => {
  let path = c.req.path
  try {
    path = decodeURIComponent(path)
  } catch {
    // a malformed escape is just an unknown path
  }
  const m = PATH.exec(path)
  const typeUrl = m ? REST_XDS_TYPES[m[1]] : undefined
  if (!typeUrl) {
    throw new KumaError(
      404,
      'Not Found',
      `no such xDS type: POST /v3/discovery:<${Object.keys(REST_XDS_TYPES).join('|')}>`,
    )
  }
  const type = (c.req.header('Content-Type') ?? '').split(';')[0].trim().toLowerCase()
  if (type !== 'application/json') {
    throw new KumaError(
      415,
      'Unsupported Media Type',
      'a DiscoveryRequest must be sent as Content-Type: application/json',
    )
  }
  let body: unknown
  try {
    body = JSON.parse(await c.req.text())
  } catch {
    throw badRequest('request body must be a DiscoveryRequest in JSON')
  }
  const principal = await authenticate(c, body)
  const parsed = parseDiscoveryRequest(body, typeUrl)
  if (!parsed.ok) {
    throw new KumaError(
      400,
      'Bad Request',
      'invalid DiscoveryRequest',
      parsed.violations.map((v) => ({ field: v.field, reason: v.message })),
    )
  }
  const req = parsed.request
  const refusal = tokenRefusal(principal.claims, req.mesh, req.name)
  if (refusal) throw accessDenied(refusal)
  if (req.errorDetail) {
    console.warn(
      JSON.stringify({
        level: 'warn',
        msg: 'Envoy rejected a REST xDS response (NACK)',
        node: req.nodeId,
        typeUrl,
        version: req.versionInfo,
        error: req.errorDetail.message ?? '',
      }),
    )
  }
  const deadline = Date.now() + holdSecondsOf(c) * 1000
  const store = c.var.store
  const tenant = principal.tenant
  let checked: string | undefined
  const res = await holdOnTenant(c, tenant, {
    deadline,
    aborted: () => Boolean(c.req.raw.signal?.aborted),
    check: async () => {
      // the mesh's and the global resources' revisions, read before the mesh itself: a write
      // racing the load moves them and is looked at again, never lost
      const revs = await Promise.all([store.revision(tenant, req.mesh), store.revision(tenant, '')])
      const at = revs.join('/')
      if (at === checked) return undefined
      const r = await fetchOnce(c, principal, req, at)
      checked = at
      return r.versionInfo === req.versionInfo ? undefined : r
    },
  })
  if (!res) return c.body(null, 304)
  return c.json(res)
})
