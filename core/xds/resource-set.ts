/**
 * @module ResourceSet: the mutable set of Envoy resources a generator and the policy plugins
 * build for one proxy before it is frozen into a Snapshot (Kuma `core_xds.ResourceSet`).
 */
import { newSnapshot, type EnvoyResource, type Snapshot } from './snapshot'

/**
 * Origin says which generator made a resource (Kuma `pkg/xds/generator/origin`): plugins select
 * what to change by it, e.g. MeshTimeout touches `inbound` and `outbound` listeners only.
 */
export type Origin =
  | 'inbound'
  | 'outbound'
  | 'transparent'
  | 'admin'
  | 'prometheus'
  | 'secrets'
  | 'direct-access'
  | 'probe'
  | 'dns'
  | 'tracing'
  /** a resource a policy plugin added (a tracing collector, an access log cluster...). */
  | 'policy'
  /** Kuma's own origins of what some plugins add, as MeshProxyPatch `match.origin` names them. */
  | 'mesh-trace'
  | 'meshaccesslog'
  | 'open-telemetry'
  | 'mesh-proxy-patch'
  | 'proxy-template-modifications'

/** Json is a mutable proto3 JSON object, as plugins edit it in place. */
export type Json = Record<string, unknown>

/**
 * XdsResource is one resource and where it came from (Kuma `core_xds.Resource`).
 * Invariant: `resource.name` (ClusterLoadAssignment: `clusterName`) equals `name`.
 */
export interface XdsResource {
  readonly typeUrl: string
  readonly name: string
  readonly origin: Origin
  /**
   * resourceOrigin is the KRI of what the resource was made for, when there is one: a
   * Dataplane inbound (`kri_dp_<mesh>_<zone>_<ns>_<dp>_<section>`), or the destination port
   * of an outbound (`kri_msvc_...`, `kri_extsvc_...`, `kri_mzsvc_...`). Legacy
   * `kuma.io/service` outbounds have none.
   */
  readonly resourceOrigin?: string
  /** protocol of the traffic the resource carries (`tcp`, `http`, `http2`, `grpc`, `kafka`). */
  readonly protocol?: string
  /** resource is the proto3 JSON body; plugins mutate it in place. */
  readonly resource: Json
}

/**
 * ResourceSet holds resources keyed by type URL and name. Invariant: one resource per (type,
 * name); adding one with the same key replaces it, as Kuma's `ResourceSet.Add` does.
 * Iteration is always in name order so every consumer is deterministic.
 */
export class ResourceSet {
  private readonly byType = new Map<string, Map<string, XdsResource>>()
  /** sorted caches each type's resources in name order until the type's names change. */
  private readonly sorted = new Map<string, readonly XdsResource[]>()
  /** byOrigin caches each type's resources by `resourceOrigin`, invalidated with `sorted`. */
  private readonly byOrigin = new Map<string, Map<string, XdsResource[]>>()

  /** add puts resources in, replacing any of the same type and name. */
  add(...resources: XdsResource[]): this {
    for (const r of resources) {
      let m = this.byType.get(r.typeUrl)
      if (!m) {
        m = new Map<string, XdsResource>()
        this.byType.set(r.typeUrl, m)
      }
      m.set(r.name, r)
      this.invalidate(r.typeUrl)
    }
    return this
  }

  /** get finds one resource. */
  get(typeUrl: string, name: string): XdsResource | undefined {
    return this.byType.get(typeUrl)?.get(name)
  }

  /** remove deletes one resource; true when it was there. */
  remove(typeUrl: string, name: string): boolean {
    const removed = this.byType.get(typeUrl)?.delete(name) ?? false
    if (removed) this.invalidate(typeUrl)
    return removed
  }

  /** list gives the resources of one type in name order (a fresh array). */
  list(typeUrl: string): XdsResource[] {
    return [...this.sortedOf(typeUrl)]
  }

  /** listOf gives the resources of one type that some generator of `origins` made. */
  listOf(typeUrl: string, ...origins: Origin[]): XdsResource[] {
    return this.sortedOf(typeUrl).filter((r) => origins.includes(r.origin))
  }

  /** byResourceOrigin gives the resources of one type made for the KRI `kri`. */
  byResourceOrigin(typeUrl: string, kri: string): XdsResource[] {
    let index = this.byOrigin.get(typeUrl)
    if (!index) {
      index = new Map<string, XdsResource[]>()
      for (const r of this.sortedOf(typeUrl)) {
        if (r.resourceOrigin === undefined) continue
        const l = index.get(r.resourceOrigin) ?? []
        l.push(r)
        index.set(r.resourceOrigin, l)
      }
      this.byOrigin.set(typeUrl, index)
    }
    return [...(index.get(kri) ?? [])]
  }

  /** typeUrls lists the types present, sorted. */
  typeUrls(): string[] {
    return [...this.byType.keys()].filter((t) => this.byType.get(t)!.size > 0).sort()
  }

  /** all lists every resource, by type then name. */
  all(): XdsResource[] {
    return this.typeUrls().flatMap((t) => this.list(t))
  }

  /**
   * toSnapshot hands the set's resources over to a Snapshot versioned by content. The set's
   * owner must not edit the set or its resources afterwards (the generator drops it): copying
   * every resource to guard against that cost a third of a proxy's generation.
   */
  toSnapshot(): Snapshot {
    const resources: Record<string, Record<string, EnvoyResource>> = {}
    for (const t of this.typeUrls()) {
      const byName: Record<string, EnvoyResource> = {}
      for (const r of this.sortedOf(t)) byName[r.name] = r.resource as EnvoyResource
      resources[t] = byName
    }
    return newSnapshot(resources)
  }

  private sortedOf(typeUrl: string): readonly XdsResource[] {
    let l = this.sorted.get(typeUrl)
    if (!l) {
      const m = this.byType.get(typeUrl)
      l = m ? [...m.keys()].sort().map((k) => m.get(k)!) : []
      this.sorted.set(typeUrl, l)
    }
    return l
  }

  private invalidate(typeUrl: string): void {
    this.sorted.delete(typeUrl)
    this.byOrigin.delete(typeUrl)
  }
}
