/** @module Kuma api-server conformance cases: reading them, normalizing answers, diffing JSON. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { isScalar, parseAllDocuments, visit } from 'yaml'

/**
 * LEGACY_KINDS maps Kuma's pre-targetRef policy kinds (out of Kumo's scope) to their REST
 * collection name, from Kuma's generated resource descriptors (`WsPath`).
 */
export const LEGACY_KINDS = {
  CircuitBreaker: 'circuit-breakers',
  ExternalService: 'external-services',
  FaultInjection: 'fault-injections',
  HealthCheck: 'health-checks',
  MeshGatewayRoute: 'meshgatewayroutes',
  ProxyTemplate: 'proxytemplates',
  RateLimit: 'rate-limits',
  Retry: 'retries',
  Timeout: 'timeouts',
  TrafficLog: 'traffic-logs',
  TrafficPermission: 'traffic-permissions',
  TrafficRoute: 'traffic-routes',
  TrafficTrace: 'traffic-traces',
  VirtualOutbound: 'virtual-outbounds',
}
const LEGACY_BY_PATH = Object.fromEntries(Object.entries(LEGACY_KINDS).map(([k, p]) => [p, k]))

/** TIMESTAMP is the pattern Kuma's harness blanks out of every answer before comparing. */
const TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d[^"]+/g
export const ZERO_TIME = '0001-01-01T00:00:00Z'

/** findCases lists every `*.input.yaml` under dir, recursively, sorted by path. */
export function findCases(dir) {
  const out = []
  const walk = (d) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f)
      if (statSync(p).isDirectory()) walk(p)
      else if (f.endsWith('.input.yaml')) out.push(p)
    }
  }
  walk(dir)
  return out.sort()
}

/**
 * parseActions reads the leading `#` lines as Kuma's harness does: `#/path status[ method=M]`
 * lines are actions, other `#` lines are comments, the first other line ends the header.
 */
export function parseActions(text) {
  const actions = []
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '')
    if (!line.startsWith('#')) break
    if (!line.startsWith('#/')) continue
    const parts = line.replace(/^[# ]+|[# ]+$/g, '').split(/\s+/)
    const action = { path: parts[0], status: Number(parts[1]), method: 'GET' }
    if (!Number.isInteger(action.status)) throw new Error(`status code is not a number: ${line}`)
    for (const opt of parts.slice(2)) {
      const [k, v] = opt.split('=')
      if (k !== 'method' || !v) throw new Error(`unknown option: ${opt}`)
      action.method = v.toUpperCase()
    }
    actions.push(action)
  }
  return actions
}

