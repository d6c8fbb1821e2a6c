/**
 * @module The end-to-end scenarios on a running World: propagation, incremental (bytes and CPU of
 * one change), agent memory, reconnect storm and edge cost. Each is bounded in time and changes
 * and emits its figures; none retries a failed measurement.
 */
import { fromAny } from '../agent/xds/envoy-proto'
import { TYPES, wire } from './loadgen'
import { api, cpuMsOf, type Edge, type Json, sleep, startAgent } from './procs'
import type { Result } from './results'
import { svcName } from './synth'
import type { World } from './world'

type Emit = (r: Omit<Result, 'machine' | 'revision'>) => void

export interface Counters {
  bootId: string
  requests: number
  d1Statements: number
  d1Reads: number
  d1Writes: number
  d1RowsRead: number
  d1RowsWritten: number
  d1StatementsWithoutMeta: number
  doRequests: number
  doByMethod: Record<string, number>
  requestsByRoute: Record<string, number>
}

export async function counters(edge: Edge): Promise<Counters & { cpuMs: number }> {
  const c = (await (await fetch(`${edge.url}/_bench/counters`)).json()) as Counters
  return { ...c, cpuMs: edge.cpuMs() }
}

const NUM = [
  'requests',
  'd1Statements',
  'd1Reads',
  'd1Writes',
  'd1RowsRead',
  'd1RowsWritten',
  'doRequests',
  'cpuMs',
] as const
export type Usage = Record<(typeof NUM)[number], number> & { doByMethod: Record<string, number> }

export function usage(a: Counters & { cpuMs: number }, b: Counters & { cpuMs: number }): Usage {
  if (a.bootId !== b.bootId) throw new Error('the Worker restarted during a measurement')
  const u = {} as Usage
  for (const k of NUM) u[k] = b[k] - a[k]
  u.doByMethod = Object.fromEntries(
    Object.entries(b.doByMethod).map(([k, v]) => [k, v - (a.doByMethod[k] ?? 0)]),
  )
  return u
}

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]
}

function timeoutPolicy(value: string, target?: string) {
  return {
    type: 'MeshTimeout',
    name: target ? 'bench-one-service' : 'bench-propagation',
    mesh: 'default',
    spec: {
      targetRef: { kind: 'Mesh' },
      to: [
        {
          targetRef: target ? { kind: 'MeshService', name: target } : { kind: 'Mesh' },
          default: { connectionTimeout: value },
        },
      ],
    },
  }
}

/** cdsTimeouts decodes the kept proxy's last CDS response and lists its connect timeouts. */
function cdsTimeouts(w: World): string[] {
  const p = w.gen.proxies.get(w.ids[0])!
  const r = p.keep?.get(TYPES.CDS) as Json | undefined
  if (!r) return []
  return (r.resources as Json[]).map((x) => {
    const any = x.resource ?? x
    return String(fromAny({ type_url: any.type_url, value: any.value }).connectTimeout)
  })
}

/**
 * propagation: a mesh-wide MeshTimeout (every proxy affected) is written `changes` times; each
 * time, from the API's answer to the last proxy's ACK of a CDS response sent after the write.
 */
