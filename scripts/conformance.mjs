#!/usr/bin/env node
// npm run conformance -- [DIR] [--json FILE] [--out OUT] [--filter TEXT] [--concurrency N] [--verbose]
// Runs Kuma's api-server cases against real Workers under `wrangler dev`; `--help` says more.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  actualOf,
  caseMode,
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

const HELP = `usage: npm run conformance -- [DIR] [options]

Runs Kuma's api-server conformance cases (every *.input.yaml under DIR, recursively; default
../shared/conformance/kuma-v2.14.3/api-server) the way Kuma's harness does: each case in a fresh
tenant of a real Worker under \`wrangler dev\` (temporary D1 state, free loopback port), its
resources imported straight into the store, its actions played in order and each answer compared
with its golden file (timestamps and the server address normalized). Cases touching legacy
(pre-targetRef) policy kinds are skipped, by kind.

Control plane mode: cases under a folder named \`global\` (at any depth, e.g.
inspect/services/_resources/hostnames/global) run against a second Worker started with
\`--var KUMO_MODE:global\` (Kuma's harness runs that folder on a global control plane); all
other cases run against a standalone zone (KUMO_MODE=zone). The second Worker is started only
when such cases are selected.

options:
  --json FILE        write every case's result and the per-folder counts to FILE
  --out OUT          write what the server answered to each action played as
                     OUT/<case path>[_NN].actual.json = {"status": <int>, "body": <JSON or null>}
                     (same relative path and _NN numbering as the golden files; the body
                     normalized as compared, text when it is no JSON, null when empty)
  --filter TEXT      run only cases whose path contains TEXT
  --concurrency N    cases run at once (default 4)
  --verbose, -v      also list the cases that pass
  --help, -h         this text

Ends with the line \`conformance: P passed, F failed, S skipped\`; exits 0 unless the runner
itself breaks.`

function parseArgs(argv) {
  const opts = {
    dir: DEFAULT_DIR,
    json: undefined,
    out: undefined,
    help: false,
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
    else if (a === '--out') opts.out = resolve(value())
    else if (a === '--help' || a === '-h') opts.help = true
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

/**
 * Worker is one `wrangler dev` process group, started here and stopped by its id only; `mode` is
 * its KUMO_MODE.
 */
class Worker {
  constructor(mode = 'zone') {
    this.mode = mode
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
    // two Workers at once must not both want the default inspector port
    args.push('--inspector-port', String(await freePort()))
    args.push('--var', `OPERATOR_TOKEN:${this.secret}`, '--var', `KUMO_MODE:${this.mode}`)
    args.push('--show-interactive-dev-session=false')
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
        // wrangler holds requests while its build is broken: ask again rather than wait
        const res = await fetch(`${this.base}/healthz`, { signal: AbortSignal.timeout(3000) })
        if (res.ok) return
      } catch {}
      await new Promise((r) => setTimeout(r, 300))
    }
    throw new Error(
      `wrangler dev (KUMO_MODE=${this.mode}) did not answer on ${this.base}:\n${this.tail()}`,
    )
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

/**
 * runCase loads one case into a fresh tenant and plays its actions, stopping at the first miss;
 * with `out` it writes each answer next to where the golden file would be, under `out`.
 */
async function runCase(worker, c, index, out) {
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
    if (out) writeActual(out, `${c.name}${a.suffix ?? ''}`, actualOf(res.status, body))
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

function writeActual(out, name, actual) {
  const file = join(out, `${name}.actual.json`)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, JSON.stringify(actual, null, 1) + '\n')
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
  if (opts.help) {
    console.log(HELP)
    return
  }
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
  if (opts.out) mkdirSync(opts.out, { recursive: true })
  // one Worker per control plane mode the selected (non-legacy) cases need
  const workers = new Map()
  for (const c of selected) {
    const mode = caseMode(c)
    if (legacyKinds(c).length === 0 && !workers.has(mode)) workers.set(mode, new Worker(mode))
  }
  const stopAll = () => Promise.all([...workers.values()].map((w) => w.stop()))
  const onSignal = (sig) => {
    console.error(`\nconformance: ${sig}, stopping wrangler dev`)
    stopAll().finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  let results
  try {
    await Promise.all([...workers.values()].map((w) => w.start()))
    const crashed = new Map()
    for (const w of workers.values()) {
      w.exited?.then((code) => {
        if (!w.stopped) crashed.set(w, code ?? 'signal')
      })
    }
    const died = (w) => new Error(`wrangler dev exited (${crashed.get(w)}):\n${w.tail()}`)
    const run = await pool(selected, opts.concurrency, async (c) => {
      const worker = workers.get(caseMode(c))
      if (!worker) return runCase(undefined, c, cases.indexOf(c), opts.out)
      if (crashed.has(worker)) throw died(worker)
      try {
        return await runCase(worker, c, cases.indexOf(c), opts.out)
      } catch (e) {
        if (crashed.has(worker)) throw died(worker)
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
    await stopAll()
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
