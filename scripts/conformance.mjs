#!/usr/bin/env node
// npm run conformance -- [DIR] [--json FILE] [--filter TEXT] [--concurrency N] [--verbose]
// Runs Kuma's api-server cases (`*.input.yaml`, recursively under DIR) the way Kuma's harness
// does, against one real Worker under `wrangler dev` (temp D1 state, free loopback port), each
// case in a fresh tenant. Legacy-policy cases are skipped by kind. Ends with the line
// `conformance: P passed, F failed, S skipped`; exits 0 unless the runner itself breaks.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  compareBody,
  findCases,
  legacyKinds,
  loadCase,
  meshPlan,
  normalize,
  tenantName,
} from '../test/conformance/cases.mjs'

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DEFAULT_DIR = resolve(PROJECT, '../shared/conformance/kuma-v2.14.3/api-server')
const MAX_DIFFS = 4

function parseArgs(argv) {
  const opts = {
    dir: DEFAULT_DIR,
    json: undefined,
    filter: undefined,
    concurrency: 4,
    verbose: false,
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`)
      return argv[++i]
    }
    if (a === '--json') opts.json = resolve(value())
    else if (a === '--filter') opts.filter = value()
    else if (a === '--concurrency') opts.concurrency = Math.max(1, Number(value()) || 1)
    else if (a === '--verbose' || a === '-v') opts.verbose = true
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`)
    else opts.dir = resolve(a)
  }
  return opts
}

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => ok(port))
    })
  })
}

/** Worker is one `wrangler dev` process group, started here and stopped by its id only. */
class Worker {
  constructor() {
    this.state = mkdtempSync(join(tmpdir(), 'kumo-conformance-'))
    this.secret = randomBytes(24).toString('base64url')
    this.env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' }
    this.wrangler = join(PROJECT, 'node_modules', '.bin', 'wrangler')
    this.child = undefined
    this.stopped = false
  }

  async start() {
    const persist = join(this.state, 'persist')
    mkdirSync(persist)
    const migrate = spawnSync(
      this.wrangler,
      ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist],
      {
        cwd: PROJECT,
        env: this.env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    if (migrate.status !== 0)
      throw new Error(`applying D1 migrations failed:\n${migrate.stdout}${migrate.stderr}`)
    this.port = await freePort()
    this.address = `127.0.0.1:${this.port}`
    this.base = `http://${this.address}`
    this.log = join(this.state, 'wrangler.log')
    const out = openSync(this.log, 'a')
    const args = ['dev', '--ip', '127.0.0.1', '--port', String(this.port), '--persist-to', persist]
    args.push('--var', `OPERATOR_TOKEN:${this.secret}`, '--show-interactive-dev-session=false')
    this.child = spawn(this.wrangler, args, {
      cwd: PROJECT,
      env: this.env,
      stdio: ['ignore', out, out],
      detached: true,
    })
    this.exited = new Promise((ok) => this.child.once('exit', (code) => ok(code)))
    let gone = false
    this.exited.then(() => (gone = true))
    const deadline = Date.now() + 120_000
    while (Date.now() < deadline && !gone) {
      try {
        if ((await fetch(`${this.base}/healthz`)).ok) return
      } catch {}
      await new Promise((r) => setTimeout(r, 300))
    }
    throw new Error(`wrangler dev did not answer on ${this.base}:\n${this.tail()}`)
  }

  tail() {
    try {
      return readFileSync(this.log, 'utf8').split('\n').slice(-30).join('\n')
    } catch {
      return ''
    }
  }

  async stop() {
    if (this.stopped) return
    this.stopped = true
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      try {
        process.kill(-this.child.pid, 'SIGTERM')
      } catch {}
      const timer = setTimeout(() => {
        try {
          process.kill(-this.child.pid, 'SIGKILL')
        } catch {}
      }, 5000)
      await this.exited
      clearTimeout(timer)
    }
    rmSync(this.state, { recursive: true, force: true })
  }

  async call(method, path, { token, body, json } = {}) {
    const headers = {}
    if (token) headers.Authorization = `Bearer ${token}`
    let payload = body
    if (json !== undefined) payload = JSON.stringify(json)
    if (payload !== undefined) headers['Content-Type'] = 'application/json'
    const res = await fetch(this.base + path, { method, headers, body: payload })
    return { status: res.status, text: await res.text() }
  }
}

