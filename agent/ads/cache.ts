/**
 * @module Snapshot cache of the zone agent (go-control-plane `pkg/cache/v3`): the last good
 * snapshot per proxy, each resource already encoded as an Any, watches that fire when a proxy's
 * snapshot changes, and write-through to a SnapshotStore. It never imports the ADS server.
 */
import { type Violation } from '../../core/validators/validation-error'
import { consistent, resourceHash, type Snapshot, TypeUrl } from '../../core/xds/snapshot'
import { PathBuilder } from '../../core/validators/validation-error'
import { type Any, checkResource } from '../xds/envoy-proto'
import { type Logger, silentLogger } from '../log'
import { type SnapshotStore } from './store'

/** EncodedResource is one resource ready for the wire, with its content version (delta xDS). */
export interface EncodedResource {
  name: string
  version: string
  any: Any
}

/** CachedSnapshot is an accepted snapshot and its encoding: type URL -> name -> resource. */
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

/** encodedBodies remembers each resource body's encoding, by identity. */
const encodedBodies = new WeakMap<object, EncodedResource>()

/**
 * encodeSnapshot encodes every resource strictly against Envoy's protos and checks keys and
 * consistency. Any problem rejects the whole snapshot: serving part of one could send Envoy a
 * listener whose clusters never arrive.
 */
export function encodeSnapshot(
  nodeId: string,
  snapshot: Snapshot,
  checkConsistency = true,
): { ok: true; cached: CachedSnapshot } | { ok: false; violations: Violation[] } {
  const violations: Violation[] = []
  const encoded = new Map<string, Map<string, EncodedResource>>()
  for (const [typeUrl, byName] of Object.entries(snapshot.resources)) {
    const short = typeUrl.slice(typeUrl.lastIndexOf('.') + 1)
    const out = new Map<string, EncodedResource>()
    encoded.set(typeUrl, out)
    for (const [name, resource] of Object.entries(byName)) {
      const at = PathBuilder.rootedAt(short).key(name)
      const nameField = NAME_FIELD[typeUrl] ?? 'name'
      if (resource[nameField] !== name) {
        violations.push({
          field: at.field(nameField).toString(),
          message: `must equal the resource's key "${name}", got ${JSON.stringify(resource[nameField])}`,
        })
      }
      // a body shared by many proxies (the zone sync hands the same object to each) is checked
      // and encoded once; its content hash guards against a body edited in place
      const version = resourceHash(resource)
      const done = encodedBodies.get(resource)
      if (done && done.version === version && done.any.type_url === typeUrl) {
        out.set(name, { name, version, any: done.any })
        continue
      }
      const r = checkResource(typeUrl, resource, {}, at)
      if (!r.ok) {
        violations.push(...r.violations)
        continue
      }
      const enc = { name, version, any: { type_url: typeUrl, value: r.bytes } }
      encodedBodies.set(resource, enc)
      out.set(name, enc)
    }
  }
  if (checkConsistency) violations.push(...consistent(snapshot))
  if (violations.length > 0) return { ok: false, violations }
  return { ok: true, cached: { nodeId, snapshot, encoded } }
}

/** SnapshotCache holds what each proxy is served. Invariant: only encodable snapshots enter. */
export class SnapshotCache {
  private readonly snapshots = new Map<string, CachedSnapshot>()
  private readonly watches = new Map<string, Set<Watch>>()
  private readonly log: Logger
  private readonly pendingWrites = new Map<string, Snapshot | null>()
  private readonly writing = new Map<string, Promise<void>>()

  constructor(private readonly options: SnapshotCacheOptions = {}) {
    this.log = options.log ?? silentLogger
  }

