/**
 * @module Scenarios `gen` and `incremental` (in-process part): the real core generator over the
 * synthetic mesh, timed with process CPU time. `incremental` is measured end to end on the real
 * edge and agent in `scenarios.ts`; here only what the edge computes for one change.
 */
import { buildMeshContext, type MeshContext } from '../core/meshcontext'
import * as generator from '../core/xds/generator'
import * as zoneConfig from '../core/sync/zone-config'
import type { Snapshot } from '../core/xds/snapshot'
import { encodeSnapshot } from '../agent/ads/cache'
import type { Result } from './results'
import { meshDoc, policyDocs, svcName, synthDocs, toRecord, dpName, ALL_PROXY } from './synth'
import type { SynthParams } from './synth'

type Gen = (ctx: MeshContext, name: string) => { ok: boolean; snapshot?: Snapshot }

/**
 * generatorOf adapts to the generator's API: `generate(ctx, name)`, or, once the generator
 * prepares a mesh once for all its proxies, `generate(prepareMesh(ctx), name)`.
 */
export function generatorOf(): { gen: Gen; prepare: (ctx: MeshContext) => unknown } {
  const g = generator as unknown as Record<string, (...a: unknown[]) => unknown>
  const prepare = g.prepareMesh ? (ctx: MeshContext) => g.prepareMesh(ctx) : (ctx: unknown) => ctx
  let cache: { ctx: MeshContext; prepared: unknown } | undefined
  const gen: Gen = (ctx, name) => {
    if (cache?.ctx !== ctx) cache = { ctx, prepared: prepare(ctx) }
    return g.generate(cache.prepared, name, {}) as { ok: boolean; snapshot?: Snapshot }
  }
  return { gen, prepare }
}

const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

/** timeMs runs fn `runs` times (after `warm` warm-ups) and gives the median CPU ms per run. */
function timeMs(fn: () => void, runs: number, warm = 3): number {
  for (let i = 0; i < warm; i++) fn()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    // batch fast calls so the timer's resolution does not dominate
    let reps = 1
    let t0 = cpuMs()
    fn()
    let dt = cpuMs() - t0
    if (dt < 2) {
      reps = Math.ceil(20 / Math.max(dt, 0.05))
      t0 = cpuMs()
      for (let r = 0; r < reps; r++) fn()
      dt = cpuMs() - t0
    }
    samples.push(dt / reps)
  }
  return median(samples)
}

/** asWritten gives a policy the labels the edge's API stamps on it (a standalone zone's). */
const asWritten = (d: Record<string, unknown>) => ({ ...d, labels: ZONE_LABELS })
const ZONE_LABELS = {
  'kuma.io/origin': 'zone',
  'kuma.io/zone': 'default',
  'kuma.io/mesh': 'default',
}

export function synthSnapshot(p: SynthParams) {
  const { infra, policies } = synthDocs(p)
  return {
    mesh: toRecord(meshDoc(p.mesh)),
    resources: [...infra, ...policies.map(asWritten)].map(toRecord),
  }
}

export interface GenOptions {
  params: SynthParams
  runs: number
  runsAll: number
  emit: (r: Omit<Result, 'machine' | 'revision'>) => void
}

/** runGen measures generation for the 20-service proxy and the all-services proxy. */
export function runGen(o: GenOptions) {
  const p = o.params
  const params = { services: p.services, instances: p.instances, policies: p.policies }
  const snap = synthSnapshot(p)
  const { gen, prepare } = generatorOf()
  const ctxMs = timeMs(() => prepare(buildMeshContext(snap, { zone: 'default' })), 3, 1)
  o.emit({ name: 'gen_meshcontext_ms', value: ctxMs, unit: 'ms', params })
  const ctx = buildMeshContext(snap, { zone: 'default' })
  const cases: [string, string, number][] = [
    [`gen_proxy_${p.reach}svc`, dpName(0, 0), o.runs],
    [`gen_proxy_${p.services}svc`, ALL_PROXY, o.runsAll],
  ]
  for (const [name, proxy, runs] of cases) {
    const first = gen(ctx, proxy)
    if (!first.ok || !first.snapshot) throw new Error(`generate ${proxy}: ${JSON.stringify(first)}`)
    const snapshot = first.snapshot
    const bytes = JSON.stringify(snapshot.resources).length
    const ms = timeMs(() => gen(ctx, proxy), runs)
    const floor = timeMs(() => JSON.stringify(snapshot.resources), runs)
    const resources = Object.values(snapshot.resources).reduce(
      (n, m) => n + Object.keys(m).length,
      0,
    )
    const pp = { ...params, proxy, resources, jsonBytes: bytes }
    o.emit({ name: `${name}_cpu_ms`, value: ms, unit: 'ms', params: pp })
    o.emit({ name: `${name}_stringify_ms`, value: floor, unit: 'ms', params: pp })
    o.emit({ name: `${name}_ratio`, value: ms / floor, unit: 'x', params: pp })
  }
}

