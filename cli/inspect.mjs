/** @module `kumoctl inspect`: dataplane sync status (`_overview`) and what applies to one dataplane (`_config`, `_rules`, `_policies`). */
import { ApiError, EXIT, userError } from './errors.mjs'
import { age, checkFormat, date, table, tagSet, toJson, toYaml } from './output.mjs'

/** @type {import('./args.mjs').FlagSpec} */
const meshFlag = { type: 'string', short: 'm', default: 'default', desc: 'mesh to use' }

const OVERVIEW_HEADERS = [
  'MESH',
  'NAME',
  'TAGS',
  'STATUS',
  'LAST CONNECTED AGO',
  'LAST UPDATED AGO',
  'TOTAL UPDATES',
  'TOTAL ERRORS',
  'CERT REGENERATED AGO',
  'CERT EXPIRATION',
  'CERT REGENERATIONS',
  'CERT BACKEND',
  'SUPPORTED CERT BACKENDS',
  'KUMA-DP VERSION',
  'ENVOY VERSION',
  'DEPENDENCIES VERSIONS',
  'NOTES',
]

/** @type {import('./args.mjs').Command} */
const dataplanesCommand = {
  use: 'dataplanes',
  short: 'Inspect Dataplanes',
  long: 'Inspect Dataplanes: their sync status with the control plane (GET /meshes/{mesh}/dataplanes/_overview).',
  flags: {
    mesh: meshFlag,
    output: {
      type: 'string',
      short: 'o',
      default: 'table',
      desc: 'output format: one of table|yaml|json',
    },
    tag: {
      type: 'string',
      map: true,
      desc: 'filter by tag in format of key=value. You can provide many tags',
    },
    gateway: { type: 'boolean', desc: 'filter gateway dataplanes' },
    ingress: { type: 'boolean', desc: 'filter ingress dataplanes' },
  },
  run: async (ctx) => {
    checkFormat(ctx.flags.output)
    const client = ctx.client()
    const mesh = ctx.flags.mesh
    const query = {
      tag: Object.entries(ctx.flags.tag).map(([k, v]) => `${k}:${v}`),
      gateway: ctx.flags.gateway ? 'true' : undefined,
      ingress: ctx.flags.ingress ? 'true' : undefined,
    }
    const items = []
    let total = 0
    let offset
    do {
      const reply = await inspectCall(
        client,
        `/meshes/${encodeURIComponent(mesh)}/dataplanes/_overview`,
        {
          ...query,
          size: '1000',
          offset,
        },
      )
      const page = reply.body ?? {}
      items.push(...(Array.isArray(page.items) ? page.items : []))
      total = page.total ?? items.length
      offset = page.next
        ? (new URL(page.next, 'http://x').searchParams.get('offset') ?? undefined)
        : undefined
    } while (offset)
    const format = ctx.flags.output
    if (format === 'table') {
      const now = Date.now()
      ctx.stdout.write(
        table(
          OVERVIEW_HEADERS,
          items.map((o) => overviewRow(o, now)),
        ),
      )
    } else {
      const out = { total, items, next: null }
      ctx.stdout.write(format === 'yaml' ? toYaml(out) : toJson(out))
    }
    return EXIT.OK
  },
}

const TYPES = { config: '_config', rules: '_rules', policies: '_policies' }

/** @type {import('./args.mjs').Command} */
const dataplaneCommand = {
  use: 'dataplane NAME',
  short: 'Inspect Dataplane',
  long: `Inspect Dataplane: what the control plane computes for it.

--type=policies  the policies that apply, per kind (GET .../dataplanes/NAME/_policies)
--type=rules     the matched rules (GET .../dataplanes/NAME/_rules)
--type=config    the Envoy configuration (GET .../dataplanes/NAME/_config)`,
  args: [1, 1],
  flags: {
    mesh: meshFlag,
    type: {
      type: 'string',
      default: 'policies',
      desc: 'inspection type: one of policies|rules|config',
    },
    output: {
      type: 'string',
      short: 'o',
      default: 'json',
      desc: 'output format: one of json|yaml',
    },
    shadow: {
      type: 'boolean',
      desc: "with --type=config: take policies labelled 'kuma.io/effect: shadow' into account",
    },
    include: {
      type: 'string',
      multiple: true,
      desc: 'with --type=config: extra fields to include (e.g. diff)',
    },
  },
  run: async (ctx) => {
    const type = ctx.flags.type
    const segment = TYPES[/** @type {keyof typeof TYPES} */ (type)]
    if (!segment)
      throw userError(
        `invalid inspection type "${type}": use one of ${Object.keys(TYPES).join(', ')}`,
      )
    const format = ctx.flags.output
    if (format !== 'json' && format !== 'yaml')
      throw userError(`unknown output format "${format}": use json or yaml`)
    if ((ctx.flags.shadow || ctx.flags.include) && type !== 'config') {
      throw userError("flags '--shadow' and '--include' can be used only when '--type=config'")
    }
    const client = ctx.client()
    const e = encodeURIComponent
    const path = `/meshes/${e(ctx.flags.mesh)}/dataplanes/${e(ctx.args[0])}/${segment}`
    const query =
      type === 'config'
        ? { shadow: ctx.flags.shadow ? 'true' : undefined, include: ctx.flags.include }
        : {}
    const reply = await inspectCall(client, path, query)
    const body = reply.body
    if (typeof body === 'string') ctx.stdout.write(body.endsWith('\n') ? body : `${body}\n`)
    else ctx.stdout.write(format === 'yaml' ? toYaml(body) : toJson(body))
    return EXIT.OK
  },
}

