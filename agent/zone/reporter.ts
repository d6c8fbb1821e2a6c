/**
 * @module Reporter: sends the zone's whole Dataplane set with each proxy's sync state upstream
 * (`PUT /zone/v1/dataplanes`) whenever either changes, debounced, retried with backoff, and at
 * least every HEARTBEAT_MS so the ZoneInsight stays fresh.
 */
import type { SnapshotCache } from '../ads/cache'
import { ackedSnapshotVersion, type ProxySyncStatus, type SyncTracker } from '../ads/status'
import type { Logger } from '../log'
import type { ProxySyncReport, Revisions } from '../../core/sync/protocol'
import type { DataplaneRegistry } from './dataplanes'
import { backoff, EdgeError, type EdgeClient } from './edge'

const DEBOUNCE_MS = 200
const HEARTBEAT_MS = 30_000

/** syncReportOf turns the ADS server's view of a proxy into what the edge records. */
export function syncReportOf(
  status: ProxySyncStatus | undefined,
  cache: SnapshotCache,
): ProxySyncReport | undefined {
  if (!status) return undefined
  const cached = cache.getSnapshot(status.proxyId)
  return {
    connected: status.connected,
    connectedAt: status.connectedAt,
    disconnectedAt: status.disconnectedAt,
    lastAckedVersion: status.lastAckedVersion,
    ackedSnapshotVersion: cached ? ackedSnapshotVersion(status, cached.snapshot) : undefined,
    lastNack: status.lastNack && {
      typeUrl: status.lastNack.typeUrl,
      version: status.lastNack.version,
      error: status.lastNack.error,
      at: status.lastNack.at,
    },
    responsesSent: status.pushes,
    responsesAcknowledged: status.acks,
    responsesRejected: status.nacks,
  }
}

export interface ReporterOptions {
  edge: EdgeClient
  registry: DataplaneRegistry
  tracker: SyncTracker
  cache: SnapshotCache
  log: Logger
  instanceId: string
  agentVersion: string
  /** onReported is told how long each successful report took, in ms (for `/metrics`). */
  onReported?: (ms: number) => void
}

export class Reporter {
  private timer?: NodeJS.Timeout
  private heartbeat?: NodeJS.Timeout
  private inFlight?: Promise<void>
  private dirty = false
  private failures = 0
  private stopped = false
  private configRevisions?: Revisions
  /** reported tells whether the last report reached the edge. */
  reported = false

  constructor(private readonly opts: ReporterOptions) {}

  start() {
    this.opts.registry.onChange(() => this.schedule())
    this.opts.tracker.onChange(() => this.schedule())
    this.heartbeat = setInterval(() => this.schedule(), HEARTBEAT_MS)
    this.schedule(0)
  }

  /** configApplied records the revisions the agent now serves; sent with the next report. */
  configApplied(revisions: Revisions) {
    const before = JSON.stringify(this.configRevisions)
    this.configRevisions = revisions
    if (JSON.stringify(revisions) !== before) this.schedule()
  }

  schedule(delay = DEBOUNCE_MS) {
    if (this.stopped) return
    this.dirty = true
    if (this.timer || this.inFlight) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.inFlight = this.send().finally(() => {
        this.inFlight = undefined
        if (this.dirty)
          this.schedule(this.failures > 0 ? backoff(this.failures, 500, 15_000) : DEBOUNCE_MS)
      })
    }, delay)
  }

  private async send() {
    this.dirty = false
    const { registry, tracker, cache } = this.opts
    const dataplanes = registry.all().map((d) => ({
      ...d,
      sync: syncReportOf(tracker.get(`${d.mesh}.${d.name}`), cache) ?? { connected: false },
    }))
    const t0 = performance.now()
    try {
      const res = await this.opts.edge.report({
        instanceId: this.opts.instanceId,
        agentVersion: this.opts.agentVersion,
        configRevisions: this.configRevisions,
        dataplanes,
      })
      this.opts.onReported?.(performance.now() - t0)
      this.failures = 0
      this.reported = true
      for (const r of res.rejected) this.opts.log.error('edge rejected a Dataplane', r)
      if (res.created.length + res.updated.length + res.deleted.length > 0) {
        this.opts.log.info('dataplanes reported', {
          created: res.created,
          updated: res.updated,
          deleted: res.deleted,
        })
      }
    } catch (e) {
      this.failures++
      this.dirty = true
      this.reported = false
      const kind = e instanceof EdgeError ? e.kind : 'http'
      const log =
        kind === 'unauthorized' || kind === 'forbidden' ? this.opts.log.error : this.opts.log.warn
      log('could not report dataplanes, will retry', { error: (e as Error).message, kind })
    }
  }

  async stop() {
    this.stopped = true
    clearTimeout(this.timer)
    clearInterval(this.heartbeat)
    await this.inFlight
  }
}