/**
 * runIncrementalEdge computes, in-process, what the edge does for one MeshTimeout change on one
 * service: proxies regenerated, proxies changed, CPU, and the bytes of the answer to an agent
 * that held the previous config versus a full push.
 */
export function runIncrementalEdge(o: GenOptions) {
  const p = { ...o.params, allProxy: false }
  const params = { services: p.services, instances: p.instances, policies: p.policies }
  const before = synthSnapshot(p)
  const target = svcName(7)
  const change = {
    type: 'MeshTimeout',
    name: 'bench-change',
    mesh: 'default',
    spec: {
      targetRef: { kind: 'Mesh' },
      to: [
        { targetRef: { kind: 'MeshService', name: target }, default: { connectionTimeout: '9s' } },
      ],
    },
  }
  const after = { ...before, resources: [...before.resources, toRecord(asWritten(change))] }
  const t0 = cpuMs()
  const z0 = zoneConfig.meshConfigOf('default', before)
  const fullMs = cpuMs() - t0
  const t1 = cpuMs()
  // the edge keeps the previous revision's config and regenerates the proxies the change affects
  const z1 = zoneConfig.meshConfigOf('default', after, z0)
  const changeMs = cpuMs() - t1
  const held = zoneConfig.diffZoneConfig(zoneConfig.mergeMeshConfigs({ default: 1 }, [z0]), {
    revisions: {},
    proxies: {},
    hashes: [],
  })
  const heldReq = {
    revisions: { default: 1 },
    proxies: Object.fromEntries(Object.entries(held.proxies).map(([k, v]) => [k, v.version])),
    hashes: Object.keys(held.resources),
  }
  const zc1 = zoneConfig.mergeMeshConfigs({ default: 2 }, [z1])
  const delta = zoneConfig.diffZoneConfig(zc1, heldReq)
  const full = zoneConfig.diffZoneConfig(zc1, { revisions: {}, proxies: {}, hashes: [] })
  const changed = Object.keys(delta.proxies).length
  o.emit({
    name: 'incremental_proxies_regenerated',
    value: z1.stats?.generated ?? z1.proxies.size,
    unit: 'proxies',
    params,
  })
  o.emit({ name: 'incremental_proxies_changed', value: changed, unit: 'proxies', params })
  o.emit({ name: 'incremental_edge_cpu_ms', value: changeMs, unit: 'ms', params })
  o.emit({ name: 'incremental_full_regen_cpu_ms', value: fullMs, unit: 'ms', params })
  o.emit({
    name: 'incremental_edge_to_agent_bytes',
    value: JSON.stringify(delta).length,
    unit: 'B',
    params,
  })
  o.emit({
    name: 'incremental_edge_to_agent_full_bytes',
    value: JSON.stringify(full).length,
    unit: 'B',
    params,
  })
  // agent -> proxies: SotW resends whole types that changed; delta only changed resources
  let sotw = 0
  let delta_ = 0
  let fullPush = 0
  for (const [id, pc] of Object.entries(delta.proxies)) {
    const bodies = (res: Record<string, Record<string, string>>) =>
      Object.fromEntries(
        Object.entries(res).map(([t, byName]) => [
          t,
          Object.fromEntries(Object.entries(byName).map(([n, h]) => [n, zc1.bodies.get(h)!])),
        ]),
      )
    const enc = encodeSnapshot(
      id,
      { version: pc.version, resources: bodies(pc.resources) } as never,
      false,
    )
    if (!enc.ok) continue
    const old = heldProxy(held, id)
    for (const [t, byName] of enc.cached.encoded) {
      const oldNames = old?.[t] ?? {}
      let typeChanged = false
      for (const r of byName.values()) {
        if (oldNames[r.name] !== r.version) {
          typeChanged = true
          delta_ += r.any.value.length
        }
      }
      if (typeChanged) for (const r of byName.values()) sotw += r.any.value.length
    }
  }
  for (const [id, pc] of Object.entries(full.proxies)) {
    for (const byName of Object.values(pc.resources))
      for (const h of Object.values(byName)) fullPush += approxProtoBytes(zc1.bodies.get(h))
    void id
  }
  o.emit({ name: 'incremental_agent_to_proxies_sotw_bytes', value: sotw, unit: 'B', params })
  o.emit({ name: 'incremental_agent_to_proxies_delta_bytes', value: delta_, unit: 'B', params })
  o.emit({
    name: 'incremental_agent_to_proxies_full_json_bytes',
    value: fullPush,
    unit: 'B',
    params: { ...params, note: 'JSON size of every resource of every proxy (a full push)' },
  })
  void policyDocs
}

function heldProxy(held: ReturnType<typeof zoneConfig.diffZoneConfig>, id: string) {
  return held.proxies[id]?.resources
}

const approxProtoBytes = (r: unknown) => JSON.stringify(r).length
