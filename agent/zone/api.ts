/**
 * @module The agent's local HTTP API: register and deregister Dataplanes (what kuma-dp does at
 * start and stop), list them with their sync state, readiness and Prometheus metrics.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { SnapshotCache } from '../ads/cache'
import type { SyncTracker } from '../ads/status'
import type { DataplaneRegistry } from './dataplanes'
import { parseDataplanes } from './dataplanes'
import type { Histogram } from '../metrics'
import { envoyBootstrap, grpcBootstrap } from './bootstrap'
import { syncReportOf } from './reporter'

export interface AgentHealth {
  edgeReachable: boolean
  lastAppliedAt?: Date
  lastSyncSeconds?: number
  /** upstream counts long-poll answers applied, rejected, and failed calls to the edge. */
  upstream?: { applied: number; rejected: number; failures: number }
  /** histograms are extra series (upstream sync latency) appended to `/metrics`. */
  histograms?: Histogram[]
}

export interface AgentApiOptions {
  registry: DataplaneRegistry
  tracker: SyncTracker
  cache: SnapshotCache
  health: () => AgentHealth
  /** zone, adsAddress and adsPort go into the bootstraps `/bootstrap` hands out. */
  zone?: string
  adsAddress?: string
  adsPort?: number
}

/** adsHostOf is the ADS host a proxy dials: the bound host, or the API's own when bound to all. */
function adsHostOf(adsAddress: string, requestHost: string | undefined): string {
  const host = adsAddress.slice(0, adsAddress.lastIndexOf(':')).replace(/^\[|\]$/g, '')
  if (host && host !== '0.0.0.0' && host !== '::') return host
  const h = requestHost ? new URL(`http://${requestHost}`).hostname : ''
  return h.replace(/^\[|\]$/g, '') || '127.0.0.1'
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** metricsText is the Prometheus text exposition of the agent's counters. */
export function metricsText(opts: AgentApiOptions): string {
  const t = opts.tracker.counters()
  const h = opts.health()
  const lines = [
    [
      'kumo_agent_connected_proxies',
      'gauge',
      'proxies with an open ADS stream',
      t.connectedProxies,
    ],
    ['kumo_agent_xds_pushes_total', 'counter', 'xDS responses sent', t.pushes],
    ['kumo_agent_xds_acks_total', 'counter', 'xDS responses ACKed', t.acks],
    ['kumo_agent_xds_nacks_total', 'counter', 'xDS responses NACKed', t.nacks],
    ['kumo_agent_proxies_served', 'gauge', 'proxies with a snapshot', opts.cache.nodeIds().length],
    [
      'kumo_agent_edge_reachable',
      'gauge',
      '1 when the last call to the edge succeeded',
      h.edgeReachable ? 1 : 0,
    ],
    [
      'kumo_agent_upstream_apply_seconds',
      'gauge',
      'time to apply the last config from the edge',
      h.lastSyncSeconds ?? 0,
    ],
    [
      'kumo_agent_upstream_applied_total',
      'counter',
      'config answers from the edge applied (changes and no-change)',
      h.upstream?.applied ?? 0,
    ],
    [
      'kumo_agent_upstream_rejected_total',
      'counter',
      'config answers from the edge rejected (last good config kept)',
      h.upstream?.rejected ?? 0,
    ],
    [
      'kumo_agent_upstream_failures_total',
      'counter',
      'calls to the edge that failed (unreachable, refused token, HTTP error)',
      h.upstream?.failures ?? 0,
    ],
    [
      'kumo_agent_upstream_last_applied_timestamp_seconds',
      'gauge',
      'when the last config answer was applied',
      h.lastAppliedAt ? h.lastAppliedAt.getTime() / 1000 : 0,
    ],
  ] as const
  return (
    [
      ...lines.map(([n, type, help, v]) => `# HELP ${n} ${help}\n# TYPE ${n} ${type}\n${n} ${v}`),
      ...(h.histograms ?? []).map((x) => x.text()),
    ].join('\n') + '\n'
  )
}

/** startAgentApi listens on host:port and resolves to the server and its bound port. */
export async function startAgentApi(
  address: string,
  opts: AgentApiOptions,
): Promise<{ server: Server; port: number }> {
  const json = (status: number, v: unknown) => ({
    status,
    type: 'application/json',
    text: JSON.stringify(v),
  })
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://agent')
    let out: { status: number; type: string; text: string }
    try {
      const m = /^\/dataplanes\/([^/]+)\/([^/]+)$/.exec(url.pathname)
      if (req.method === 'POST' && url.pathname === '/dataplanes') {
        const { dataplanes, errors } = parseDataplanes(await body(req))
        if (errors.length > 0 || dataplanes.length !== 1) {
          out = json(400, {
            title: 'Invalid Dataplane',
            errors: errors.length ? errors : ['send exactly one Dataplane'],
          })
        } else {
          opts.registry.register(dataplanes[0])
          out = json(200, { mesh: dataplanes[0].mesh, name: dataplanes[0].name })
        }
      } else if (req.method === 'DELETE' && m) {
        const [mesh, name] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])]
        out = opts.registry.deregister(mesh, name)
          ? json(200, {})
          : json(404, {
              title: 'Not Found',
              detail: `no Dataplane ${mesh}/${name} registered through this API`,
            })
      } else if (req.method === 'GET' && url.pathname === '/dataplanes') {
        out = json(200, {
          items: opts.registry.all().map((d) => ({
            ...d,
            sync: syncReportOf(opts.tracker.get(`${d.mesh}.${d.name}`), opts.cache),
            served: !!opts.cache.getSnapshot(`${d.mesh}.${d.name}`),
          })),
        })
      } else if (req.method === 'GET' && url.pathname === '/bootstrap') {
        const mesh = url.searchParams.get('mesh') || 'default'
        const name = url.searchParams.get('name')
        const client = url.searchParams.get('client') ?? 'envoy'
        const id = `${mesh}.${name}`
        if (!name || !['envoy', 'grpc'].includes(client)) {
          out = json(400, {
            title: 'Bad Request',
            detail: 'use /bootstrap?mesh=<mesh>&name=<dataplane>[&client=envoy|grpc]',
          })
        } else if (!opts.registry.has(id) && !opts.cache.getSnapshot(id)) {
          out = json(404, {
            title: 'Not Found',
            detail: `proxy ${id} is unknown to this zone: register its Dataplane first`,
          })
        } else {
          const params = {
            mesh,
            name,
            zone: opts.zone ?? '',
            adsHost:
              url.searchParams.get('host') || adsHostOf(opts.adsAddress ?? '', req.headers.host),
            adsPort: opts.adsPort ?? 5678,
            dataplane: opts.registry.all().find((d) => d.mesh === mesh && d.name === name),
          }
          out = json(200, client === 'grpc' ? grpcBootstrap(params) : envoyBootstrap(params))
        }
      } else if (req.method === 'GET' && url.pathname === '/ready') {
        const h = opts.health()
        out = json(200, {
          edgeReachable: h.edgeReachable,
          lastAppliedAt: h.lastAppliedAt?.toISOString(),
          proxies: opts.cache.nodeIds(),
        })
      } else if (req.method === 'GET' && url.pathname === '/metrics') {
        out = { status: 200, type: 'text/plain; version=0.0.4', text: metricsText(opts) }
      } else {
        out = json(404, { title: 'Not Found', detail: `${req.method} ${url.pathname}` })
      }
    } catch (e) {
      out = json(500, { title: 'Internal Server Error', detail: String(e) })
    }
    res.writeHead(out.status, { 'Content-Type': out.type })
    res.end(out.text)
  })
  const i = address.lastIndexOf(':')
  const host = address.slice(0, i)
  const port = Number(address.slice(i + 1))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const a = server.address()
  return { server, port: typeof a === 'object' && a ? a.port : port }
}
