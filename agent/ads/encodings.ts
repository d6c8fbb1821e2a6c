/**
 * @module EncodingCache: each distinct resource body the zone agent serves, judged against
 * Envoy's protos and encoded once, shared by every proxy whose snapshot uses it, with what the
 * body needs from a snapshot to be consistent. Reference-counted by the snapshots held.
 */
import { type PathBuilder, type Violation } from '../../core/validators/validation-error'
import { consistent, type EnvoyResource, type Snapshot } from '../../core/xds/snapshot'
import { type Any, checkResource } from '../xds/envoy-proto'

/** EncodedResource is one resource ready for the wire, with its content version (delta xDS). */
export interface EncodedResource {
  readonly name: string
  readonly version: string
  readonly any: Any
}

interface Entry {
  readonly body: EnvoyResource
  readonly encoded: EncodedResource
  /** refs counts the held snapshots using this body; 0 only until `settle`. */
  refs: number
  /** needs caches `needsOf` the body, computed on the first consistency check. */
  needs?: Needs
}

/**
 * Needs are the (type URL, name) pairs a body's consistency check looks up, or null when the
 * check read more than whether resources exist (then only the whole snapshot can be checked).
 */
type Needs = readonly (readonly [string, string])[] | null

/**
 * needsOf runs `consistent` on a snapshot holding only this body, through views that answer
 * every lookup of another resource "absent" and record it. A body adds no violation to a
 * snapshot holding everything it needs, since `consistent` reports exactly the lookups of
 * absent resources; so a proxy is checked by set lookups, and each body walked once.
 */
function needsOf(typeUrl: string, name: string, body: EnvoyResource): Needs {
  const needs: [string, string][] = []
  let whole = false
  const other = (t: string, key: string | symbol): key is string =>
    typeof key === 'string' && !(t === typeUrl && key === name)
  const view = (t: string) =>
    new Proxy(t === typeUrl ? { [name]: body } : {}, {
      getOwnPropertyDescriptor(target, key) {
        if (other(t, key)) needs.push([t, key])
        return Reflect.getOwnPropertyDescriptor(target, key)
      },
      has(target, key) {
        if (other(t, key)) needs.push([t, key])
        return Reflect.has(target, key)
      },
      get(target, key, receiver) {
        if (other(t, key)) whole = true
        return Reflect.get(target, key, receiver)
      },
    })
  const resources = new Proxy({} as Snapshot['resources'], {
    get: (_, t) => (typeof t === 'string' ? view(t) : undefined),
  })
  const alone = new Proxy({} as Snapshot, {
    get(_, key) {
      if (key === 'resources') return resources
      whole = true
      return undefined
    },
  })
  consistent(alone)
  return whole ? null : needs
}

const holds = (snapshot: Snapshot, typeUrl: string, name: string) =>
  Object.prototype.hasOwnProperty.call(snapshot.resources[typeUrl] ?? {}, name)

/**
 * EncodingCache holds each distinct body (type URL, content hash) that passed Envoy's protos,
 * with its encoding. Invariant after `settle`: it holds exactly the bodies of retained
 * snapshots, so a body shared by every proxy is judged and encoded once, and dropped with the
 * last snapshot using it.
 */
export class EncodingCache {
  private readonly byType = new Map<string, Map<string, Entry>>()
  private fresh: [string, string][] = []

  /** encode gives the body's shared encoding, judging and encoding it only when new. */
  encode(
    typeUrl: string,
    name: string,
    hash: string,
    body: EnvoyResource,
    at: () => PathBuilder,
  ): EncodedResource | Violation[] {
    let byHash = this.byType.get(typeUrl)
    const hit = byHash?.get(hash)
    if (hit) return hit.encoded
    const r = checkResource(typeUrl, body, {}, at())
    if (!r.ok) return r.violations
    if (!byHash) this.byType.set(typeUrl, (byHash = new Map()))
    // copied out of the allocator's shared pool: a held slice would pin the whole pool chunk
    const value = new Uint8Array(r.bytes.length)
    value.set(r.bytes)
    const encoded = { name, version: hash, any: { type_url: typeUrl, value } }
    byHash.set(hash, { body, encoded, refs: 0 })
    this.fresh.push([typeUrl, hash])
    return encoded
  }

  /**
   * consistent tells whether every body of `snapshot` (all encoded by this cache) finds what it
   * names in the snapshot; undefined when that takes the whole-snapshot check.
   */
  consistent(snapshot: Snapshot): boolean | undefined {
    if (!snapshot.hashes) return undefined
    for (const [typeUrl, byName] of Object.entries(snapshot.hashes)) {
      const byHash = this.byType.get(typeUrl)
      for (const [name, hash] of Object.entries(byName)) {
        const e = byHash?.get(hash)
        if (!e) return undefined
        if (e.needs === undefined) e.needs = needsOf(typeUrl, name, e.body)
        if (e.needs === null) return undefined
        for (const [t, n] of e.needs) if (!holds(snapshot, t, n)) return false
      }
    }
    return true
  }

  /** body is a held body by type and content hash. */
  body(typeUrl: string, hash: string): EnvoyResource | undefined {
    return this.byType.get(typeUrl)?.get(hash)?.body
  }

  /** hashes lists the content hashes of every held body. */
  hashes(): string[] {
    const out: string[] = []
    for (const byHash of this.byType.values()) for (const h of byHash.keys()) out.push(h)
    return out
  }

  get size(): number {
    let n = 0
    for (const byHash of this.byType.values()) n += byHash.size
    return n
  }

  retain(snapshot: Snapshot) {
    this.count(snapshot, 1)
  }

  /** release forgets the bodies no other held snapshot uses. */
  release(snapshot: Snapshot) {
    this.count(snapshot, -1)
  }

  /** settle drops bodies encoded since the last settle that no snapshot was retained with. */
  settle() {
    for (const [typeUrl, hash] of this.fresh) this.dropUnused(typeUrl, hash)
    this.fresh = []
  }

  private count(snapshot: Snapshot, by: 1 | -1) {
    for (const [typeUrl, byName] of Object.entries(snapshot.hashes)) {
      const byHash = this.byType.get(typeUrl)
      for (const hash of Object.values(byName)) {
        const e = byHash?.get(hash)
        if (!e) continue
        e.refs += by
        if (e.refs <= 0) this.dropUnused(typeUrl, hash)
      }
    }
  }

  private dropUnused(typeUrl: string, hash: string) {
    const byHash = this.byType.get(typeUrl)
    if (!byHash || (byHash.get(hash)?.refs ?? 1) > 0) return
    byHash.delete(hash)
    if (byHash.size === 0) this.byType.delete(typeUrl)
  }
}