/** splitYAML is Kuma's pkg/util/yaml SplitYAML: split at `---` lines, trim every document. */
export function splitYAML(text) {
  return text
    .trim()
    .split(/(?:^|\s*\n)---\s*/)
    .map((doc) => doc.replace(/^#.*$/, ''))
    .filter((doc) => doc !== '')
    .map((doc) => doc.trim())
}

/**
 * clipAtEnd mimics Go's yaml: a block scalar that runs to the end of a document with no final line
 * break has no trailing newline (the `yaml` package adds one).
 */
function clipAtEnd(d, text) {
  visit(d, {
    Scalar(_, node) {
      const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED'
      if (
        block &&
        isScalar(node) &&
        node.range?.[1] >= text.length &&
        typeof node.value === 'string'
      ) {
        node.value = node.value.replace(/\n$/, '')
      }
    },
  })
  return d
}

/** parseResources reads the `---`-separated universal-format resources of a case. */
export function parseResources(text) {
  // Kuma's YAML reader lets a repeated key override the earlier one; some cases rely on it
  // split and trim each document as Kuma's SplitYAML does: a trailing `|` block loses its last newline
  return splitYAML(text)
    .flatMap((doc) => parseAllDocuments(doc, { uniqueKeys: false }).map((d) => clipAtEnd(d, doc)))
    .map((d) => {
      if (d.errors.length > 0) throw new Error(`bad YAML: ${d.errors[0].message}`)
      return d.toJS()
    })
    .filter((d) => d && typeof d === 'object')
}

/**
 * loadCase reads one case: its actions, resources, and per action the request body and the
 * golden answer (`<name>.x.json` for a single action, `<name>_NN.x.json` for several).
 */
export function loadCase(file, root) {
  const text = readFileSync(file, 'utf8')
  const base = file.slice(0, -'.input.yaml'.length)
  const actions = parseActions(text)
  if (actions.length === 0) throw new Error('a case needs at least one action')
  const suffix = (i) => (actions.length > 1 ? `_${String(i).padStart(2, '0')}` : '')
  const read = (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined)
  actions.forEach((a, i) => {
    a.suffix = suffix(i)
    a.requestFile = `${base}${suffix(i)}.request.json`
    a.request = a.method === 'PUT' || a.method === 'POST' ? read(a.requestFile) : undefined
    a.goldenFile = `${base}${suffix(i)}.golden.json`
    a.golden = read(a.goldenFile)
  })
  const name = relative(root, base).split(sep).join('/')
  const folder = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : '.'
  return { file, name, folder, actions, resources: parseResources(text) }
}

/**
 * caseMode is the control plane mode a case runs against: `global` for cases under a folder
 * named `global` at any depth (Kuma's harness runs `.../hostnames/global` on a global control
 * plane), else `zone`.
 */
export function caseMode(c) {
  return c.folder.split('/').includes('global') ? 'global' : 'zone'
}

/**
 * actualOf is what `--out` records of one answer: its status and its body (normalized as for
 * comparison) as JSON, the text itself when it is no JSON, null when empty.
 */
export function actualOf(status, body) {
  const text = body.trim()
  if (text === '') return { status, body: null }
  const parsed = tryJSON(text)
  return { status, body: parsed === undefined ? text : parsed }
}

/**
 * legacyKinds names the legacy policy kinds a case touches through its resources or paths.
 * Request bodies are not looked at: a legacy `type` in a body sent to a new kind's path is a
 * validation case (e.g. put_mtp), not a legacy one.
 */
export function legacyKinds(c) {
  const kinds = new Set()
  for (const r of c.resources) if (r.type in LEGACY_KINDS) kinds.add(r.type)
  for (const a of c.actions) {
    const segs = a.path.split('?')[0].split('/').filter(Boolean)
    const plural = segs[0] === 'meshes' ? segs[2] : segs[0]
    if (plural && LEGACY_BY_PATH[plural]) kinds.add(LEGACY_BY_PATH[plural])
  }
  return [...kinds].sort()
}

/**
 * meshPlan says how to make a fresh tenant (which has mesh `default`) match the store a case
 * declares: drop `default` when the case declares its own or none at all, keep it only when
 * the case puts resources in an undeclared `default` (Kumo refuses resources without a mesh).
 */
export function meshPlan(c) {
  const declared = c.resources.some((r) => r.type === 'Mesh' && r.name === 'default')
  const used = c.resources.some((r) => r.type !== 'Mesh' && r.mesh === 'default')
  if (declared) return { deleteDefault: true, note: undefined }
  if (used) return { deleteDefault: false, note: 'mesh default kept (undeclared but used)' }
  return { deleteDefault: true, note: undefined }
}

/** normalize applies Kuma's harness rewrites: server address and every timestamp. */
export function normalize(body, address) {
  return body.split(address).join('{{address}}').replace(TIMESTAMP, ZERO_TIME)
}

/** tenantName derives a DNS-1035 label (at most 63 characters) unique per case index. */
export function tenantName(index, caseName) {
  const slug = caseName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return `c${index}-${slug}`.slice(0, 63).replace(/-+$/, '')
}

const show = (v) => {
  const s = v === undefined ? '(absent)' : JSON.stringify(v)
  return s.length > 90 ? s.slice(0, 87) + '...' : s
}

/** jsonDiff lists where got differs from expected: `{ path, expected, got }`, key order ignored. */
export function jsonDiff(expected, got, path = '$', out = []) {
  if (Object.is(expected, got)) return out
  const kind = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)
  if (kind(expected) !== kind(got) || (kind(expected) !== 'object' && kind(expected) !== 'array')) {
    out.push({ path, expected: show(expected), got: show(got) })
    return out
  }
  if (Array.isArray(expected)) {
    if (expected.length !== got.length) {
      out.push({
        path: `${path}.length`,
        expected: String(expected.length),
        got: String(got.length),
      })
    }
    for (let i = 0; i < Math.min(expected.length, got.length); i++) {
      jsonDiff(expected[i], got[i], `${path}[${i}]`, out)
    }
    return out
  }
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(got)])].sort()
  for (const k of keys) {
    const p = /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`
    jsonDiff(expected[k], got[k], p, out)
  }
  return out
}

/**
 * compareBody checks an answer against its golden text (undefined = empty body expected).
 * Both sides are parsed as JSON when they can be, else compared as trimmed text.
 */
export function compareBody(golden, body) {
  const gotText = body.trim()
  if (golden === undefined) {
    return gotText === ''
      ? []
      : [{ path: '$', expected: '(empty body)', got: show(tryJSON(gotText) ?? gotText) }]
  }
  const want = tryJSON(golden.trim())
  const got = tryJSON(gotText)
  if (gotText === '')
    return [{ path: '$', expected: show(want ?? golden.trim()), got: '(empty body)' }]
  if (want === undefined || got === undefined) {
    return golden.trim() === gotText
      ? []
      : [{ path: '$', expected: show(golden.trim()), got: show(gotText) }]
  }
  return jsonDiff(want, got)
}

function tryJSON(text) {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
