/**
 * @module Snapshot cache of the zone agent (go-control-plane `pkg/cache/v3`): the last good
 * snapshot per proxy, each resource encoded as an Any once per distinct body and shared by every
 * proxy that uses it, watches that fire when a proxy's snapshot changes, and write-behind of the
 * whole state to a SnapshotStore. It never imports the ADS server.
 */
import type { Revisions } from '../../core/sync/protocol'
import { PathBuilder, type Violation } from '../../core/validators/validation-error'
import {
  consistent,
  type EnvoyResource,
  resourceHash,
  type Snapshot,
  TypeUrl,
} from '../../core/xds/snapshot'
import { type EncodedResource, EncodingCache } from './encodings'
import { type Logger, silentLogger } from '../log'
import { type SnapshotStore } from './store'

export { type EncodedResource, EncodingCache }

/**
 * CachedSnapshot is an accepted snapshot and its encoding: type URL -> name -> resource. The
 * EncodedResource objects are shared with every other proxy holding the same body.
 */
export interface CachedSnapshot {
  readonly nodeId: string
  readonly snapshot: Snapshot
  readonly encoded: ReadonlyMap<string, ReadonlyMap<string, EncodedResource>>
}

export type SetResult =
  { ok: true; version: string; changed: boolean } | { ok: false; violations: Violation[] }

export interface SnapshotCacheOptions {
  store?: SnapshotStore
  log?: Logger
  /** consistency: reject snapshots with dangling references (default true, as Kuma does). */
  consistency?: boolean
}

type Watch = (cached: CachedSnapshot | undefined) => void

const NAME_FIELD: Record<string, string> = { [TypeUrl.ClusterLoadAssignment]: 'clusterName' }

/**
 * encodeSnapshot encodes every resource strictly against Envoy's protos (only bodies new to
 * `encodings`; the others are shared) and checks keys and consistency. Any problem rejects the
 * whole snapshot: serving part of one could send Envoy a listener whose clusters never arrive.
 * Bodies are looked up by the snapshot's `hashes`, which the caller vouches for.
 */
export function encodeSnapshot(
  nodeId: string,
  snapshot: Snapshot,
  checkConsistency = true,
  encodings = new EncodingCache(),
): { ok: true; cached: CachedSnapshot } | { ok: false; violations: Violation[] } {
  const violations: Violation[] = []
  const encoded = new Map<string, Map<string, EncodedResource>>()
  for (const [typeUrl, byName] of Object.entries(snapshot.resources)) {
    const short = typeUrl.slice(typeUrl.lastIndexOf('.') + 1)
    const nameField = NAME_FIELD[typeUrl] ?? 'name'
    const hashes = snapshot.hashes?.[typeUrl]
    const out = new Map<string, EncodedResource>()
    encoded.set(typeUrl, out)
    for (const [name, resource] of Object.entries(byName)) {
      const at = () => PathBuilder.rootedAt(short).key(name)
      if (resource[nameField] !== name) {
        violations.push({
          field: at().field(nameField).toString(),
          message: `must equal the resource's key "${name}", got ${JSON.stringify(resource[nameField])}`,
        })
        continue
      }
      const hash = hashes?.[name] ?? resourceHash(resource)
      const r = encodings.encode(typeUrl, name, hash, resource, at)
      if (Array.isArray(r)) violations.push(...r)
      else out.set(name, r)
    }
  }
  // the whole-snapshot walk lists every problem; it runs only when a body has one
  if (checkConsistency && (violations.length > 0 || encodings.consistent(snapshot) !== true))
    violations.push(...consistent(snapshot))
  if (violations.length > 0) return { ok: false, violations }
  return { ok: true, cached: { nodeId, snapshot, encoded } }
}

const sameRevisions = (a: Revisions, b: Revisions) =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k])

/** SnapshotCache holds what each proxy is served. Invariant: only encodable snapshots enter. */
export class SnapshotCache {
  private readonly snapshots = new Map<string, CachedSnapshot>()
  private readonly watches = new Map<string, Set<Watch>>()
  private readonly log: Logger
  private readonly encodings = new EncodingCache()
  private revisionsHeld: Revisions = {}
  private dirty = false
  private writing?: Promise<void>

  constructor(private readonly options: SnapshotCacheOptions = {}) {
    this.log = options.log ?? silentLogger
  }

  /** revisions are the upstream revisions the held snapshots were computed at ({} if unknown). */
  get revisions(): Revisions {
    return this.revisionsHeld
  }

  /** setRevisions records the revisions of the held state; they are persisted with it. */
  setRevisions(revisions: Revisions) {
    if (sameRevisions(this.revisionsHeld, revisions)) return
    this.revisionsHeld = revisions
    this.persist()
  }