/** runCase loads one case into a fresh tenant and plays its actions, stopping at the first miss. */
async function runCase(worker, c, index) {
  const result = { name: c.name, folder: c.folder, status: 'pass', notes: [] }
  const legacy = legacyKinds(c)
  if (legacy.length > 0) return { ...result, status: 'skip', legacyKinds: legacy }
  const tenant = tenantName(index, c.name)
  const created = await worker.call('POST', '/_operator/tenants', {
    token: worker.secret,
    json: { name: tenant },
  })
  if (created.status !== 201)
    throw new Error(`creating tenant ${tenant}: ${created.status} ${created.text}`)
  const { token } = JSON.parse(created.text)
  const plan = meshPlan(c)
  if (plan.note) result.notes.push(plan.note)
  if (plan.deleteDefault) {
    const del = await worker.call('DELETE', '/meshes/default', { token })
    if (del.status !== 200)
      result.notes.push(`could not delete mesh default: ${del.status} ${del.text}`)
  }
  if (c.resources.length > 0) {
    const imp = await worker.call('POST', `/_operator/tenants/${tenant}/resources`, {
      token: worker.secret,
      json: c.resources,
    })
    if (imp.status >= 300 && imp.status !== 207)
      throw new Error(`import: ${imp.status} ${imp.text}`)
    const skipped = JSON.parse(imp.text).skipped ?? []
    result.importSkipped = skipped
    const counts = new Map()
    for (const s of skipped) {
      const key = `${s.type} (${s.reason})`
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    for (const [key, n] of counts)
      result.notes.push(`import skipped ${n > 1 ? `${n}x ` : ''}${key}`)
  }
  for (const [i, a] of c.actions.entries()) {
    const where = { action: i, method: a.method, path: a.path }
    if ((a.method === 'PUT' || a.method === 'POST') && a.request === undefined) {
      return { ...result, status: 'fail', ...where, reason: `missing ${a.requestFile}`, diffs: [] }
    }
    const res = await worker.call(a.method, a.path, { token, body: a.request })
    const body = normalize(res.text, worker.address)
    const diffs = compareBody(a.golden, body)
    if (res.status !== a.status || diffs.length > 0) {
      const reason =
        res.status !== a.status
          ? `status ${res.status}, expected ${a.status}${errorSummary(body)}`
          : 'body differs'
      return { ...result, status: 'fail', ...where, reason, gotStatus: res.status, diffs, body }
    }
  }
  return result
}

/** errorSummary quotes the title and detail of a Kuma error envelope, to say why at a glance. */
function errorSummary(body) {
  try {
    const e = JSON.parse(body)
    if (e && typeof e.title === 'string')
      return ` (got "${e.title}"${e.detail ? `: "${e.detail}"` : ''})`
  } catch {}
  return ''
}

async function pool(items, size, fn) {
  const out = new Array(items.length)
  let next = 0
  const lane = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, lane))
  return out
}

function report(results, opts) {
  const lines = []
  for (const r of results) {
    if (r.status === 'fail') {
      const at = r.method ? ` [#${r.action} ${r.method} ${r.path}]` : ''
      lines.push(`FAIL ${r.name}${at}: ${r.reason}`)
      // a wrong status already says most; its body diff is mostly the other envelope's fields
      const max = r.reason.startsWith('status') ? 2 : MAX_DIFFS
      for (const d of r.diffs.slice(0, max)) {
        lines.push(`    ${d.path}: expected ${d.expected}, got ${d.got}`)
      }
      if (r.diffs.length > max) lines.push(`    ... ${r.diffs.length - max} more differences`)
      for (const n of r.notes) lines.push(`    note: ${n}`)
    } else if (r.status === 'skip') {
      lines.push(`SKIP ${r.name} (legacy: ${r.legacyKinds.join(', ')})`)
    } else if (opts.verbose) {
      lines.push(`PASS ${r.name}`)
    }
  }
  const folders = new Map()
  const byKind = new Map()
  const total = { pass: 0, fail: 0, skip: 0 }
  for (const r of results) {
    const f = folders.get(r.folder) ?? { pass: 0, fail: 0, skip: 0 }
    f[r.status]++
    total[r.status]++
    folders.set(r.folder, f)
    for (const k of r.legacyKinds ?? []) byKind.set(k, (byKind.get(k) ?? 0) + 1)
  }
  lines.push('', 'per folder:')
  const width = Math.max(0, ...[...folders.keys()].map((k) => k.length))
  for (const [name, f] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${name.padEnd(width)}  ${f.pass} passed, ${f.fail} failed, ${f.skip} skipped`)
  }
  if (byKind.size > 0) {
    const kinds = [...byKind].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    lines.push(`skipped by legacy kind: ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}`)
  }
  lines.push(`conformance: ${total.pass} passed, ${total.fail} failed, ${total.skip} skipped`)
  console.log(lines.join('\n'))
  return { total, folders: Object.fromEntries(folders) }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2))
  const files = findCases(opts.dir)
  const cases = []
  const broken = []
  for (const file of files) {
    try {
      cases.push(loadCase(file, opts.dir))
    } catch (e) {
      const name = file.slice(opts.dir.length + 1).replace(/\.input\.yaml$/, '')
      const folder = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : '.'
      broken.push({
        name,
        folder,
        status: 'fail',
        reason: `bad case: ${e.message}`,
        diffs: [],
        notes: [],
      })
    }
  }
  const wanted = (c) => !opts.filter || c.name.includes(opts.filter)
  const selected = cases.filter(wanted)
  broken.splice(0, broken.length, ...broken.filter(wanted))
  if (selected.length === 0 && broken.length === 0)
    throw new Error(`no *.input.yaml cases under ${opts.dir}`)
  const worker = new Worker()
  const onSignal = (sig) => {
    console.error(`\nconformance: ${sig}, stopping wrangler dev`)
    worker.stop().finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  let results
  try {
    const needsWorker = selected.some((c) => legacyKinds(c).length === 0)
    if (needsWorker) await worker.start()
    let crashed = false
    worker.exited?.then((code) => {
      if (!worker.stopped) crashed = code ?? 'signal'
    })
    const run = await pool(selected, opts.concurrency, async (c) => {
      if (crashed !== false) throw new Error(`wrangler dev exited (${crashed}):\n${worker.tail()}`)
      try {
        return await runCase(worker, c, cases.indexOf(c))
      } catch (e) {
        if (crashed !== false)
          throw new Error(`wrangler dev exited (${crashed}):\n${worker.tail()}`)
        return {
          name: c.name,
          folder: c.folder,
          status: 'fail',
          reason: `error: ${e.message}`,
          diffs: [],
          notes: [],
        }
      }
    })
    results = [...run, ...broken].sort((a, b) => a.name.localeCompare(b.name))
  } finally {
    await worker.stop()
  }
  const summary = report(results, opts)
  if (opts.json) {
    writeFileSync(
      opts.json,
      JSON.stringify({ dir: opts.dir, ...summary, cases: results }, null, 2) + '\n',
    )
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`conformance: runner failed: ${e.stack ?? e}`)
    process.exit(1)
  },
)
