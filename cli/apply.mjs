/** @module `kumoctl apply`: create or update resources from YAML/JSON documents, or only validate them (`--dry-run`). */
import { ApiError, EXIT, userError } from './errors.mjs'
import { describe, parseDocuments, pathOf, readSources } from './documents.mjs'
import { KINDS, lookup, serverKinds } from './kinds.mjs'
import { toYaml } from './output.mjs'

/**
 * DRY_RUN_GUARD is an If-Match no stored version ever has (versions start at 1). A dry run sends
 * it so that a server that does not know `?dryRun=true` still validates the body, then refuses
 * the write with 409 instead of writing. A server that knows dryRun ignores If-Match on dry runs.
 */
export const DRY_RUN_GUARD = '"0"'

/** @type {import('./args.mjs').Command} */
export const applyCommand = {
  use: 'apply',
  short: 'Create or modify Kuma resources',
  long: `Create or modify Kuma resources.

Documents are Kuma resources in universal format (type, name, mesh) or Kubernetes format
(apiVersion: kuma.io/v1alpha1, kind, metadata.name, metadata.labels["kuma.io/mesh"], which
defaults to "default"; metadata.namespace is ignored), separated by "---". Every document is
checked locally first and nothing is sent if one is broken; then they are applied in order,
stopping at the first one the control plane rejects (nothing of it is written).`,
  example: `
Apply a resource from file
$ kumoctl apply -f resource.yaml

Apply a resource from stdin
$ echo "
type: Mesh
name: demo
" | kumoctl apply -f -

Apply all resources from a directory
$ kumoctl apply -f resources/

Fill in variables ({{ name }}) and only validate, writing nothing
$ kumoctl apply -f policy.yaml -v name=web --dry-run
`,
  flags: {
    file: {
      type: 'string',
      short: 'f',
      required: true,
      desc: 'Path to file or directory to apply. When a directory is provided, all .yaml, .yml, and .json files are applied. Pass `-` to read from stdin',
    },
    var: {
      type: 'string',
      short: 'v',
      map: true,
      desc: 'Variable to replace in configuration (KEY=VALUE, may repeat)',
    },
    'dry-run': {
      type: 'boolean',
      desc: 'Resolve variables, print the result and have the control plane validate it without writing anything',
    },
  },
  run: async (ctx) => {
    const sources = await readSources(ctx.flags.file, ctx.stdin)
    if (sources.every((s) => s.text.trim() === ''))
      throw userError('no resource(s) passed to apply')
    const client = ctx.client()
    const extra = await unknownKinds(sources, client)
    const { docs, problems } = parseDocuments(sources, ctx.flags.var, extra)
    if (problems.length > 0) {
      throw userError(
        `${problems.length} of ${problems.length + docs.length} resource(s) are not valid; nothing was applied`,
        problems,
      )
    }
    if (docs.length === 0) throw userError('no resource(s) passed to apply')
    return ctx.flags['dry-run'] ? dryRun(ctx, client, docs) : apply(ctx, client, docs)
  },
}

/**
 * unknownKinds asks the server's `/_resources` only when a document names a type this table
 * does not know, so new server kinds can be applied.
 */
async function unknownKinds(sources, client) {
  const text = sources.map((s) => s.text).join('\n')
  const types = [...text.matchAll(/^(?:type|kind):\s*["']?([A-Za-z0-9]+)/gm)].map((m) => m[1])
  if (types.every((t) => lookup(t)?.kind.name === t)) return []
  const reply = await client.request('GET', '/_resources').catch(() => undefined)
  return reply ? serverKinds(reply.body).filter((k) => !KINDS.some((l) => l.name === k.name)) : []
}

/** apply PUTs each document in order, stopping at the first rejection. */
async function apply(ctx, client, docs) {
  for (const [n, doc] of docs.entries()) {
    let reply
    try {
      reply = await client.request('PUT', pathOf(doc), { json: doc.body })
    } catch (e) {
      throw rejected(e, doc, n, docs.length)
    }
    ctx.stdout.write(`${describe(doc)} ${reply.status === 201 ? 'Created' : 'Updated'}\n`)
    for (const w of reply.body?.warnings ?? []) ctx.stderr.write(`Warning: ${w}\n`)
  }
  return EXIT.OK
}

/** rejected words a failed PUT: which document, why, every violation, and what was applied. */
function rejected(e, doc, n, total) {
  if (!(e instanceof ApiError)) return e
  const from = doc.source === '<stdin>' ? '' : ` (${doc.source})`
  const applied =
    n === 0
      ? 'nothing was applied'
      : `the ${n} resource(s) before it were applied, it and the ${total - n - 1} after it were not`
  e.message = `resource[${doc.index}] ${describe(doc).replace(/^resource /, '')}${from} failed server side: ${e.summary}; ${applied}`
  return e
}

/**
 * dryRun prints each resolved document (as kumactl's --dry-run) and has the server validate
 * every one of them, writing nothing; all failures are reported, not only the first.
 */
async function dryRun(ctx, client, docs) {
  const failures = []
  const meshesInBatch = new Map(
    docs.filter((d) => d.kind.name === 'Mesh').map((d) => [d.name, d.index]),
  )
  for (const [n, doc] of docs.entries()) {
    if (n > 0) ctx.stdout.write('---\n')
    ctx.stdout.write(toYaml(doc.body))
    try {
      const reply = await client.request('PUT', pathOf(doc), {
        json: doc.body,
        query: { dryRun: 'true' },
        headers: { 'If-Match': DRY_RUN_GUARD },
        ok: [409],
      })
      for (const w of reply.body?.warnings ?? [])
        ctx.stderr.write(`Warning: ${describe(doc)}: ${w}\n`)
      ctx.stderr.write(`${describe(doc)} is valid (dry run, nothing written)\n`)
    } catch (e) {
      if (e instanceof ApiError && e.status === 404 && meshesInBatch.has(doc.mesh)) {
        ctx.stderr.write(
          `${describe(doc)} not validated: its mesh is created by resource[${meshesInBatch.get(doc.mesh)}] of this input\n`,
        )
        continue
      }
      if (!(e instanceof ApiError) || e.status >= 500) throw e
      failures.push({ doc, err: e })
    }
  }
  if (failures.length === 0) return EXIT.OK
  const lines = []
  for (const { doc, err } of failures) {
    const from = doc.source === '<stdin>' ? '' : ` (${doc.source})`
    lines.push(
      `resource[${doc.index}] ${describe(doc).replace(/^resource /, '')}${from}: ${err.summary}`,
    )
    for (const l of err.lines) lines.push(`  ${l}`)
  }
  throw userError(
    `${failures.length} of ${docs.length} resource(s) are not valid (dry run, nothing written)`,
    lines,
  )
}