  /**
   * load reads the stored state (static stability after a restart), yielding to the event loop
   * between slices so the ADS server serves already loaded proxies meanwhile. A stored snapshot
   * the judge now rejects is skipped and logged; snapshots set before load finished win. The
   * stored revisions are restored only when every stored proxy was, so the edge resends the rest.
   */
  async load(): Promise<{ loaded: string[]; rejected: { what: string; reason: string }[] }> {
    const loaded: string[] = []
    const rejected: { what: string; reason: string }[] = []
    const store = this.options.store
    if (!store) return { loaded, rejected }
    const t0 = performance.now()
    const stored = await store.load()
    rejected.push(...stored.rejected)
    let slice = performance.now()
    for (const { nodeId, snapshot } of stored.snapshots) {
      if (this.snapshots.has(nodeId)) continue
      const r = encodeSnapshot(nodeId, snapshot, this.options.consistency ?? true, this.encodings)
      if (!r.ok) {
        rejected.push({ what: nodeId, reason: r.violations.map((v) => v.message).join('; ') })
      } else {
        this.encodings.retain(snapshot)
        this.snapshots.set(nodeId, r.cached)
        loaded.push(nodeId)
        this.notify(nodeId)
      }
      if (performance.now() - slice > 20) {
        this.encodings.settle()
        await new Promise((resolve) => setImmediate(resolve))
        slice = performance.now()
      }
    }
    this.encodings.settle()
    if (rejected.length === 0 && Object.keys(this.revisionsHeld).length === 0)
      this.revisionsHeld = stored.revisions
    if (stored.rewrite) this.persist()
    for (const r of rejected) this.log.warn('stored snapshot not loaded', r)
    this.log.info('loaded stored snapshots', {
      count: loaded.length,
      bodies: this.encodings.size,
      ms: Math.round(performance.now() - t0),
    })
    return { loaded, rejected }
  }

  /**
   * setSnapshot makes `snapshot` what `nodeId` is served, if it encodes; otherwise the last good
   * snapshot stays, the violations are logged and returned. Setting the same version is a no-op.
   */
  setSnapshot(nodeId: string, snapshot: Snapshot): SetResult {
    return this.setSnapshots([[nodeId, snapshot]]).get(nodeId)!
  }

  /**
   * setSnapshots applies a batch all-or-nothing: if any snapshot fails, none is applied, so one
   * upstream revision is never half served.
   */
  setSnapshots(entries: Iterable<[string, Snapshot]>): Map<string, SetResult> {
    const results = new Map<string, SetResult>()
    const accepted: CachedSnapshot[] = []
    let failed = false
    for (const [nodeId, snapshot] of entries) {
      const current = this.snapshots.get(nodeId)
      if (current && current.snapshot.version === snapshot.version) {
        results.set(nodeId, { ok: true, version: snapshot.version, changed: false })
        continue
      }
      const r = encodeSnapshot(nodeId, snapshot, this.options.consistency ?? true, this.encodings)
      if (!r.ok) {
        failed = true
        results.set(nodeId, r)
        this.log.error('snapshot rejected, serving the last good one', {
          proxy: nodeId,
          version: snapshot.version,
          lastGood: current?.snapshot.version,
          violations: r.violations,
        })
      } else {
        accepted.push(r.cached)
        results.set(nodeId, { ok: true, version: snapshot.version, changed: true })
      }
    }
    if (failed) {
      this.encodings.settle()
      return results
    }
    // retain every new snapshot before releasing any old one, so a body moving between
    // snapshots is never dropped and encoded again
    for (const c of accepted) this.encodings.retain(c.snapshot)
    for (const c of accepted) {
      const old = this.snapshots.get(c.nodeId)
      if (old) this.encodings.release(old.snapshot)
      this.snapshots.set(c.nodeId, c)
    }
    this.encodings.settle()
    if (accepted.length > 0) this.persist()
    for (const c of accepted) this.notify(c.nodeId)
    return results
  }

  /** clearSnapshot forgets a proxy (deregistered Dataplane); open streams keep what they have. */
  clearSnapshot(nodeId: string) {
    const old = this.snapshots.get(nodeId)
    if (!old) return
    this.snapshots.delete(nodeId)
    this.encodings.release(old.snapshot)
    this.persist()
    this.notify(nodeId)
  }

  getSnapshot(nodeId: string): CachedSnapshot | undefined {
    return this.snapshots.get(nodeId)
  }

  nodeIds(): string[] {
    return [...this.snapshots.keys()].sort()
  }

  /** body is a body some held snapshot uses, by type URL and content hash. */
  body(typeUrl: string, hash: string): EnvoyResource | undefined {
    return this.encodings.body(typeUrl, hash)
  }

  /** bodyHashes lists the content hashes of every body held snapshots use, once each. */
  bodyHashes(): string[] {
    return this.encodings.hashes()
  }

  /** watch calls fn whenever nodeId's snapshot changes; returns the cancel function. */
  watch(nodeId: string, fn: Watch): () => void {
    let set = this.watches.get(nodeId)
    if (!set) this.watches.set(nodeId, (set = new Set()))
    set.add(fn)
    return () => {
      set.delete(fn)
      if (set.size === 0) this.watches.delete(nodeId)
    }
  }

  private notify(nodeId: string) {
    const cached = this.snapshots.get(nodeId)
    for (const fn of [...(this.watches.get(nodeId) ?? [])]) {
      try {
        fn(cached)
      } catch (e) {
        this.log.error('snapshot watch failed', { proxy: nodeId, error: String(e) })
      }
    }
  }

  /**
   * persist writes the whole state behind, once for every change made in the same task (an
   * applied update with its removals and revisions), one write at a time, the newest winning.
   */
  private persist() {
    const store = this.options.store
    if (!store) return
    this.dirty = true
    if (this.writing) return
    const run = async () => {
      await null // let the caller finish its synchronous batch first
      while (this.dirty) {
        this.dirty = false
        const proxies = new Map<string, Snapshot>()
        for (const [id, c] of this.snapshots) proxies.set(id, c.snapshot)
        try {
          await store.save({ revisions: this.revisionsHeld, proxies })
        } catch (e) {
          this.log.error('could not persist the zone state', { error: String(e) })
        }
      }
      this.writing = undefined
    }
    this.writing = run()
  }

  /** flush resolves when every change made so far is on disk. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing
  }
}
