/**
 * @module The real components the benchmark runs: the Worker under `wrangler dev` (workerd, local
 * D1, counting bindings) and the kumo-agent process. Every process is started here and stopped by
 * its own id; all traffic stays on 127.0.0.1.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address()
      const port = typeof a === 'object' && a ? a.port : 0
      srv.close(() => ok(port))
    })
  })
}

/** cpuMsOf is the CPU time (user + system) a process has used, from /proc (Linux). */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100 // clock ticks are 100 Hz on Linux
}

export function rssKbOf(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) : 0
}

/** descendants lists the pids under `pid` with their command names. */
export function descendants(pid: number): { pid: number; comm: string }[] {
  const children = new Map<number, number[]>()
  const comm = new Map<number, string>()
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      comm.set(Number(e), stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')))
      children.set(ppid, [...(children.get(ppid) ?? []), Number(e)])
    } catch {}
  }
  const out: { pid: number; comm: string }[] = []
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push({ pid: c, comm: comm.get(c) ?? '' })
      walk(c)
    }
  }
  walk(pid)
  return out
}

export interface Edge {
  url: string
  operatorToken: string
  /** workerdPids are the processes running the Worker (their CPU is the Worker's CPU). */
  workerdPids: number[]
  /** cpuMs is the CPU time the workerd processes have used so far. */
  cpuMs(): number
  stop(): Promise<void>
  log(): string
}

/** startEdge runs bench/edge (the real Worker, counting bindings) on a fresh local D1. */
export async function startEdge(root: string): Promise<Edge> {
  const state = mkdtempSync(path.join(tmpdir(), 'kumo-bench-edge-'))
  const persist = path.join(state, 'persist')
  mkdirSync(persist)
  const source = path.join(root, 'bench', 'edge', 'wrangler.toml')
  const wrangler = path.join(root, 'node_modules', '.bin', 'wrangler')
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' }
  // bundle once and serve the bundle: edits elsewhere in the tree must not reload the Worker
  // (a reload would reset the counters and measure a half-edited tree)
  const built = path.join(root, 'bench', '.build', `edge-${process.pid}`)
  const b = spawnSync(wrangler, ['deploy', '--dry-run', '--outdir', built, '--config', source], {
    cwd: root,
    env,
    encoding: 'utf8',
  })
  if (b.status !== 0) throw new Error(`bundling the Worker failed:\n${b.stdout}${b.stderr}`)
  const config = path.join(built, 'wrangler.toml')
  const migrations = path.relative(built, path.join(root, 'schema', 'migrations'))
  writeFileSync(
    config,
    readFileSync(source, 'utf8')
      .replace(/^main = .*$/m, 'main = "worker.js"\nno_bundle = true')
      .replace(/^migrations_dir = .*$/m, `migrations_dir = "${migrations}"`),
  )
  const migrate = spawnSync(
    wrangler,
    ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist, '--config', config],
    { cwd: root, env, encoding: 'utf8' },
  )
  if (migrate.status !== 0)
    throw new Error(`D1 migrations failed:\n${migrate.stdout}${migrate.stderr}`)
  const port = await freePort()
  const operatorToken = randomBytes(24).toString('base64url')
  const logFile = path.join(state, 'wrangler.log')
  const out = openSync(logFile, 'a')
  const child = spawn(
    wrangler,
    ['dev', '--config', config, '--ip', '127.0.0.1', '--port', String(port)]
      .concat(['--persist-to', persist, '--var', `OPERATOR_TOKEN:${operatorToken}`])
      .concat(['--show-interactive-dev-session=false']),
    { cwd: root, env, stdio: ['ignore', out, out], detached: true },
  )
  const exited = new Promise((ok) => child.once('exit', ok))
  let gone = false
  void exited.then(() => (gone = true))
  const log = () => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n')
    } catch {
      return ''
    }
  }
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (!gone && child.pid) {
      const kill = (sig: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, sig)
        } catch {}
      }
      kill('SIGTERM')
      const t = setTimeout(() => kill('SIGKILL'), 5000)
      await exited
      clearTimeout(t)
      kill('SIGKILL')
    }
    rmSync(state, { recursive: true, force: true })
    rmSync(built, { recursive: true, force: true })
  }
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline && !gone) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break
    } catch {}
    await sleep(300)
  }
  const workerd = descendants(child.pid!).filter((p) => p.comm === 'workerd')
  if (gone || workerd.length === 0) {
    await stop()
    throw new Error(`wrangler dev did not start:\n${log()}`)
  }
  const pids = workerd.map((p) => p.pid)
  const cpuMs = () => pids.reduce((t, pid) => t + cpuMsOf(pid), 0)
  return { url, operatorToken, workerdPids: pids, cpuMs, stop, log }
}

