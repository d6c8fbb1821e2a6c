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
import { DEFAULT_HOLD_SECONDS, MAX_HOLD_SECONDS } from '../core/sync/protocol'
import { hold } from '../core/sync/wait'
import { generate, prepareMesh } from '../core/xds/generator'
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
import type { AppEnv } from './env'

export type { DiscoveryResponse } from '../core/xds/rest-discovery'

const PATH = /^\/v3\/discovery:([A-Za-z]+)$/

/**
 * credential is the dataplane token: the Authorization header (`Bearer <token>`, or the bare
 * token as kuma-dp sends it in gRPC metadata), else `node.metadata["dataplane.token"]`, the one
 * place a stock Envoy's REST subscription can carry it.
 */
function credential(header: string | undefined, body: unknown): string | undefined {
  const h = header?.trim()
  if (h) return /^Bearer\s+/i.test(h) ? h.replace(/^Bearer\s+/i, '').trim() || undefined : h
  return nodeToken(body)
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

function holdSecondsOf(c: Context<AppEnv>): number {
  const cap = Math.min(c.var.settings.zoneHoldSeconds ?? DEFAULT_HOLD_SECONDS, MAX_HOLD_SECONDS)
  const raw = c.req.query('hold')
  const n = raw === undefined ? cap : Number(raw)
  if (!Number.isFinite(n) || n < 0) throw badRequest('hold must be a number of seconds >= 0')
  return Math.min(n, cap)
}

/**
 * fetchOnce generates the node's snapshot and answers the request from it: a 404 when the
 * mesh or Dataplane does not exist, a 403 when the token's tags do not fit the Dataplane.
 */
async function fetchOnce(
  c: Context<AppEnv>,
  principal: Principal,
  req: DiscoveryRequest,
): Promise<DiscoveryResponse> {
  const scope = { store: c.var.store, tenant: principal.tenant }
  const snapshot = await loadMesh(scope, req.mesh)
  if (!snapshot) throw notFound('Failed to retrieve Mesh')
  const ctx = prepareMesh(snapshot, { zone: c.var.settings.zone })
  const dp = ctx.dataplanesByName.get(req.name)
  if (!dp)
    throw new KumaError(404, 'Not Found', `Dataplane "${req.name}" not found in mesh "${req.mesh}"`)
  const refusal = tokenRefusal(principal.claims, req.mesh, req.name, dp)
  if (refusal) throw accessDenied(refusal)
  const res = generate(ctx, req.name, { metadata: dataplaneMetadataOf(req) })
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
  const res = await hold({
    deadline,
    aborted: () => Boolean(c.req.raw.signal?.aborted),
    waker: c.var.settings.revisionWaker?.(tenant),
    onFallback: (e) =>
      console.warn(
        JSON.stringify({
          level: 'warn',
          msg: 'revision notifier unreachable, polling the database',
          error: String(e),
        }),
      ),
    check: async () => {
      // the mesh's and the global resources' revisions, read before the mesh itself: a write
      // racing the load moves them and is looked at again, never lost
      const revs = await Promise.all([store.revision(tenant, req.mesh), store.revision(tenant, '')])
      const at = revs.join('/')
      if (at === checked) return undefined
      const r = await fetchOnce(c, principal, req)
      checked = at
      return r.versionInfo === req.versionInfo ? undefined : r
    },
  })
  if (!res) return c.body(null, 304)
  return c.json(res)
})