  /**
   * load reads the store's snapshots (static stability after a restart). A stored snapshot the
   * judge now rejects is skipped and logged; snapshots set before load finished win.
   */
  async load(): Promise<{ loaded: string[]; rejected: { what: string; reason: string }[] }> {
    const loaded: string[] = []
    const rejected: { what: string; reason: string }[] = []
    if (!this.options.store) return { loaded, rejected }
    const { snapshots, rejected: unreadable } = await this.options.store.loadAll()
    for (const r of unreadable) rejected.push({ what: r.file, reason: r.reason })
    for (const { nodeId, snapshot } of snapshots) {
      if (this.snapshots.has(nodeId)) continue
      const r = encodeSnapshot(nodeId, snapshot, this.options.consistency ?? true)
      if (!r.ok) {
        rejected.push({ what: nodeId, reason: r.violations.map((v) => v.message).join('; ') })
        continue
      }
      this.snapshots.set(nodeId, r.cached)
      loaded.push(nodeId)
      this.notify(nodeId)
    }
    for (const r of rejected) this.log.warn('stored snapshot not loaded', r)
    this.log.info('loaded stored snapshots', { count: loaded.length })
    return { loaded, rejected }
  }

  /**
   * setSnapshot makes `snapshot` what `nodeId` is served, if it encodes; otherwise the last good
   * snapshot stays, the violations are logged and returned. Setting the same version is a no-op.
   */
  setSnapshot(nodeId: string, snapshot: Snapshot): SetResult {
    const current = this.snapshots.get(nodeId)
    if (current && current.snapshot.version === snapshot.version) {
      return { ok: true, version: snapshot.version, changed: false }
    }
    const r = encodeSnapshot(nodeId, snapshot, this.options.consistency ?? true)
    if (!r.ok) {
      this.log.error('snapshot rejected, serving the last good one', {
        proxy: nodeId,
        version: snapshot.version,
        lastGood: current?.snapshot.version,
        violations: r.violations,
      })
      return { ok: false, violations: r.violations }
    }
    this.snapshots.set(nodeId, r.cached)
    this.persist(nodeId, snapshot)
    this.notify(nodeId)
    return { ok: true, version: snapshot.version, changed: true }
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
      const r = encodeSnapshot(nodeId, snapshot, this.options.consistency ?? true)
      if (!r.ok) {
        failed = true
        results.set(nodeId, r)
        this.log.error('snapshot rejected', { proxy: nodeId, violations: r.violations })
      } else {
        accepted.push(r.cached)
        results.set(nodeId, { ok: true, version: snapshot.version, changed: true })
      }
    }
    if (failed) return results
    for (const c of accepted) this.snapshots.set(c.nodeId, c)
    for (const c of accepted) {
      this.persist(c.nodeId, c.snapshot)
      this.notify(c.nodeId)
    }
    return results
  }

  /** clearSnapshot forgets a proxy (deregistered Dataplane); open streams keep what they have. */
  clearSnapshot(nodeId: string) {
    if (!this.snapshots.delete(nodeId)) return
    this.persist(nodeId, null)
    this.notify(nodeId)
  }

  getSnapshot(nodeId: string): CachedSnapshot | undefined {
    return this.snapshots.get(nodeId)
  }

  nodeIds(): string[] {
    return [...this.snapshots.keys()].sort()
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

  /** persist writes behind, one write a proxy at a time, the newest pending value winning. */
  private persist(nodeId: string, snapshot: Snapshot | null) {
    const store = this.options.store
    if (!store) return
    this.pendingWrites.set(nodeId, snapshot)
    if (this.writing.has(nodeId)) return
    const run = async () => {
      while (this.pendingWrites.has(nodeId)) {
        const next = this.pendingWrites.get(nodeId)!
        this.pendingWrites.delete(nodeId)
        try {
          if (next) await store.save(nodeId, next)
          else await store.remove(nodeId)
        } catch (e) {
          this.log.error('could not persist snapshot', { proxy: nodeId, error: String(e) })
        }
      }
      this.writing.delete(nodeId)
    }
    this.writing.set(nodeId, run())
  }

  /** flush resolves when every write started so far is on disk. */
  async flush(): Promise<void> {
    while (this.writing.size > 0) await Promise.all(this.writing.values())
  }
}