/** inspectCall explains a 404/405 from a control plane that does not serve an inspect endpoint. */
async function inspectCall(client, path, query) {
  try {
    return await client.request('GET', path, { query })
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 405)) {
      err.message = `${err.message}. Either the dataplane or mesh does not exist, or this control plane does not serve ${path.replace(/\/meshes\/[^/]+/, '/meshes/{mesh}').replace(/dataplanes\/[^/_][^/]*\//, 'dataplanes/{name}/')}`
    }
    throw err
  }
}

/**
 * overviewRow is kumactl's dataplaneOverviewsTable row: status from the dataplane's inbounds and
 * whether a subscription is connected, counters summed over subscriptions.
 */
export function overviewRow(o, now) {
  const dp = o.dataplane ?? {}
  const insight = o.dataplaneInsight ?? {}
  const subs = Array.isArray(insight.subscriptions) ? insight.subscriptions : []
  const last = subs[subs.length - 1]
  const sum = (f) => subs.reduce((n, s) => n + Number(s?.status?.total?.[f] ?? 0), 0)
  const { status, notes } = overviewStatus(dp, subs)
  const mtls = insight.mTLS
  const version = last?.version
  const deps = Object.entries(version?.dependencies ?? {}).map(([k, v]) => `${k}: ${v}`)
  return [
    o.mesh ?? '',
    o.name ?? '',
    tagSet(dp),
    status,
    age(last?.connectTime, now),
    age(last?.status?.lastUpdateTime, now),
    String(sum('responsesSent')),
    String(sum('responsesRejected')),
    age(mtls?.lastCertificateRegeneration, now),
    date(mtls?.certificateExpirationTime),
    String(mtls?.certificateRegenerations ?? 0),
    mtls ? (mtls.issuedBackend ?? '') : '-',
    (mtls?.supportedBackends ?? []).join(','),
    version?.kumaDp?.version ?? '',
    version?.envoy?.version ?? '',
    deps.length > 0 ? deps.join(', ') : '-',
    notes.join(';'),
  ]
}

/** overviewStatus is Kuma's DataplaneOverviewResource.Status(). */
export function overviewStatus(dp, subs) {
  const online = subs.some((s) => s?.connectTime && !s?.disconnectTime)
  const net = dp.networking ?? {}
  if (net.gateway) return { status: online ? 'Online' : 'Offline', notes: [] }
  const inbounds = net.inbound ?? []
  const listeners = net.listeners ?? []
  const notes = []
  let ready = 0
  for (const i of inbounds) {
    if ((i.health && !i.health.ready) || i.state === 'NotReady') {
      notes.push(`inbound[port=${i.port},svc=${i.tags?.['kuma.io/service'] ?? ''}] is not ready`)
    } else ready++
  }
  for (const l of listeners) {
    if (l.state === 'Ready') ready++
    else notes.push(`listener[port=${l.port},type=${l.type}] is not ready`)
  }
  const total = inbounds.length + listeners.length
  if (!online || ready === 0) return { status: 'Offline', notes }
  if (ready < total) return { status: 'Partially degraded', notes }
  return { status: 'Online', notes: [] }
}

/** @type {import('./args.mjs').Command} */
export const inspectCommand = {
  use: 'inspect',
  short: 'Inspect Kuma resources',
  long: 'Inspect Kuma resources.',
  sub: { dataplanes: dataplanesCommand, dataplane: dataplaneCommand },
}
