/** @module Reading `kumoctl apply -f` input: files, directories, stdin or URLs, split into YAML documents, variables rendered. */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join } from 'node:path'
import { parseDocument } from 'yaml'
import { serverError, userError } from './errors.mjs'
import { lookup } from './kinds.mjs'

/** EXTENSIONS are the files a directory contributes, as kumactl. */
const EXTENSIONS = new Set(['.yaml', '.yml', '.json'])

/**
 * @typedef {object} Source
 * @property {string} name file path, `<stdin>` or URL
 * @property {string} text
 */

/**
 * readSources reads `-f`: `-` is stdin, http(s) URLs are fetched, a directory gives its
 * .yaml/.yml/.json files in name order (not recursing), anything else is one file.
 * @param {string} file
 * @param {NodeJS.ReadableStream} stdin
 * @returns {Promise<Source[]>}
 */
export async function readSources(file, stdin) {
  if (file === '-') {
    const chunks = []
    for await (const c of stdin) chunks.push(Buffer.from(c))
    return [{ name: '<stdin>', text: Buffer.concat(chunks).toString('utf8') }]
  }
  if (/^https?:\/\//.test(file)) {
    let res
    try {
      res = await fetch(file, { signal: AbortSignal.timeout(10_000) })
    } catch (e) {
      throw serverError(
        `could not fetch ${file}: ${/** @type {any} */ (e).cause?.code ?? /** @type {Error} */ (e).message}`,
      )
    }
    if (res.status !== 200) throw userError(`could not fetch ${file}: HTTP ${res.status}`)
    return [{ name: file, text: await res.text() }]
  }
  let info
  try {
    info = statSync(file)
  } catch {
    throw userError(`error while reading provided file: ${file} does not exist`)
  }
  if (!info.isDirectory()) return [{ name: file, text: readFileSync(file, 'utf8') }]
  const names = readdirSync(file)
    .filter((n) => EXTENSIONS.has(extname(n).toLowerCase()))
    .map((n) => join(file, n))
    .filter((p) => statSync(p).isFile())
    .sort()
  return names.map((p) => ({ name: p, text: readFileSync(p, 'utf8') }))
}

/** splitYaml is Kuma's SplitYAML: documents separated by `---` lines, empty ones dropped. */
export function splitYaml(text) {
  return text
    .trim()
    .split(/(?:^|\s*\n)---\s*/)
    .map((d) => d.trim())
    .filter((d) => d !== '')
}

/**
 * render fills mustache variables as kumactl's `-v KEY=VALUE` does (hoisie/mustache):
 * `{{ key }}` HTML-escaped, `{{{ key }}}` and `{{& key }}` raw, dotted keys, unknown keys empty.
 * @param {string} text
 * @param {Record<string, string>} vars
 */
export function render(text, vars) {
  const get = (key) => {
    if (key in vars) return vars[key]
    return ''
  }
  return text.replace(/\{\{(\{)?\s*([&!]?)\s*([^{}]*?)\s*\}?\}\}/g, (_all, triple, op, key) => {
    if (op === '!') return ''
    const value = get(key)
    return triple || op === '&' ? value : escapeHtml(value)
  })
}

