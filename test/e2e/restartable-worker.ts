/**
 * @module A Kumo Worker under `wrangler dev` that can be stopped and started again on the same
 * port with the same local D1 (an edge outage and its end), for end-to-end tests. Each start runs
 * in its own process group; stop() ends that group by its id.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { openSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface RestartableWorker {
  url: string
  start(): Promise<void>
  stop(): Promise<void>
  log(): string
}

/** restartableWorker applies the migrations to `persist` once; start() then serves on `port`. */
export function restartableWorker(o: {
  persist: string
  port: number
  operatorToken: string
  vars?: Record<string, string>
}): RestartableWorker {
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' }
  const wrangler = path.join(ROOT, 'node_modules', '.bin', 'wrangler')
  const logFile = path.join(o.persist, '..', `wrangler-${o.port}.log`)
  const url = `http://127.0.0.1:${o.port}`
  let child: ChildProcess | undefined
  let migrated = false
  const log = () => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')
    } catch {
      return ''
    }
  }
  const stop = async () => {
    const c = child
    child = undefined
    if (!c?.pid) return
    const signal = (sig: NodeJS.Signals) => {
      try {
        process.kill(-c.pid!, sig)
      } catch {}
    }
    if (c.exitCode === null) {
      const exited = new Promise((r) => c.once('exit', r))
      signal('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
    }
    signal('SIGKILL')
  }
  const start = async () => {
    if (!migrated) {
      const m = spawnSync(
        wrangler,
        ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', o.persist],
        { cwd: ROOT, env, encoding: 'utf8' },
      )
      if (m.status !== 0) throw new Error(`migrations failed:\n${m.stdout}${m.stderr}`)
      migrated = true
    }
    const args = ['dev', '--ip', '127.0.0.1', '--port', String(o.port), '--persist-to', o.persist]
    args.push('--var', `OPERATOR_TOKEN:${o.operatorToken}`, '--show-interactive-dev-session=false')
    for (const [k, v] of Object.entries(o.vars ?? {})) args.push('--var', `${k}:${v}`)
    const out = openSync(logFile, 'a')
    child = spawn(wrangler, args, { cwd: ROOT, env, stdio: ['ignore', out, out], detached: true })
    const deadline = Date.now() + 120_000
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) return
      } catch {}
      if (child.exitCode !== null) break
      await new Promise((r) => setTimeout(r, 300))
    }
    await stop()
    throw new Error(`wrangler dev did not answer on ${url}:\n${log()}`)
  }
  return { url, start, stop, log }
}