export async function propagation(
  edge: Edge,
  w: World,
  o: { changes: number; budgetMs: number; emit: Emit; log: (s: string) => void },
): Promise<{ usage: Usage; changes: number }> {
  const n = w.ids.length
  const samples: number[] = []
  let ackedSince: Map<string, number> = new Map()
  let writeSentAt = Infinity
  w.gen.onAck = (p, t, at) => {
    if (t === TYPES.CDS && at > writeSentAt && !ackedSince.has(p.id)) ackedSince.set(p.id, at)
  }
  const c0 = await counters(edge)
  const agentCpu0 = cpuMsOf(w.agent.pid)
  const end = Date.now() + o.budgetMs
  let failed: string | undefined
  for (let i = 0; i < o.changes && Date.now() < end; i++) {
    const value = `${10 + (i % 2 === 0 ? i : i + 1000)}s`
    ackedSince = new Map()
    writeSentAt = performance.now()
    const put = await api(
      edge.url,
      w.adminToken,
      'PUT',
      '/meshes/default/meshtimeouts/bench-propagation',
      timeoutPolicy(value),
    )
    const accepted = performance.now()
    if (put.status >= 300) throw new Error(`write: ${put.status} ${put.text}`)
    const deadline = Date.now() + Math.max(30_000, end - Date.now())
    while (ackedSince.size < n && Date.now() < deadline) await sleep(5)
    if (ackedSince.size < n) {
      failed = `change ${i}: ${ackedSince.size} of ${n} proxies ACKed when the time budget ran out (not counted)`
      o.log(failed)
      // let it land, so the next scenario starts quiet
      const drain = Date.now() + 300_000
      while (ackedSince.size < n && Date.now() < drain) await sleep(50)
      break
    }
    const last = Math.max(...ackedSince.values())
    samples.push(Math.max(0, last - accepted))
    const got = cdsTimeouts(w)
    const want = `${value.replace('s', '')}s`
    if (!got.some((v) => v === want || v === `${Number(value.replace('s', ''))}s`)) {
      throw new Error(
        `proxy ${w.ids[0]} ACKed a CDS without the new timeout ${value}: ${got.join(',')}`,
      )
    }
    await sleep(50)
  }
  w.gen.onAck = undefined
  const u = usage(c0, await counters(edge))
  const k = Math.max(1, samples.length)
  const agentCpuMs = Math.round((cpuMsOf(w.agent.pid) - agentCpu0) / k)
  const params = {
    proxies: n,
    changes: samples.length,
    requested: o.changes,
    variants: 'half SotW, half delta',
    affected: n,
    edgeCpuMsPerChange: Math.round(u.cpuMs / k),
    agentCpuMsPerChange: agentCpuMs,
    ...(failed ? { failed } : {}),
  }
  if (samples.length > 0) {
    o.emit({ name: `propagation_p50_${n}`, value: pct(samples, 0.5), unit: 'ms', params })
    o.emit({ name: `propagation_p99_${n}`, value: pct(samples, 0.99), unit: 'ms', params })
    o.emit({ name: `propagation_max_${n}`, value: Math.max(...samples), unit: 'ms', params })
  } else {
    o.emit({ name: `propagation_p99_${n}`, value: -1, unit: 'ms', params })
  }
  return { usage: u, changes: samples.length }
}

/** incremental: one MeshTimeout on one service; who got new config, and the bytes and CPU. */
export async function incremental(
  edge: Edge,
  w: World,
  o: { emit: Emit; log: (s: string) => void; full: { toAgent: number; toProxies: number } },
) {
  const n = w.ids.length
  const acked = new Set<string>()
  let sentAt = Infinity
  let lastAck = 0
  w.gen.onAck = (p, _t, at) => {
    lastAck = at
    if (at > sentAt) acked.add(p.id)
  }
  // start quiet: no ACK for 3 s (at most 300 s)
  const quietBy = Date.now() + 300_000
  sentAt = -Infinity
  while (Date.now() < quietBy && performance.now() - lastAck < 3000) await sleep(250)
  sentAt = Infinity
  acked.clear()
  const c0 = await counters(edge)
  const relay0 = { toAgent: w.relay.toAgent, toEdge: w.relay.toEdge }
  const wire0 = wire.bytes
  const target = svcName(7 % w.params.services)
  sentAt = performance.now()
  const put = await api(
    edge.url,
    w.adminToken,
    'PUT',
    '/meshes/default/meshtimeouts/bench-one-service',
    timeoutPolicy('7s', target),
  )
  if (put.status >= 300) throw new Error(`write: ${put.status} ${put.text}`)
  // settle: no new ACK for 2 s (at most 120 s)
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    await sleep(250)
    const quietFor = performance.now() - Math.max(lastAck, sentAt)
    if (acked.size > 0 && quietFor > 2000) break
  }
  w.gen.onAck = undefined
  const u = usage(c0, await counters(edge))
  const expected = Math.min(w.params.reach, w.params.services - 1) * w.params.instances
  const params = { proxies: n, target, expectedAffected: expected }
  o.emit({ name: `incremental_proxies_updated_${n}`, value: acked.size, unit: 'proxies', params })
  o.emit({
    name: `incremental_edge_cpu_ms_${n}`,
    value: u.cpuMs,
    unit: 'ms',
    params: { ...params, what: 'workerd process CPU from the write to quiet' },
  })
  o.emit({
    name: `incremental_edge_to_agent_bytes_${n}`,
    value: w.relay.toAgent - relay0.toAgent,
    unit: 'B',
    params: { ...params, fullPush: o.full.toAgent },
  })
  o.emit({
    name: `incremental_edge_to_agent_full_bytes_${n}`,
    value: o.full.toAgent,
    unit: 'B',
    params: { ...params, what: 'first sync of the zone' },
  })
  o.emit({
    name: `incremental_agent_to_proxies_bytes_${n}`,
    value: wire.bytes - wire0,
    unit: 'B',
    params: { ...params, fullPush: o.full.toProxies },
  })
  o.emit({
    name: `incremental_agent_to_proxies_full_bytes_${n}`,
    value: o.full.toProxies,
    unit: 'B',
    params: { ...params, what: 'every proxy connecting' },
  })
  o.emit({ name: `incremental_d1_rows_read_${n}`, value: u.d1RowsRead, unit: 'rows', params })
}