export type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** api calls the edge and parses JSON answers. */
export async function api(url: string, token: string, method: string, p: string, body?: unknown) {
  const res = await fetch(url + p, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let json: Json | undefined
  try {
    json = JSON.parse(text)
  } catch {}
  return { status: res.status, text, json }
}

export interface Agent {
  pid: number
  ads: string
  api: string
  stateDir: string
  logs: string[]
  stop(signal?: NodeJS.Signals): Promise<void>
  /** memory forces a GC in the agent and reads its memory (bench/agent-probe.mjs). */
  memory(): Promise<{ rssKb: number; heapUsed: number; external: number }>
}

export interface AgentOptions {
  root: string
  edgeUrl: string
  tokenFile: string
  stateDir: string
  adsPort?: number
  apiPort?: number
  /** startTimeoutMs bounds the wait for its API (default 60 s). */
  startTimeoutMs?: number
}

/** startAgent runs the real kumo-agent with the GC probe preloaded. */
export async function startAgent(o: AgentOptions): Promise<Agent> {
  const adsPort = o.adsPort ?? (await freePort())
  const apiPort = o.apiPort ?? (await freePort())
  const probeFile = path.join(o.stateDir, '..', `probe-${adsPort}.json`)
  const proc: ChildProcess = spawn(
    process.execPath,
    [
      '--expose-gc',
      // e.g. KUMO_BENCH_AGENT_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it
      ...(process.env.KUMO_BENCH_AGENT_NODE_OPTIONS?.split(' ').filter(Boolean) ?? []),
      '--import',
      path.join(o.root, 'bench', 'agent-probe.mjs'),
      // dist/agent.mjs, built by bench/run.mjs (agent/kumo-agent.mjs would rebuild it when a
      // source changed, and time the build as part of a restart)
      path.join(o.root, 'dist', 'agent.mjs'),
      ...['--control-plane', o.edgeUrl, '--zone', 'default', '--zone-token', o.tokenFile],
      ...['--ads-address', `127.0.0.1:${adsPort}`, '--api-address', `127.0.0.1:${apiPort}`],
      ...['--state-dir', o.stateDir, '--log-level', 'warn'],
    ],
    {
      cwd: o.root,
      env: { ...process.env, KUMO_BENCH_PROBE: probeFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const logs: string[] = []
  const keep = (b: Buffer) => {
    for (const l of b.toString().split('\n')) if (l) logs.push(l)
    if (logs.length > 200) logs.splice(0, logs.length - 200)
  }
  proc.stdout!.on('data', keep)
  proc.stderr!.on('data', keep)
  const exited = new Promise((r) => proc.once('exit', r))
  const agent: Agent = {
    pid: proc.pid!,
    ads: `127.0.0.1:${adsPort}`,
    api: `http://127.0.0.1:${apiPort}`,
    stateDir: o.stateDir,
    logs,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode !== null || proc.signalCode !== null) return
      proc.kill(signal)
      const t = setTimeout(() => proc.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(t)
    },
    async memory() {
      rmSync(probeFile, { force: true })
      proc.kill('SIGUSR2')
      for (let i = 0; i < 100; i++) {
        await sleep(50)
        try {
          return JSON.parse(readFileSync(probeFile, 'utf8'))
        } catch {}
      }
      throw new Error('the agent probe did not answer')
    },
  }
  const deadline = Date.now() + (o.startTimeoutMs ?? 60_000)
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`kumo-agent exited:\n${logs.join('\n')}`)
    try {
      if ((await fetch(`${agent.api}/ready`)).status < 500) return agent
    } catch {}
    await sleep(200)
  }
  await agent.stop('SIGKILL')
  throw new Error(`kumo-agent did not start:\n${logs.join('\n')}`)
}
