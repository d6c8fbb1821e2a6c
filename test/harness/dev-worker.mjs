/**
 * @module startDevWorker: the real Kumo Worker under `wrangler dev` for end-to-end tests — fresh
 * local D1 (migrations applied) in a temp dir, a free loopback port, a random operator secret,
 * one tenant created through the operator API. stop() ends the process group it started.
 */
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** freePort asks the kernel for an unused loopback port. */
export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => ok(port))
    })
  })
}

/**
 * startDevWorker starts one Worker and one tenant.
 * @param {{ tenant?: string, timeoutMs?: number, project?: string }} [opts] `project` is the
 *   checkout to run (this one by default)
 */
export async function startDevWorker(opts = {}) {
  const PROJECT = opts.project ?? ROOT
  const tenant = opts.tenant ?? 'default'
  const timeoutMs = opts.timeoutMs ?? 120_000
  const state = mkdtempSync(join(tmpdir(), 'kumo-dev-worker-'))
  const persist = join(state, 'persist')
  mkdirSync(persist)
  const operatorToken = randomBytes(24).toString('base64url')
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' }
  const wrangler = join(PROJECT, 'node_modules', '.bin', 'wrangler')
  const cleanup = () => rmSync(state, { recursive: true, force: true })

  const migrate = spawnSync(
    wrangler,
    ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist],
    { cwd: PROJECT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  )
  if (migrate.status !== 0) {
    cleanup()
    throw new Error(`applying D1 migrations failed:\n${migrate.stdout}${migrate.stderr}`)
  }

  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const log = join(state, 'wrangler.log')
  const out = openSync(log, 'a')
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist]
  args.push('--var', `OPERATOR_TOKEN:${operatorToken}`, '--show-interactive-dev-session=false')
  const child = spawn(wrangler, args, {
    cwd: PROJECT,
    env,
    stdio: ['ignore', out, out],
    detached: true,
  })
  const exited = new Promise((ok) => child.once('exit', (code) => ok(code)))
  let gone = false
  exited.then(() => (gone = true))
  const tail = () => {
    try {
      return readFileSync(log, 'utf8').split('\n').slice(-30).join('\n')
    } catch {
      return ''
    }
  }

  let stopped = false
  /** stop ends wrangler and workerd (their process group, by its id) and removes the state. */
  const stop = async () => {
    if (stopped) return
    stopped = true
    if (!gone && child.pid) {
      const signal = (sig) => {
        try {
          process.kill(-(/** @type {number} */ (child.pid)), sig)
        } catch {}
      }
      signal('SIGTERM')
      const timer = setTimeout(() => signal('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
      // workerd may outlive wrangler inside the group
      signal('SIGKILL')
    }
    cleanup()
  }

  try {
    const deadline = Date.now() + timeoutMs
    let healthy = false
    while (Date.now() < deadline && !gone) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) {
          healthy = true
          break
        }
      } catch {}
      // a broken build is not fixed by waiting: report wrangler's words at once
      if (/Build failed/.test(tail())) break
      await new Promise((r) => setTimeout(r, 300))
    }
    if (!healthy) throw new Error(`wrangler dev did not answer on ${url}:\n${tail()}`)
    const res = await fetch(`${url}/_operator/tenants`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${operatorToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: tenant }),
    })
    const body = await res.json()
    if (res.status !== 201)
      throw new Error(`creating tenant ${tenant}: ${res.status} ${JSON.stringify(body)}`)
    return { url, adminToken: String(body.token), operatorToken, tenant, stop, log: tail }
  } catch (e) {
    await stop()
    throw e
  }
}
