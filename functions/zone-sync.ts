/**
 * @module Zone sync routes (docs/zone-protocol.md): a zone agent, with its zone token, reports its
 * Dataplanes and long-polls (or streams) the config of its zone's proxies. Handlers parse and
 * authenticate; core/sync computes what to send.
 */
import { Hono, type Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { accessDenied, badRequest, unauthenticated } from '../core/api/errors'
import { verifyToken } from '../core/auth/tokens'
import type { RequestScope } from '../core/resources/service'
import { type ConfigRequest, type ConfigResponse, type StreamEvent } from '../core/sync/protocol'
import {
  applyDataplanesReport,
  ensureZone,
  parseDataplanesReport,
  recordZoneInsight,
  zoneScope,
} from '../core/sync/report'
import {
  diffZoneConfig,
  readRevisions,
  sameRevisions,
  ZoneConfigLoader,
} from '../core/sync/zone-config'
import { bearer } from './auth'
import type { AppEnv } from './env'
import { holdOnTenant, holdSecondsOf } from './hold'

/** ZONE_HEADER carries the zone the agent believes it is; it must match its token's. */
export const ZONE_HEADER = 'X-Kumo-Zone'
/** HEARTBEAT_SECONDS is the longest a config stream stays silent. */
const HEARTBEAT_SECONDS = 10
/** STREAM_MAX_SECONDS ends a config stream; the agent reconnects with what it holds. */
const STREAM_MAX_SECONDS = 300

type ZoneEnv = AppEnv & { Variables: AppEnv['Variables'] & { zone: string } }

/** zoneAuth admits zone tokens only: 401 for no or a bad token, 403 for another kind or zone. */
const zoneAuth = createMiddleware<ZoneEnv>(async (c, next) => {
  const token = bearer(c.req.header('Authorization'))
  if (!token) throw unauthenticated('missing Authorization: Bearer <zone token> header')
  const res = await verifyToken(c.var.store, token, new Date())
  if (!res.ok) throw unauthenticated(res.reason)
  if (res.principal.kind !== 'zone') {
    throw accessDenied(`this is a ${res.principal.kind} token; zone sync needs a zone token`)
  }
  const zone = res.principal.claims.zone
  if (typeof zone !== 'string' || zone === '') throw accessDenied('the zone token names no zone')
  const claimed = c.req.header(ZONE_HEADER)
  if (claimed !== undefined && claimed !== zone) {
    throw accessDenied(
      `the zone token is for zone ${JSON.stringify(zone)}, not ${JSON.stringify(claimed)}`,
    )
  }
  // a standalone zone's policies apply to its own zone only (Kuma's origin rules), so a zone
  // edge can only be served by agents of its own zone; a global edge serves any zone
  const settings = c.var.settings
  if (settings.mode === 'zone' && zone !== settings.zone) {
    throw accessDenied(
      `this control plane is the standalone zone ${JSON.stringify(settings.zone)} (KUMO_MODE=zone): ` +
        `an agent for zone ${JSON.stringify(zone)} needs KUMO_MODE=global, or a token for zone ${JSON.stringify(settings.zone)}`,
    )
  }
  c.set('principal', res.principal)
  c.set('zone', zone)
  await ensureZone(scopeOf(c), zone)
  await next()
})

function scopeOf(c: Context<ZoneEnv>): RequestScope {
  const zone = c.var.zone
  return zoneScope(
    {
      store: c.var.store,
      tenant: c.var.principal.tenant,
      actor: `zone:${zone}`,
      zone,
      mode: 'zone',
      now: () => new Date().toISOString(),
    },
    zone,
  )
}

/** parseConfigRequest reads what the agent holds; an empty body means it holds nothing. */
export function parseConfigRequest(body: unknown): ConfigRequest {
  if (body === null || body === undefined) return { revisions: {}, proxies: {}, hashes: [] }
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('request body must be a JSON object {"revisions", "proxies", "hashes"}')
  }
  const b = body as Record<string, unknown>
  const obj = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (b.revisions !== undefined && !obj(b.revisions))
    throw badRequest('revisions must be an object')
  if (b.proxies !== undefined && !obj(b.proxies)) throw badRequest('proxies must be an object')
  if (b.hashes !== undefined && !Array.isArray(b.hashes)) throw badRequest('hashes must be a list')
  return {
    revisions: (b.revisions ?? {}) as ConfigRequest['revisions'],
    proxies: (b.proxies ?? {}) as ConfigRequest['proxies'],
    hashes: (b.hashes ?? []) as string[],
  }
}

