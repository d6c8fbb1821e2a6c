/** @module `kumoctl generate`: zone, dataplane and API tokens issued by the control plane. */
import { parseDuration } from './client.mjs'
import { EXIT, userError } from './errors.mjs'

/** @type {import('./args.mjs').FlagSpec} */
const validFor = {
  type: 'string',
  default: '24h',
  valueName: 'duration',
  desc: 'how long the token will be valid (for example "24h")',
}

/** checkValidFor rejects what is not a positive Go duration before anything is sent. */
function checkValidFor(v) {
  const ms = parseDuration(v)
  if (ms === undefined || ms <= 0)
    throw userError(`--valid-for must be a positive duration like "24h" or "30m", got "${v}"`)
  return v
}

/** tokenOf takes the token out of a JSON answer (`{"token": ...}`) or a plain-text one (kuma-cp). */
function tokenOf(body) {
  if (body && typeof body === 'object' && typeof body.token === 'string') return body.token
  return String(body ?? '').trim()
}

/** print writes the token as kumactl does (no newline), plus one on a terminal. */
function print(ctx, token) {
  ctx.stdout.write(token + (ctx.stdout.isTTY ? '\n' : ''))
  return EXIT.OK
}

/** @type {import('./args.mjs').Command} */
const zoneToken = {
  use: 'zone-token',
  short: 'Generate Zone Token',
  long: 'Generate Zone Token that is used to prove identity of zone components (POST /tokens/zone).',
  example: `
$ kumoctl generate zone-token --zone zone-1 --valid-for 24h
$ kumoctl generate zone-token --zone zone-1 --valid-for 24h --scope ingress --scope egress
`,
  flags: {
    zone: { type: 'string', required: true, desc: 'name of the zone where resides' },
    scope: {
      type: 'string',
      multiple: true,
      desc: 'scope of resources which the token will be able to identify (can be: cp, ingress, egress)',
    },
    'valid-for': validFor,
  },
  run: async (ctx) => {
    const scope = (ctx.flags.scope ?? []).flatMap((s) => s.split(','))
    const bad = scope.filter((s) => !['cp', 'ingress', 'egress'].includes(s))
    if (bad.length > 0)
      throw userError(
        `invalid --scope values: [${bad.join(' ')}] (supported scopes: [cp ingress egress])`,
      )
    const body = { zone: ctx.flags.zone, validFor: checkValidFor(ctx.flags['valid-for']) }
    if (scope.length > 0) body.scope = scope
    const reply = await ctx.client().request('POST', '/tokens/zone', { json: body })
    return print(ctx, tokenOf(reply.body))
  },
}

/** @type {import('./args.mjs').Command} */
const dataplaneToken = {
  use: 'dataplane-token',
  short: 'Generate Dataplane Token',
  long: 'Generate Dataplane Token that is used to prove Dataplane identity (POST /tokens/dataplane).',
  example: `
$ kumoctl generate dataplane-token --mesh demo --name demo-01 --valid-for 24h
$ kumoctl generate dataplane-token --mesh demo --tag kuma.io/service=web,web-api --valid-for 24h
`,
  flags: {
    name: { type: 'string', desc: 'name of the Dataplane' },
    mesh: { type: 'string', short: 'm', default: 'default', desc: 'mesh to use' },
    'proxy-type': { type: 'string', desc: 'type of the Dataplane ("dataplane", "ingress")' },
    tag: {
      type: 'string',
      map: true,
      desc: 'required tag values for dataplane (split values by comma to provide multiple values)',
    },
    workload: { type: 'string', desc: 'required workload label value for dataplane' },
    'valid-for': validFor,
  },
  run: async (ctx) => {
    /** @type {Record<string, any>} */
    const body = { mesh: ctx.flags.mesh, validFor: checkValidFor(ctx.flags['valid-for']) }
    if (ctx.flags.name) body.name = ctx.flags.name
    const tags = Object.fromEntries(
      Object.entries(ctx.flags.tag).map(([k, v]) => [k, String(v).split(',')]),
    )
    if (Object.keys(tags).length > 0) body.tags = tags
    if (ctx.flags['proxy-type']) body.type = ctx.flags['proxy-type']
    if (ctx.flags.workload) body.workload = ctx.flags.workload
    const reply = await ctx.client().request('POST', '/tokens/dataplane', { json: body })
    return print(ctx, tokenOf(reply.body))
  },
}

/** @type {import('./args.mjs').Command} */
const apiToken = {
  use: 'api-token',
  short: 'Generate API Token',
  long: "Generate a token for Kumo's API with a role: viewer, editor or admin (POST /tokens).",
  example: `
$ kumoctl generate api-token --role viewer --valid-for 24h
$ kumoctl generate api-token --role editor --name ci --valid-for 720h
`,
  flags: {
    role: { type: 'string', required: true, desc: 'role of the token: viewer, editor or admin' },
    name: { type: 'string', desc: 'name recorded for the token (its subject)' },
    'valid-for': validFor,
  },
  run: async (ctx) => {
    /** @type {Record<string, any>} */
    const body = { role: ctx.flags.role, validFor: checkValidFor(ctx.flags['valid-for']) }
    if (ctx.flags.name) body.name = ctx.flags.name
    const reply = await ctx.client().request('POST', '/tokens', { json: body })
    return print(ctx, tokenOf(reply.body))
  },
}

/** @type {import('./args.mjs').Command} */
export const generateCommand = {
  use: 'generate',
  short: 'Generate resources, tokens, etc',
  long: 'Generate resources, tokens, etc.',
  sub: { 'zone-token': zoneToken, 'dataplane-token': dataplaneToken, 'api-token': apiToken },
}
