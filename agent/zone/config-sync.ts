/**
 * @module ConfigSync: the agent's one long-poll loop to the edge. Each answer is one complete
 * revision of the zone's config; it is rebuilt into snapshots, checked against the versions the
 * edge computed, and applied with `cache.setSnapshots`, all or nothing. Until the edge is back,
 * the cache keeps serving the last good config.
 */
import type { SnapshotCache } from '../ads/cache'
import type { Logger } from '../log'
import type { ConfigRequest, ConfigResponse, Revisions } from '../../core/sync/protocol'
import {
  type EnvoyResource,
  resourceHash,
  type Snapshot,
  snapshotOfHashes,
} from '../../core/xds/snapshot'
import { backoff, EdgeError, type EdgeClient } from './edge'

export type ApplyResult =
  { ok: true; changed: string[]; removed: string[] } | { ok: false; reason: string }

/**
 * ConfigState turns edge answers into cache updates. The cache holds everything the agent
 * serves: snapshots, the bodies they use (by content hash) and the revisions they were computed
 * at, so what the agent tells the edge it holds is always what it serves.
 */
export class ConfigState {
  constructor(private readonly cache: SnapshotCache) {}

  /** revisions are those of the config served ({} until known). */
  get revisions(): Revisions {
    return this.cache.revisions
  }

  /** request is what the agent tells the edge it holds. */
  request(): ConfigRequest {
    const proxies: Record<string, string> = {}
    for (const id of this.cache.nodeIds())
      proxies[id] = this.cache.getSnapshot(id)!.snapshot.version
    return { revisions: this.revisions, proxies, hashes: this.cache.bodyHashes().sort() }
  }

  /**
   * apply checks each new body against its hash once, rebuilds every changed proxy's snapshot
   * from its references (trusting the checked hashes, so no body is serialised again), checks it
   * against the edge's version, then sets them all at once. Nothing is applied unless
   * everything checks out and the cache accepts every snapshot.
   */
  apply(res: ConfigResponse): ApplyResult {
    if (!res.changed) {
      this.cache.setRevisions(res.revisions)
      return { ok: true, changed: [], removed: [] }
    }
    const incoming = new Map<string, EnvoyResource>()
    for (const [hash, body] of Object.entries(res.resources)) {
      const actual = resourceHash(body)
      if (actual !== hash)
        return { ok: false, reason: `resource body hashes to ${actual}, not ${hash}` }
      incoming.set(hash, body)
    }
    const entries: [string, Snapshot][] = []
    for (const [id, pc] of Object.entries(res.proxies)) {
      const resources: Record<string, Record<string, EnvoyResource>> = {}
      for (const [typeUrl, byName] of Object.entries(pc.resources)) {
        const out: Record<string, EnvoyResource> = {}
        for (const [name, hash] of Object.entries(byName)) {
          const body = incoming.get(hash) ?? this.cache.body(typeUrl, hash)
          if (!body)
            return { ok: false, reason: `proxy ${id}: resource ${name} (${hash}) was not sent` }
          out[name] = body
        }
        resources[typeUrl] = out
      }
      const snapshot = snapshotOfHashes(resources, pc.resources)
      if (snapshot.version !== pc.version) {
        return {
          ok: false,
          reason: `proxy ${id}: snapshot version ${snapshot.version}, edge says ${pc.version}`,
        }
      }
      entries.push([id, snapshot])
    }
    const results = this.cache.setSnapshots(entries)
    const failed = [...results].filter(([, r]) => !r.ok)
    if (failed.length > 0) {
      return {
        ok: false,
        reason: failed
          .map(
            ([id, r]) =>
              `${id}: ${r.ok ? '' : r.violations.map((v) => `${v.field}: ${v.message}`).join('; ')}`,
          )
          .join(' | '),
      }
    }
    for (const id of res.removed) this.cache.clearSnapshot(id)
    this.cache.setRevisions(res.revisions)
    return { ok: true, changed: entries.map(([id]) => id), removed: res.removed }
  }
}

export interface ConfigSyncOptions {
  edge: EdgeClient
  cache: SnapshotCache
  log: Logger
  holdSeconds: number
  /** onApplied is told of every applied revision (the reporter sends it upstream). */
  onApplied?: (revisions: Revisions, at: Date) => void
  /** onRejected is told of an answer the agent refused to apply. */
  onRejected?: (reason: string) => void
  /** onEdge is told whether the edge answered (for `/metrics` and `/ready`). */
  onEdge?: (reachable: boolean, error?: EdgeError) => void
}

/** ConfigSync runs the long-poll loop until `stop`. */
export class ConfigSync {
  readonly state: ConfigState
  private stopped = false
  private wake?: () => void
  private loop?: Promise<void>
  /** lastSyncMs is how long the last answered long-poll took to apply once received. */
  lastApplyMs = 0

  constructor(private readonly opts: ConfigSyncOptions) {
    this.state = new ConfigState(opts.cache)
  }

  start() {
    this.loop = this.run()
  }

  async stop() {
    this.stopped = true
    this.wake?.()
    await this.loop?.catch(() => undefined)
  }

  private sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms)
      this.wake = () => {
        clearTimeout(t)
        resolve()
      }
    })
  }

  private async run() {
    const { log } = this.opts
    let failures = 0
    while (!this.stopped) {
      try {
        const res = await this.opts.edge.config(this.state.request(), this.opts.holdSeconds)
        this.opts.onEdge?.(true)
        if (failures > 0) log.info('edge reachable again', { after: failures })
        failures = 0
        const t0 = performance.now()
        const applied = this.state.apply(res)
        this.lastApplyMs = performance.now() - t0
        if (!applied.ok) {
          this.opts.onRejected?.(applied.reason)
          log.error('config from the edge rejected, serving the last good config', {
            reason: applied.reason,
          })
          await this.sleep(backoff(3))
          continue
        }
        for (const e of res.errors) log.warn('edge could not generate config for a proxy', e)
        if (res.changed) {
          log.info('config applied', {
            revisions: res.revisions,
            changed: applied.changed,
            removed: applied.removed,
            resourcesSent: Object.keys(res.resources).length,
          })
        }
        this.opts.onApplied?.(res.revisions, new Date())
      } catch (e) {
        failures++
        const err = e instanceof EdgeError ? e : new EdgeError('http', String(e))
        this.opts.onEdge?.(false, err)
        const wait = backoff(
          failures,
          500,
          err.kind === 'unauthorized' || err.kind === 'forbidden' ? 60_000 : 15_000,
        )
        const hint =
          err.kind === 'unauthorized' || err.kind === 'forbidden'
            ? 'check --zone-token: issue one with POST /tokens/zone {"zone": "<this zone>"}'
            : err.kind === 'unreachable'
              ? 'serving the last good config until the edge is back'
              : undefined
        log.error(err.message, {
          kind: err.kind,
          retryInMs: wait,
          attempt: failures,
          ...(hint ? { hint } : {}),
        })
        await this.sleep(wait)
      }
    }
  }
}