export type Memory = { rssKb: number; heapUsed: number; external: number }

/**
 * memory: the agent's RSS after GC with N streams, minus an idle agent's, per proxy; and the
 * same for the live JS heap plus external buffers (RSS keeps the high-water mark of the first
 * sync, the heap figure is what the proxies hold now).
 */
export async function memory(w: World, o: { emit: Emit; baseline: Memory }) {
  const n = w.ids.length
  const m = await w.agent.memory()
  const b = o.baseline
  const live = (x: Memory) => (x.heapUsed + x.external) / 1024
  const params = { proxies: n, baselineRssKb: b.rssKb, baselineLiveKb: Math.round(live(b)) }
  o.emit({
    name: `agent_memory_rss_${n}`,
    value: m.rssKb,
    unit: 'KB',
    params: { ...params, liveKb: Math.round(live(m)) },
  })
  o.emit({
    name: `agent_memory_per_proxy_${n}`,
    value: (m.rssKb - b.rssKb) / n,
    unit: 'KB',
    params: { ...params, what: '(RSS after GC - idle agent RSS) / proxies' },
  })
  o.emit({
    name: `agent_memory_live_per_proxy_${n}`,
    value: (live(m) - live(b)) / n,
    unit: 'KB',
    params: { ...params, what: "(heap used + external after GC - idle agent's) / proxies" },
  })
  return m
}

/** baselineAgent measures an agent with no config and no proxies (its edge unreachable). */
export async function baselineAgent(root: string, dir: string, tokenFile: string): Promise<Memory> {
  const a = await startAgent({
    root,
    edgeUrl: 'http://127.0.0.1:9',
    tokenFile,
    stateDir: `${dir}/baseline-state`,
  })
  await sleep(1500)
  const m = await a.memory()
  await a.stop('SIGKILL')
  return m
}

/** storm: the agent restarts under N connected proxies; until each has its full config again. */
export async function storm(
  w: World,
  o: { emit: Emit; timeoutMs: number; log: (s: string) => void },
) {
  const n = w.ids.length
  const before = new Map([...w.gen.proxies.values()].map((p) => [p.id, p.connects]))
  const t0 = performance.now()
  await w.restartAgent('SIGKILL', o.timeoutMs)
  const restarted = performance.now() - t0
  const deadline = Date.now() + o.timeoutMs
  let done = 0
  while (Date.now() < deadline) {
    done = 0
    for (const p of w.gen.proxies.values())
      if (p.connects > before.get(p.id)! && p.fullAt !== undefined) done++
    if (done === n) break
    await sleep(20)
  }
  const ms = performance.now() - t0
  const params = {
    proxies: n,
    restartMs: Math.round(restarted),
    configured: done,
    clientState: 'reconnect with no config (each is sent everything)',
    retry: '250-750 ms jittered',
  }
  o.emit({ name: `reconnect_storm_${n}`, value: done === n ? ms : -1, unit: 'ms', params })
}

/** idle: what a connected, idle zone costs the edge per minute. */
export async function idle(edge: Edge, w: World, o: { emit: Emit; seconds: number }) {
  await sleep(2000)
  const c0 = await counters(edge)
  await sleep(o.seconds * 1000)
  const u = usage(c0, await counters(edge))
  const per = 60 / o.seconds
  const params = { proxies: w.ids.length, windowSeconds: o.seconds }
  o.emit({ name: 'edge_cost_idle_requests_per_min', value: u.requests * per, unit: 'req', params })
  o.emit({
    name: 'edge_cost_idle_d1_reads_per_min',
    value: u.d1Reads * per,
    unit: 'queries',
    params,
  })
  o.emit({
    name: 'edge_cost_idle_d1_writes_per_min',
    value: u.d1Writes * per,
    unit: 'queries',
    params,
  })
  o.emit({
    name: 'edge_cost_idle_d1_rows_read_per_min',
    value: u.d1RowsRead * per,
    unit: 'rows',
    params,
  })
  o.emit({
    name: 'edge_cost_idle_do_requests_per_min',
    value: u.doRequests * per,
    unit: 'req',
    params: { ...params, byMethod: u.doByMethod },
  })
  o.emit({ name: 'edge_cost_idle_cpu_ms_per_min', value: u.cpuMs * per, unit: 'ms', params })
  return u
}