/**
 * nextChange holds until the zone's config differs from `held`, or the deadline. When the
 * agent's revisions are the database's, nothing is generated until a write moves them.
 * `verified` are the revisions at which the agent's config was last known current: the only
 * ones a "no change" answer may give back.
 */
async function nextChange(
  c: Context<ZoneEnv>,
  loader: ZoneConfigLoader,
  held: ConfigRequest,
  deadline: number,
  aborted: () => boolean = () => false,
): Promise<{ res?: ConfigResponse; verified: ConfigResponse['revisions'] }> {
  const scope = scopeOf(c)
  let trusted = Object.keys(held.revisions).length > 0 ? held.revisions : undefined
  let checked: ConfigResponse['revisions'] | undefined
  const res = await holdOnTenant(c, scope.tenant, {
    deadline,
    aborted,
    check: async () => {
      const revisions = await readRevisions(scope)
      if (trusted && sameRevisions(trusted, revisions)) return undefined
      if (checked && sameRevisions(checked, revisions)) return undefined
      trusted = undefined
      const r = diffZoneConfig(await loader.load(revisions), held)
      checked = revisions
      return r.changed ? r : undefined
    },
  })
  return { res, verified: checked ?? held.revisions }
}

function noChange(revisions: ConfigResponse['revisions']): ConfigResponse {
  return { changed: false, revisions, proxies: {}, removed: [], resources: {}, errors: [] }
}

/** advance is what the agent holds once it applied `res`. */
function advance(held: ConfigRequest, res: ConfigResponse): ConfigRequest {
  const proxies = { ...held.proxies }
  for (const id of res.removed) delete proxies[id]
  for (const [id, pc] of Object.entries(res.proxies)) proxies[id] = pc.version
  return {
    revisions: res.revisions,
    proxies,
    hashes: [...new Set([...held.hashes, ...Object.keys(res.resources)])],
  }
}

export const zoneSync = new Hono<ZoneEnv>()
  .use('/zone/v1/*', zoneAuth)
  .put('/zone/v1/dataplanes', async (c) => {
    const report = parseDataplanesReport(await c.req.json().catch(() => null))
    if (typeof report === 'string') throw badRequest(report)
    return c.json(await applyDataplanesReport(scopeOf(c), c.var.zone, report))
  })
  .post('/zone/v1/disconnect', async (c) => {
    const b = (await c.req.json().catch(() => ({}))) as {
      instanceId?: string
      agentVersion?: string
    }
    if (typeof b.instanceId !== 'string') throw badRequest('instanceId must be a string')
    await recordZoneInsight(scopeOf(c), c.var.zone, {
      instanceId: b.instanceId,
      agentVersion: b.agentVersion ?? '',
      disconnected: true,
    })
    return c.json({})
  })
  .post('/zone/v1/config', async (c) => {
    const held = parseConfigRequest(await c.req.json().catch(() => null))
    const deadline = Date.now() + holdSecondsOf(c) * 1000
    const loader = new ZoneConfigLoader(scopeOf(c), c.var.zone)
    const { res, verified } = await nextChange(c, loader, held, deadline, () =>
      Boolean(c.req.raw.signal?.aborted),
    )
    return c.json(res ?? noChange(verified))
  })
  .on(['GET', 'POST'], '/zone/v1/config/stream', async (c) => {
    let held =
      c.req.method === 'POST'
        ? parseConfigRequest(await c.req.json().catch(() => null))
        : parseConfigRequest(undefined)
    const loader = new ZoneConfigLoader(scopeOf(c), c.var.zone)
    const end = Date.now() + STREAM_MAX_SECONDS * 1000
    const enc = new TextEncoder()
    let closed = false
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (e: StreamEvent) => controller.enqueue(enc.encode(JSON.stringify(e) + '\n'))
        try {
          while (!closed && Date.now() < end) {
            const deadline = Math.min(end, Date.now() + HEARTBEAT_SECONDS * 1000)
            const { res, verified } = await nextChange(c, loader, held, deadline, () => closed)
            if (closed) break
            if (res) {
              send({ type: 'config', config: res })
              held = advance(held, res)
            } else {
              held = { ...held, revisions: verified }
              send({ type: 'heartbeat', revisions: verified, at: new Date().toISOString() })
            }
          }
        } catch (e) {
          console.error(
            JSON.stringify({ level: 'error', msg: 'config stream failed', error: String(e) }),
          )
        }
        if (!closed) controller.close()
      },
      cancel() {
        closed = true
      },
    })
    return new Response(body, {
      headers: { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store' },
    })
  })
