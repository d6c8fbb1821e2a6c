/**
 * @module kumo-agent's entry: reads its configuration, serves ADS at once while it restores the
 * last good config from the state directory, then keeps one long-poll loop to the edge and
 * reports the zone's Dataplanes upstream. SIGINT/SIGTERM stop it cleanly.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { SnapshotCache } from './ads/cache'
import { AdsServer } from './ads/server'
import { FileSnapshotStore } from './ads/store'
import { HELP, parseConfig } from './config'
import { jsonLogger } from './log'
import { Histogram } from './metrics'
import { startAgentApi, type AgentHealth } from './zone/api'
import { ConfigSync } from './zone/config-sync'
import { DataplaneRegistry } from './zone/dataplanes'
import { EdgeClient } from './zone/edge'
import { Reporter } from './zone/reporter'

/** AGENT_VERSION is reported in ZoneInsight. */
export const AGENT_VERSION = '0.1.0'

export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  const parsed = parseConfig(argv, env)
  if (!parsed.ok) {
    if (parsed.help) {
      process.stdout.write(HELP)
      return 0
    }
    process.stderr.write(
      `kumo-agent: ${parsed.errors.join('\n  ')}\n\nRun kumo-agent --help for usage.\n`,
    )
    return 2
  }
  const cfg = parsed.config
  const instanceId = randomUUID()
  const log = jsonLogger(cfg.logLevel, { zone: cfg.zone })
  const readToken = () => readFileSync(cfg.zoneTokenFile, 'utf8').trim()
  try {
    if (!readToken()) throw new Error('the file is empty')
  } catch (e) {
    log.error('cannot read the zone token', {
      file: cfg.zoneTokenFile,
      error: (e as Error).message,
    })
    return 2
  }

  const cache = new SnapshotCache({
    store: new FileSnapshotStore(path.join(cfg.stateDir, 'snapshots')),
    log,
  })
  const registry = new DataplaneRegistry(log)
  // proxies reconnecting while the stored state loads are admitted and wait for their snapshot
  let restoring = true
  const ads = new AdsServer({
    cache,
    log,
    identifier: `kumo-agent/${cfg.zone}`,
    admit: (_id, nodeId) =>
      restoring || cache.getSnapshot(nodeId) || registry.has(nodeId)
        ? undefined
        : {
            code: 5,
            message: `proxy ${nodeId} is unknown to zone ${cfg.zone}: register its Dataplane first`,
          },
  })
  const adsPort = await ads.listen(cfg.adsAddress)

  const applyLatency = new Histogram(
    'kumo_agent_upstream_sync_seconds',
    'upstream sync latency: from an edge answer received to its config served (rebuild, check, encode, set)',
  )
  const reportLatency = new Histogram(
    'kumo_agent_upstream_report_seconds',
    'round trip of a Dataplane report to the edge',
  )
  const health: AgentHealth = {
    edgeReachable: false,
    upstream: { applied: 0, rejected: 0, failures: 0 },
    histograms: [applyLatency, reportLatency],
  }
  const edge = new EdgeClient({ url: cfg.controlPlane, zone: cfg.zone, token: readToken })
  const reporter = new Reporter({
    edge,
    registry,
    tracker: ads.tracker,
    cache,
    log,
    instanceId,
    agentVersion: AGENT_VERSION,
    onReported: (ms) => reportLatency.observe(ms / 1000),
  })
  const sync = new ConfigSync({
    edge,
    cache,
    log,
    holdSeconds: cfg.holdSeconds,
    onApplied: (revisions, at) => {
      health.lastAppliedAt = at
      health.lastSyncSeconds = sync.lastApplyMs / 1000
      health.upstream!.applied++
      applyLatency.observe(sync.lastApplyMs / 1000)
      reporter.configApplied(revisions)
    },
    onRejected: () => health.upstream!.rejected++,
    onEdge: (reachable) => {
      health.edgeReachable = reachable
      if (!reachable) health.upstream!.failures++
    },
  })
  const api = await startAgentApi(cfg.apiAddress, {
    registry,
    tracker: ads.tracker,
    cache,
    health: () => health,
    zone: cfg.zone,
    adsAddress: cfg.adsAddress,
    adsPort,
  })
  // ADS and the API listen first: the stored state is served proxy by proxy as it loads
  const loaded = await cache.load()
  restoring = false
  log.info('restored last good config', {
    proxies: loaded.loaded.length,
    rejected: loaded.rejected.length,
  })
  if (cfg.dataplanesDir) await registry.watchDir(cfg.dataplanesDir)
  reporter.start()
  sync.start()
  log.info('kumo-agent started', {
    controlPlane: cfg.controlPlane,
    adsPort,
    apiPort: api.port,
    stateDir: cfg.stateDir,
    dataplanesDir: cfg.dataplanesDir,
    instanceId,
  })

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  log.info('kumo-agent stopping')
  registry.close()
  await Promise.all([sync.stop(), reporter.stop()])
  await edge.disconnect(instanceId, AGENT_VERSION).catch(() => undefined)
  api.server.close()
  await ads.close(500)
  await cache.flush()
  return 0
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(
      JSON.stringify({
        ts: new Date().toISOString(),
        level: 'error',
        msg: 'kumo-agent failed',
        error: String(e),
        stack: (e as Error).stack,
      }) + '\n',
    )
    process.exit(1)
  },
)
