/**
 * @module `npm run bench [-- --quick] [--only gen,propagation,...] [--proxies 1,1000] [--out FILE]`: every scenario of
 * issue 8 on the real parts (the Worker in workerd with local D1, the kumo-agent process, N ADS
 * clients), printed as measured and written to bench/results.json. Bounded; stops by itself.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { edgeCost } from './cost'
import { runGen, runIncrementalEdge } from './gen'
import { wire } from './loadgen'
import { type Edge, startEdge } from './procs'
import { Results } from './results'
import {
  baselineAgent,
  idle,
  incremental,
  type Memory,
  memory,
  propagation,
  storm,
  type Usage,
} from './scenarios'
import type { SynthParams } from './synth'
import { startWorld, type World } from './world'

const ROOT = path.resolve(process.env.KUMO_ROOT ?? process.cwd())
const args = process.argv.slice(2)
const quick = args.includes('--quick')
const flag = (name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const only = flag('--only')?.split(',')
const want = (s: string) => !only || only.includes(s)
const out = path.resolve(flag('--out') ?? path.join(ROOT, 'bench', 'results.json'))

const PLAN = quick
  ? {
      gen: { services: 100, runs: 10, runsAll: 3, incremental: 100 },
      propagation: [
        { n: 1, changes: 10, budgetMs: 15_000 },
        { n: 100, changes: 10, budgetMs: 20_000 },
      ],
      big: 100,
      memoryAt: [100],
      idleSeconds: 10,
      setupTimeoutMs: 60_000,
      stormTimeoutMs: 30_000,
    }
  : {
      gen: { services: 1000, runs: 20, runsAll: 5, incremental: 200 },
      propagation: [
        { n: 1, changes: 100, budgetMs: 120_000 },
        { n: 1000, changes: 100, budgetMs: 240_000 },
        { n: 5000, changes: 100, budgetMs: 300_000 },
      ],
      big: 5000,
      memoryAt: [1000, 5000],
      idleSeconds: 60,
      setupTimeoutMs: 600_000,
      stormTimeoutMs: 300_000,
    }

/** meshFor is the mesh of n proxies: n/5 services of 5 (at least 2 services, so each proxy has an outbound). */
const meshFor = (n: number, policies = 50): SynthParams => ({
  services: Math.max(2, Math.ceil(n / 5)),
  instances: 5,
  proxies: n,
  reach: 20,
  policies,
  allProxy: false,
})

const log = (s: string) => process.stdout.write(`# ${s}\n`)

async function main() {
  const results = new Results(out, ROOT)
  const emit = results.emit.bind(results)
  const t0 = Date.now()
  log(`kumo bench ${quick ? '--quick' : '(full)'} -> ${path.relative(ROOT, out)}`)

  if (want('gen')) {
    log('gen: generator CPU per proxy (in-process, the core the edge runs)')
    const p = { services: PLAN.gen.services, instances: 5, reach: 20, policies: 50, allProxy: true }
    runGen({ params: p, runs: PLAN.gen.runs, runsAll: PLAN.gen.runsAll, emit })
  }
  if (want('incremental')) {
    log('incremental: what the edge computes for one MeshTimeout on one service (in-process)')
    const p = {
      services: PLAN.gen.incremental,
      instances: 5,
      reach: 20,
      policies: 50,
      allProxy: false,
    }
    runIncrementalEdge({ params: p, runs: 1, runsAll: 1, emit })
  }
  const e2e = ['propagation', 'incremental', 'agent_memory', 'reconnect_storm', 'edge_cost'].some(
    want,
  )
  if (!e2e) return
  const dir = mkdtempSync(path.join(tmpdir(), 'kumo-bench-'))
  let edge: Edge | undefined
  const worlds: World[] = []
  try {
    log('starting the Worker (wrangler dev, local D1)')
    edge = await startEdge(ROOT)
    let baseline: Memory | undefined
    let perChange: { usage: Usage; changes: number; n: number } | undefined
    let idleUsage: { usage: Usage; n: number; seconds: number } | undefined
    const sizes = flag('--proxies')?.split(',').map(Number)
    for (const step of PLAN.propagation.filter((s) => !sizes || sizes.includes(s.n))) {
      const n = step.n
      const isBig = n === PLAN.big
      const needed =
        want('propagation') ||
        (isBig && ['incremental', 'reconnect_storm'].some(want)) ||
        (PLAN.memoryAt.includes(n) && want('agent_memory')) ||
        (want('edge_cost') && (n === 1000 || (quick && isBig)))
      if (!needed) continue
      log(`${n} proxies: tenant, agent and load generator`)
      const wire0 = wire.bytes
      const world = await startWorld({
        root: ROOT,
        dir,
        edge,
        tenant: `bench-${n}`,
        params: meshFor(n, quick ? 20 : 50),
        setupTimeoutMs: PLAN.setupTimeoutMs,
        log,
      })
      worlds.push(world)
      const full = { toAgent: world.relay.toAgent, toProxies: wire.bytes - wire0 }
      emit({
        name: `propagation_setup_${n}`,
        value: world.setupMs,
        unit: 'ms',
        params: {
          proxies: n,
          edgeCpuMs: world.setupEdgeCpuMs,
          what: 'agent start to every proxy holding its full config',
        },
      })
      if (want('agent_memory') && PLAN.memoryAt.includes(n)) {
        baseline ??= await baselineAgent(ROOT, dir, path.join(dir, world.tenant, 'zone.token'))
        await memory(world, { emit, baseline })
      }
      if (want('propagation') || want('edge_cost')) {
        const r = await propagation(edge, world, { ...step, emit, log })
        if (!perChange || n === 1000 || (quick && n === PLAN.big)) perChange = { ...r, n }
      }
      if (want('edge_cost') && (n === 1000 || (quick && n === PLAN.big))) {
        idleUsage = {
          usage: await idle(edge, world, { emit, seconds: PLAN.idleSeconds }),
          n,
          seconds: PLAN.idleSeconds,
        }
        if (perChange) edgeCost({ emit, perChange, idle: idleUsage })
      }
      if (isBig && want('incremental')) await incremental(edge, world, { emit, log, full })
      if (isBig && want('reconnect_storm'))
        await storm(world, { emit, timeoutMs: PLAN.stormTimeoutMs, log })
      await world.close()
      worlds.pop()
      log(`${n} proxies done (${Math.round((Date.now() - t0) / 1000)} s so far)`)
    }
  } finally {
    for (const w of worlds) await w.close().catch(() => undefined)
    await edge?.stop().catch(() => undefined)
    try {
      rmSync(dir, { recursive: true, force: true })
    } catch {}
  }
  log(
    `done in ${Math.round((Date.now() - t0) / 1000)} s; ${results.rows.length} figures in ${path.relative(ROOT, out)}`,
  )
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench failed: ${(e as Error).stack ?? e}\n`)
    process.exit(1)
  },
)
void writeFileSync
