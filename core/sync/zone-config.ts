/**
 * @module The config of one zone's proxies as the edge computes it for the zone sync protocol:
 * every Dataplane labelled `kuma.io/zone: <zone>` gets its snapshot from the generator, each
 * resource referenced by content hash, and a request's held state is answered with only what
 * changed (bodies de-duplicated by hash across proxies).
 */
import type { MeshSnapshot } from '../meshcontext'
import { loadMesh } from '../meshcontext/load'
import { ZONE_LABEL } from '../resources/labels'
import type { Store } from '../store/store'
import { generate, prepareMesh } from '../xds/generator'
import { type EndpointRead, recordEndpointReads } from '../xds/generator/prepare'
import { isGrpcClient } from '../xds/proxyless'
import { depsOf, planRegeneration, type ProxyDeps } from './affected'
import type { EnvoyResource } from '../xds/snapshot'
import {
  type ConfigRequest,
  type ConfigResponse,
  nodeIdOf,
  type ProxyConfig,
  type Revisions,
} from './protocol'

/** MeshConfig is what one mesh contributes: its proxies of the zone, their bodies, failures. */
export interface MeshConfig {
  proxies: Map<string, ProxyConfig>
  bodies: Map<string, EnvoyResource>
  errors: { proxy: string; reason: string }[]
  /** deps of each generated proxy, to reuse its config at the next revision (`core/sync/affected`). */
  deps?: Map<string, ProxyDeps>
  /** snapshot is the mesh revision this config was generated from. */
  snapshot?: MeshSnapshot
  /** stats of the generation: proxies generated, and reused from `previous`. */
  stats?: { generated: number; reused: number; plan: string }
}

/** ZoneConfig is the zone's whole config at `revisions`. */
export interface ZoneConfig extends MeshConfig {
  revisions: Revisions
}

/** servedBy tells whether zone `zone`'s agent serves a Dataplane with these labels. */
export const servedBy = (labels: Record<string, string>, zone: string) =>
  labels[ZONE_LABEL] === zone

/**
 * meshConfigOf generates every proxy of `zone` in one mesh. Pure and deterministic. Given the
 * config of an earlier revision of the mesh, it regenerates only the proxies the changes between
 * the two can affect and reuses the others' config as it was (`planRegeneration`).
 */
export function meshConfigOf(
  zone: string,
  snapshot: MeshSnapshot,
  previous?: MeshConfig,
): MeshConfig {
  const out: MeshConfig = {
    proxies: new Map(),
    bodies: new Map(),
    errors: [],
    deps: new Map(),
    snapshot,
    stats: { generated: 0, reused: 0, plan: 'everything: no previous revision' },
  }
  // indexes built once for the mesh revision, shared by every proxy below
  const ctx = prepareMesh(snapshot, { zone })
  const plan =
    previous?.snapshot && previous.deps && previous.snapshot.mesh.name === snapshot.mesh.name
      ? planRegeneration(previous.snapshot, snapshot, ctx)
      : undefined
  if (plan) out.stats!.plan = plan.everything ? `everything: ${plan.reason}` : 'affected proxies'
  for (const dp of ctx.resources.list('Dataplane')) {
    if (!servedBy(dp.labels, zone)) continue
    const proxy = nodeIdOf(ctx.name, dp.name)
    const kept = previous?.proxies.get(proxy)
    const keptDeps = previous?.deps?.get(proxy)
    const deps = plan && kept && keptDeps ? plan.reuse(dp, keptDeps) : undefined
    if (deps) {
      out.proxies.set(proxy, kept!)
      out.deps!.set(proxy, deps)
      for (const byName of Object.values(kept!.resources)) {
        for (const hash of Object.values(byName)) out.bodies.set(hash, previous!.bodies.get(hash)!)
      }
      out.stats!.reused++
      continue
    }
    out.stats!.generated++
    const reads = new Set<EndpointRead>()
    const res = recordEndpointReads(
      () => generate(ctx, dp.name),
      (r) => reads.add(r),
    )
    if (!res.ok) {
      const reason =
        res.reason === 'inconsistent'
          ? `inconsistent config: ${res.violations.map((v) => `${v.field}: ${v.message}`).join('; ')}`
          : res.reason
      out.errors.push({ proxy, reason })
      continue
    }
    const refs: Record<string, Record<string, string>> = {}
    for (const [typeUrl, byName] of Object.entries(res.snapshot.resources)) {
      const names: Record<string, string> = {}
      const hashes = res.snapshot.hashes[typeUrl]
      for (const [name, body] of Object.entries(byName)) {
        const hash = hashes[name]
        names[name] = hash
        out.bodies.set(hash, body)
      }
      refs[typeUrl] = names
    }
    out.proxies.set(proxy, { version: res.snapshot.version, resources: refs })
    out.deps!.set(proxy, depsOf(ctx, res.proxy, reads, isGrpcClient(undefined, dp)))
  }
  return out
}

/** mergeMeshConfigs joins per-mesh configs into the zone's. */
export function mergeMeshConfigs(revisions: Revisions, parts: Iterable<MeshConfig>): ZoneConfig {
  const zc: ZoneConfig = { revisions, proxies: new Map(), bodies: new Map(), errors: [] }
  for (const p of parts) {
    for (const [k, v] of p.proxies) zc.proxies.set(k, v)
    for (const [k, v] of p.bodies) zc.bodies.set(k, v)
    zc.errors.push(...p.errors)
  }
  return zc
}