function escapeHtml(s) {
  return s.replace(
    /[&'<>"]/g,
    (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;' })[c] ?? c,
  )
}

/**
 * @typedef {object} Document
 * @property {number} index position among all documents (kumactl's `resource[i]`)
 * @property {string} source
 * @property {Record<string, any>} body what is sent (Kubernetes documents keep their shape)
 * @property {import('./kinds.mjs').Kind} kind
 * @property {string} name
 * @property {string} mesh '' for global kinds
 */

/**
 * parseDocuments turns sources into documents, checking what must hold before anything is sent:
 * YAML syntax, a known `type`/`kind`, a name, and a mesh for mesh-scoped kinds. Every problem of
 * every document is collected; `problems` names the document of each.
 * @param {Source[]} sources
 * @param {Record<string, string>} vars
 * @param {import('./kinds.mjs').Kind[]} extraKinds kinds the server announced beyond the table
 */
export function parseDocuments(sources, vars, extraKinds = []) {
  /** @type {Document[]} */
  const docs = []
  /** @type {string[]} */
  const problems = []
  let index = 0
  for (const src of sources) {
    for (const raw of splitYaml(src.text)) {
      const i = index++
      const text = Object.keys(vars).length > 0 ? render(raw, vars) : raw
      const where = `resource[${i}]${src.name === '<stdin>' ? '' : ` in ${src.name}`}`
      const parsed = parseDocument(text, { uniqueKeys: true, prettyErrors: false })
      if (parsed.errors.length > 0) {
        problems.push(
          `${where}: failed to parse resource: ${parsed.errors[0].message.split('\n')[0]}`,
        )
        continue
      }
      const body = parsed.toJS({ maxAliasCount: 100 })
      if (body === null || body === undefined) {
        index--
        continue
      }
      const checked = checkMeta(body, extraKinds)
      if (typeof checked === 'string') {
        problems.push(`${where}: failed to read meta: ${checked}`)
        continue
      }
      docs.push({ index: i, source: src.name, ...checked })
    }
  }
  return { docs, problems }
}

/** checkMeta finds kind, name and mesh of one document, or says in one line what is wrong. */
function checkMeta(body, extraKinds) {
  if (typeof body !== 'object' || Array.isArray(body)) {
    return `a resource must be a YAML object, got ${Array.isArray(body) ? 'a list' : typeof body}`
  }
  const k8s = 'apiVersion' in body || 'kind' in body
  const typeField = k8s ? 'kind' : 'type'
  const type = body[typeField]
  const errs = []
  let kind
  if (typeof type !== 'string' || type === '') errs.push(`${typeField}: cannot be empty`)
  else {
    kind = [...extraKinds].find((k) => k.name === type) ?? lookup(type)?.kind
    if (!kind || kind.name !== type) {
      kind = undefined
      errs.push(`${typeField}: unknown resource type ${JSON.stringify(type)}`)
    }
  }
  if (k8s && body.apiVersion !== 'kuma.io/v1alpha1') {
    errs.push(
      `apiVersion: must be "kuma.io/v1alpha1", got ${JSON.stringify(body.apiVersion ?? '')}`,
    )
  }
  const meta = k8s ? (body.metadata ?? {}) : body
  if (k8s && (typeof meta !== 'object' || Array.isArray(meta)))
    errs.push('metadata: must be an object')
  const nameField = k8s ? 'metadata.name' : 'name'
  const name = meta?.name
  if (typeof name !== 'string' || name === '') errs.push(`${nameField}: cannot be empty`)
  let mesh = ''
  if (kind?.scope === 'Mesh') {
    if (k8s) {
      const labels = meta.labels && typeof meta.labels === 'object' ? meta.labels : {}
      // on Kubernetes a resource without the mesh label belongs to mesh "default"
      mesh = labels['kuma.io/mesh'] ?? body.mesh ?? 'default'
      body = { ...body, metadata: { ...meta, labels: { ...labels, 'kuma.io/mesh': mesh } } }
    } else {
      mesh = body.mesh
    }
    if (typeof mesh !== 'string' || mesh === '') {
      errs.push(`${k8s ? 'metadata.labels["kuma.io/mesh"]' : 'mesh'}: cannot be empty`)
    }
  }
  if (errs.length > 0 || !kind) return errs.join('; ')
  return { body, kind, name, mesh }
}

/** describe names a document in messages as kumactl: `resource type="X" mesh="m" name="n"`. */
export function describe(doc) {
  return `resource type="${doc.kind.name}" mesh="${doc.mesh}" name="${doc.name}"`
}

/** pathOf is the document's REST path. */
export function pathOf(doc) {
  const e = encodeURIComponent
  return doc.kind.scope === 'Mesh'
    ? `/meshes/${e(doc.mesh)}/${doc.kind.plural}/${e(doc.name)}`
    : `/${doc.kind.plural}/${e(doc.name)}`
}
