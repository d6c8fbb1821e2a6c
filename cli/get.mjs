/** @module `kumoctl get` and `kumoctl delete`: read, list and remove resources, printed as kumactl prints them. */
import { ApiError, EXIT, userError } from './errors.mjs'
import { resolveKind } from './kinds.mjs'
import { age, checkFormat, table, tagSet, toJson, toYaml } from './output.mjs'

/** @type {import('./args.mjs').FlagSpec} */
const meshFlag = { type: 'string', short: 'm', default: 'default', desc: 'mesh to use' }

/** @type {import('./args.mjs').Command} */
export const getCommand = {
  use: 'get TYPE [NAME]',
  short: 'Show Kuma resources',
  long: `Show Kuma resources.

TYPE is a plural (meshtimeouts), a singular (meshtimeout) or a kind (MeshTimeout). With NAME,
one resource is shown; without, a page of them (see --size and --offset).`,
  example: `
$ kumoctl get meshes
$ kumoctl get meshtimeouts -m default -o yaml
$ kumoctl get meshtrafficpermission allow-all -o json
`,
  args: [1, 2],
  flags: {
    mesh: meshFlag,
    output: {
      type: 'string',
      short: 'o',
      default: 'table',
      desc: 'output format: one of table|yaml|json',
    },
    size: { type: 'string', valueName: 'int', desc: 'maximum number of elements to return' },
    offset: {
      type: 'string',
      desc: 'the offset that indicates starting element of the resources list to retrieve',
    },
  },
  run: async (ctx) => {
    const format = ctx.flags.output
    checkFormat(format)
    const client = ctx.client()
    const { kind } = await resolveKind(ctx.args[0], client)
    const mesh = kind.scope === 'Mesh' ? ctx.flags.mesh : ''
    const e = encodeURIComponent
    const base = kind.scope === 'Mesh' ? `/meshes/${e(mesh)}/${kind.plural}` : `/${kind.plural}`
    const printer = printerFor(kind, Date.now())
    if (ctx.args.length === 2) {
      const name = ctx.args[1]
      let reply
      try {
        reply = await client.request('GET', `${base}/${e(name)}`)
      } catch (err) {
        throw notFound(err, kind, mesh, name)
      }
      if (format === 'table') ctx.stdout.write(table(printer.headers, [printer.row(reply.body)]))
      else ctx.stdout.write(format === 'yaml' ? toYaml(reply.body) : toJson(reply.body))
      return EXIT.OK
    }
    const size = ctx.flags.size
    if (size !== undefined && !/^\d+$/.test(size))
      throw userError(`--size must be a whole number, got "${size}"`)
    let reply
    try {
      reply = await client.request('GET', base, {
        query: {
          size: size && size !== '0' ? size : undefined,
          offset: ctx.flags.offset || undefined,
        },
      })
    } catch (err) {
      if (err instanceof ApiError && err.status === 404 && kind.scope === 'Mesh') {
        err.message = `failed to list ${kind.name}: mesh "${mesh}" does not exist (${err.summary})`
      }
      throw err
    }
    const list = reply.body ?? {}
    const items = Array.isArray(list.items) ? list.items : []
    if (format === 'table') {
      const next = nextOffset(list.next)
      const footer = next
        ? `Rerun command with --offset=${next} argument to retrieve more resources`
        : ''
      ctx.stdout.write(table(printer.headers, items.map(printer.row), footer))
    } else {
      // kumactl re-renders lists without the server's next link
      const out = { total: list.total ?? items.length, items, next: null }
      ctx.stdout.write(format === 'yaml' ? toYaml(out) : toJson(out))
    }
    return EXIT.OK
  },
}

/** @type {import('./args.mjs').Command} */
export const deleteCommand = {
  use: 'delete TYPE NAME',
  short: 'Delete Kuma resources',
  long: 'Delete Kuma resources.',
  example: `
$ kumoctl delete meshtimeout timeout-global -m default
$ kumoctl delete mesh demo
`,
  args: [2, 2],
  flags: { mesh: meshFlag },
  run: async (ctx) => {
    const client = ctx.client()
    const [word, name] = ctx.args
    const { kind } = await resolveKind(word, client)
    if (kind.readOnly) throw userError(`TYPE: ${word} is readOnly, can't use it for write action`)
    const mesh = kind.scope === 'Mesh' ? ctx.flags.mesh : ''
    const e = encodeURIComponent
    const path =
      kind.scope === 'Mesh'
        ? `/meshes/${e(mesh)}/${kind.plural}/${e(name)}`
        : `/${kind.plural}/${e(name)}`
    try {
      await client.request('DELETE', path)
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        err.message = err.summary.startsWith('Failed to retrieve Mesh')
          ? `there is no mesh with name "${mesh}"`
          : `there is no ${kind.name} with name "${name}"${kind.scope === 'Mesh' ? ` in mesh "${mesh}"` : ''}`
      }
      throw err
    }
    ctx.stdout.write(`deleted ${kind.name} "${name}"\n`)
    return EXIT.OK
  },
}

/** notFound rewords a 404 on one resource as kumactl does. */
function notFound(err, kind, mesh, name) {
  if (!(err instanceof ApiError) || err.status !== 404) return err
  err.message =
    kind.scope === 'Mesh'
      ? `No resources found in ${mesh} mesh (${kind.name} "${name}")`
      : `No resources found (${kind.name} "${name}")`
  return err
}

/** nextOffset takes `offset` out of the server's `next` link. */
function nextOffset(next) {
  if (typeof next !== 'string' || next === '') return ''
  try {
    return new URL(next, 'http://x').searchParams.get('offset') ?? ''
  } catch {
    return ''
  }
}

/**
 * printerFor is kumactl's ResolvePrinter: custom columns for Mesh and Dataplane, otherwise
 * `MESH NAME AGE` for mesh-scoped kinds and `NAME AGE` for global ones. AGE counts from the
 * modification time, as kumactl.
 * @param {import('./kinds.mjs').Kind} kind
 * @param {number} now
 * @returns {{ headers: string[], row: (r: any) => string[] }}
 */
export function printerFor(kind, now) {
  const ago = (r) => age(r.modificationTime, now)
  if (kind.name === 'Mesh') {
    return {
      headers: ['NAME', 'mTLS', 'LOCALITY', 'ZONEEGRESS', 'AGE'],
      row: (r) => {
        const enabled = r.mtls?.enabledBackend
        const backend = (r.mtls?.backends ?? []).find((b) => b.name === enabled)
        const mtls = enabled ? `${backend?.type ?? ''}/${enabled}` : 'off'
        return [
          r.name,
          mtls,
          r.routing?.localityAwareLoadBalancing ? 'on' : 'off',
          r.routing?.zoneEgress ? 'on' : 'off',
          ago(r),
        ]
      },
    }
  }
  if (kind.name === 'Dataplane') {
    return {
      headers: ['MESH', 'NAME', 'TAGS', 'ADDRESS', 'AGE'],
      row: (r) => [
        r.mesh,
        r.name,
        tagSet(r),
        r.networking?.advertisedAddress || r.networking?.address || '',
        ago(r),
      ],
    }
  }
  if (kind.scope === 'Mesh')
    return { headers: ['MESH', 'NAME', 'AGE'], row: (r) => [r.mesh, r.name, ago(r)] }
  return { headers: ['NAME', 'AGE'], row: (r) => [r.name, ago(r)] }
}
