/** @module DestinationIndex: a mesh's destinations by KRI and by label (Kuma `xds/context/destination_index.go`). */
import { formatKri, identifierOf, parseKri, type Identifier } from '../kri/kri'
import type { DataplaneSpec } from '../resources/kinds/dataplane/types'
import type { ResourceRecord } from '../store/store'
import {
  DESTINATION_KINDS,
  destinationOf,
  type Destination,
  type DestinationPort,
} from './destination'

/** ReachableBackend is one destination port a proxy can reach, keyed by its sectioned KRI. */
export interface ReachableBackend {
  /** id is the destination's identifier with the port's name as section name. */
  readonly id: Identifier
  readonly kri: string
  readonly port: DestinationPort
  readonly destination: Destination
}

/** ReachableBackends is Kuma's `GetReachableBackends` answer, sorted by `kri`. */
export interface ReachableBackends {
  readonly backends: readonly ReachableBackend[]
  /**
   * matched is false when the proxy declares neither backendRef outbounds nor
   * `reachableBackends`, so every destination of the mesh is reachable.
   */
  readonly matched: boolean
}

interface Ref {
  kind: string
  name: string
  namespace: string
  /** port as Kuma's `*uint32`: undefined means none was given. */
  port: number | undefined
  labels: Record<string, string>
}

const withSection = (id: Identifier, sectionName: string): Identifier => ({ ...id, sectionName })

/**
 * DestinationIndex indexes MeshServices, MeshExternalServices and MeshMultiZoneServices by KRI
 * and by label. Invariants: every destination is keyed by its KRI without section name; when two
 * resources share a KRI the one later in (type, name) order wins, as in Kuma's map built from
 * name-ordered lists; label matches are walked in KRI order (Kuma walks a Go map there), so
 * answers never depend on insertion order.
 */
export class DestinationIndex {
  private readonly byKri = new Map<string, Destination>()
  private readonly byLabel = new Map<string, Set<string>>()

  constructor(resources: Iterable<ResourceRecord>) {
    const sorted = [...resources]
      .filter((r) => r.type in DESTINATION_KINDS)
      .sort((a, b) => cmp(a.type, b.type) || cmp(a.name, b.name))
    for (const r of sorted) {
      const d = destinationOf(r)!
      this.byKri.set(d.kri, d)
    }
    for (const d of this.byKri.values()) {
      for (const [k, v] of Object.entries(d.resource.labels)) {
        const key = labelKey(k, v)
        const set = this.byLabel.get(key) ?? new Set<string>()
        set.add(d.kri)
        this.byLabel.set(key, set)
      }
    }
  }

  /** destinations lists every destination in KRI order. */
  destinations(): Destination[] {
    return [...this.byKri.keys()].sort().map((k) => this.byKri.get(k)!)
  }

  /** get finds the destination a KRI names; its section name is ignored. */
  get(id: Identifier | string): Destination | undefined {
    if (typeof id === 'string') {
      const parsed = parseKri(id)
      return parsed.ok ? this.get(parsed.id) : undefined
    }
    if (!id.shortName) return undefined
    return this.byKri.get(formatKri({ ...id, sectionName: '' }))
  }

  /**
   * resolveLabels lists, in KRI order, the destinations of `type` carrying every one of
   * `labels` (none when `labels` is empty), as Kuma's `resolveResourceIdentifiersForLabels`.
   */
  resolveLabels(type: string, labels: Record<string, string>): Destination[] {
    const entries = Object.entries(labels)
    const short = DESTINATION_KINDS[type]
    if (entries.length === 0 || !short) return []
    const counts = new Map<string, number>()
    for (const [k, v] of entries) {
      for (const kri of this.byLabel.get(labelKey(k, v)) ?? []) {
        if (this.byKri.get(kri)!.id.shortName === short) counts.set(kri, (counts.get(kri) ?? 0) + 1)
      }
    }
    return [...counts]
      .filter(([, n]) => n === entries.length)
      .map(([kri]) => kri)
      .sort()
      .map((kri) => this.byKri.get(kri)!)
  }

  /**
   * resolveOldest is Kuma's `resolveResourceIdentifier`: of the destinations matching
   * `labels`, the oldest (ties: the first in KRI order), so new resources don't steal traffic.
   */
  resolveOldest(type: string, labels: Record<string, string>): Destination | undefined {
    let oldest: Destination | undefined
    for (const d of this.resolveLabels(type, labels)) {
      if (!oldest || d.resource.creationTime < oldest.resource.creationTime) oldest = d
    }
    return oldest
  }

  /**
   * reachableBackends is Kuma's `GetReachableBackends` for a Dataplane: its backendRef
   * outbounds if any resolve, else its transparent proxy's `reachableBackends.refs`, else (no
   * `reachableBackends` at all) every port of every destination.
   */
  reachableBackends(dataplane: ResourceRecord): ReachableBackends {
    const out = new Map<string, ReachableBackend>()
    const origin = identifierOf('dp', dataplane)!
    const networking = (dataplane.spec as DataplaneSpec).networking ?? {}
    const add = (id: Identifier, port: DestinationPort, destination: Destination) => {
      const sectioned = withSection(id, port.name)
      const kri = formatKri(sectioned)
      out.set(kri, { id: sectioned, kri, port, destination })
    }
    const processRef = (ref: Ref) => {
      let ids = this.resolveLabels(ref.kind, ref.labels).map((d) => d.id)
      if (ids.length === 0) ids = [targetRefToKri(origin, ref)]
      for (let id of ids) {
        if (ref.port !== undefined) id = withSection(id, String(ref.port))
        const dest = this.get(id)
        // Kuma returns here rather than continuing with the next match; so does Kumo
        if (!dest) return
        const p = dest.findPortByName(id.sectionName)
        if (p) {
          add(id, p, dest)
          return
        }
        for (const port of dest.ports) add(id, port, dest)
      }
    }
    for (const o of networking.outbound ?? []) {
      if (!o.backendRef) continue
      const b = o.backendRef
      processRef({
        kind: b.kind ?? '',
        name: b.name ?? '',
        namespace: '',
        port: b.port ?? 0,
        labels: b.labels ?? {},
      })
    }
    if (out.size > 0) return sortedResult(out, true)
    const reachable = networking.transparentProxying?.reachableBackends
    if (!reachable) {
      for (const d of this.byKri.values()) for (const p of d.ports) add(d.id, p, d)
      return sortedResult(out, false)
    }
    for (const ref of reachable.refs ?? []) {
      processRef({
        kind: ref.kind ?? '',
        name: ref.name ?? '',
        namespace: ref.namespace ?? '',
        port: ref.port,
        labels: ref.labels ?? {},
      })
    }
    return sortedResult(out, true)
  }
}

/**
 * targetRefToKri is Kuma's `resolve.TargetRefToKRI` for destination kinds: the ref's name in the
 * origin's mesh and zone, and the ref's namespace or else the origin's. Kinds without a KRI give
 * an identifier no index holds.
 */
export function targetRefToKri(
  origin: Identifier,
  ref: { kind: string; name: string; namespace?: string },
): Identifier {
  return {
    shortName: DESTINATION_KINDS[ref.kind] ?? '',
    mesh: origin.mesh,
    zone: origin.zone,
    namespace: ref.namespace || origin.namespace,
    name: ref.name,
    sectionName: '',
  }
}

function sortedResult(out: Map<string, ReachableBackend>, matched: boolean): ReachableBackends {
  const backends = [...out.values()].sort((a, b) => cmp(a.kri, b.kri))
  return { backends, matched }
}

const labelKey = (k: string, v: string) => `${k}\u0000${v}`

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