/**
 * diffZoneConfig answers a request with what changed against what the agent holds: proxies whose
 * snapshot version differs (whole, by reference), proxies to remove (not those that failed to
 * generate: they keep their last good config), and the bodies the agent lacks.
 */
export function diffZoneConfig(current: ZoneConfig, held: ConfigRequest): ConfigResponse {
  const have = new Set(held.hashes)
  const failed = new Set(current.errors.map((e) => e.proxy))
  const proxies: Record<string, ProxyConfig> = {}
  const resources: Record<string, EnvoyResource> = {}
  for (const id of [...current.proxies.keys()].sort()) {
    const pc = current.proxies.get(id)!
    if (held.proxies[id] === pc.version) continue
    proxies[id] = pc
    for (const byName of Object.values(pc.resources)) {
      for (const hash of Object.values(byName)) {
        if (!have.has(hash)) resources[hash] = current.bodies.get(hash)!
      }
    }
  }
  const removed = Object.keys(held.proxies)
    .filter((id) => !current.proxies.has(id) && !failed.has(id))
    .sort()
  return {
    changed: Object.keys(proxies).length > 0 || removed.length > 0,
    revisions: current.revisions,
    proxies,
    removed,
    resources,
    errors: current.errors,
  }
}

/** sameRevisions tells whether two revision vectors name the same meshes at the same revisions. */
export function sameRevisions(a: Revisions, b: Revisions): boolean {
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  return ka.every((m) => b[m] === a[m])
}

type StoreScope = {
  store: Pick<Store, 'get' | 'list' | 'revision' | 'meshRevisions'>
  tenant: string
}

const sortedRevisions = (r: Record<string, number>): Revisions =>
  Object.fromEntries(
    Object.keys(r)
      .sort()
      .map((m) => [m, r[m]]),
  )

/** readRevisions reads the revision of every mesh of the tenant (the database is the truth). */
export async function readRevisions(scope: StoreScope): Promise<Revisions> {
  if (scope.store.meshRevisions)
    return sortedRevisions(await scope.store.meshRevisions(scope.tenant))
  const meshes: string[] = []
  let offset: string | undefined
  do {
    const page = await scope.store.list(scope.tenant, 'Mesh', { size: 1000, offset })
    meshes.push(...page.items.map((m) => m.name))
    offset = page.nextOffset
  } while (offset)
  const revs = await Promise.all(meshes.map((m) => scope.store.revision(scope.tenant, m)))
  const out: Revisions = {}
  meshes.forEach((m, i) => (out[m] = revs[i]))
  return out
}

/**
 * RECENT keeps the last generated config of recently served (tenant, zone, mesh)s, across the
 * requests an isolate serves: an agent's next long-poll starts from it, and a new revision
 * regenerates only the proxies its changes affect. Bounded; losing an entry costs one full
 * generation, never correctness (the database stays the source of truth).
 */
const RECENT = new Map<string, { revision: number; config: MeshConfig }>()
const RECENT_MAX = 8

function remember(key: string, entry: { revision: number; config: MeshConfig }) {
  RECENT.delete(key)
  RECENT.set(key, entry)
  while (RECENT.size > RECENT_MAX) RECENT.delete(RECENT.keys().next().value!)
}

/**
 * ZoneConfigLoader reads and generates a zone's config, regenerating only meshes whose revision
 * moved since its last load, and in them only the proxies the changes affect. Revisions are read
 * before the meshes, so a write racing a load is seen again at the next load, never lost.
 */
export class ZoneConfigLoader {
  private readonly meshes = new Map<string, { revision: number; config: MeshConfig }>()

  constructor(
    private readonly scope: StoreScope,
    private readonly zone: string,
  ) {}

  async load(revisions?: Revisions): Promise<ZoneConfig> {
    const revs = revisions ?? (await readRevisions(this.scope))
    for (const m of [...this.meshes.keys()]) if (!(m in revs)) this.meshes.delete(m)
    await Promise.all(
      Object.entries(revs).map(async ([mesh, revision]) => {
        if (this.meshes.get(mesh)?.revision === revision) return
        const key = `${this.scope.tenant}\u0000${this.zone}\u0000${mesh}`
        const recent = RECENT.get(key)
        if (recent?.revision === revision) {
          this.meshes.set(mesh, recent)
          remember(key, recent)
          return
        }
        const snapshot = await loadMesh(this.scope as Parameters<typeof loadMesh>[0], mesh)
        const previous = this.meshes.get(mesh)?.config ?? recent?.config
        const config = snapshot
          ? meshConfigOf(this.zone, snapshot, previous)
          : { proxies: new Map(), bodies: new Map(), errors: [] }
        const entry = { revision, config }
        this.meshes.set(mesh, entry)
        remember(key, entry)
      }),
    )
    return mergeMeshConfigs(
      revs,
      Object.keys(revs)
        .sort()
        .map((m) => this.meshes.get(m)!.config),
    )
  }
}
