/** @module `kumoctl config control-planes add|list|use|remove`: manage where kumoctl sends its calls. */
import { Client } from './client.mjs'
import {
  addControlPlane,
  currentControlPlane,
  removeControlPlane,
  saveConfig,
  switchControlPlane,
} from './config.mjs'
import { EXIT, userError } from './errors.mjs'
import { table } from './output.mjs'

/** @type {import('./args.mjs').FlagSpec} */
const nameFlag = {
  type: 'string',
  required: true,
  desc: 'reference name for the Control Plane (required)',
}

/** @type {import('./args.mjs').Command} */
const add = {
  use: 'add',
  short: 'Add a Control Plane',
  long: 'Add a Control Plane and make it the active one. Unless --skip-check, kumoctl first calls it with the given credentials.',
  example: `
$ kumoctl config control-planes add --name edge --address https://kumo.example.com \\
    --auth-type=tokens --auth-conf token=$KUMO_TOKEN
`,
  flags: {
    name: nameFlag,
    address: {
      type: 'string',
      required: true,
      desc: 'URL of the Control Plane API Server (required). Example: http://localhost:5681',
    },
    overwrite: {
      type: 'boolean',
      desc: 'overwrite existing Control Plane with the same reference name',
    },
    'auth-type': { type: 'string', desc: 'authentication type (for example: "tokens")' },
    'auth-conf': {
      type: 'string',
      map: true,
      desc: 'authentication configuration for defined authentication type format key=value',
    },
    headers: {
      type: 'string',
      map: true,
      desc: 'add these headers while communicating to control plane, format key=value',
    },
    'skip-check': { type: 'boolean', desc: 'skip checking if we can connect to the CP' },
  },
  run: async (ctx) => {
    const f = ctx.flags
    let url
    try {
      url = new URL(f.address)
    } catch {
      throw userError(`API Server URL is invalid: ${JSON.stringify(f.address)}`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw userError(
        `API Server URL is invalid: ${JSON.stringify(f.address)} must start with http:// or https://`,
      )
    }
    const authType = f['auth-type'] ?? ''
    const authConf = f['auth-conf']
    if (authType !== '' && authType !== 'tokens') {
      throw userError(
        `authentication plugin of type "${authType}" is not found (kumoctl supports "tokens")`,
      )
    }
    if (authType === '' && Object.keys(authConf).length > 0)
      throw userError('--auth-conf needs --auth-type=tokens')
    if (authType === 'tokens' && !authConf.token) {
      throw userError('--auth-conf is not valid: provide the token as --auth-conf token=<token>')
    }
    const apiServer = { url: f.address.replace(/\/+$/, '') }
    if (authType) Object.assign(apiServer, { authType, authConf })
    const headers = Object.keys(f.headers)
      .sort()
      .map((key) => ({ key, value: f.headers[key] }))
    if (headers.length > 0) Object.assign(apiServer, { headers })
    const cp = { name: f.name, coordinates: { apiServer } }
    if (!f['skip-check']) {
      const token = authType === 'tokens' ? authConf.token : undefined
      const client = new Client(
        { url: apiServer.url, token, headers: f.headers, source: '--address' },
        ctx.timeoutMs,
      )
      const reply = await client.request('GET', '/')
      if (!reply.body || typeof reply.body !== 'object' || !reply.body.version) {
        throw userError(
          `${apiServer.url} does not look like a Kuma or Kumo API server (GET / has no version)`,
        )
      }
    }
    const cfg = ctx.config()
    addControlPlane(cfg, cp, f.overwrite)
    saveConfig(ctx.configPath, cfg)
    ctx.stdout.write(
      `added Control Plane "${cp.name}"\nswitched active Control Plane to "${cp.name}"\n`,
    )
    return EXIT.OK
  },
}

/** @type {import('./args.mjs').Command} */
const list = {
  use: 'list',
  short: 'List Control Planes',
  long: 'List Control Planes.',
  run: async (ctx) => {
    const cfg = ctx.config()
    const active = currentControlPlane(cfg)?.name
    const rows = cfg.controlPlanes.map((cp) => [
      cp.name === active ? '*' : '',
      cp.name,
      cp.coordinates?.apiServer?.url ?? '',
    ])
    ctx.stdout.write(table(['ACTIVE', 'NAME', 'ADDRESS'], rows))
    return EXIT.OK
  },
}

/** @type {import('./args.mjs').Command} */
const use = {
  use: 'use',
  short: 'Switch active Control Plane',
  long: 'Switch active Control Plane (kumactl calls this `switch`; both work). The name may be given as --name or as an argument.',
  aliases: ['switch'],
  args: [0, 1],
  flags: { name: /** @type {import('./args.mjs').FlagSpec} */ ({ ...nameFlag, required: false }) },
  run: async (ctx) => {
    const name = ctx.flags.name ?? ctx.args[0]
    if (!name) throw userError('required flag(s) "name" not set')
    const cfg = ctx.config()
    switchControlPlane(cfg, name)
    saveConfig(ctx.configPath, cfg)
    ctx.stdout.write(`switched active Control Plane to "${name}"\n`)
    return EXIT.OK
  },
}

/** @type {import('./args.mjs').Command} */
const remove = {
  use: 'remove',
  short: 'Remove a Control Plane',
  long: 'Remove a Control Plane.',
  args: [0, 1],
  flags: { name: /** @type {import('./args.mjs').FlagSpec} */ ({ ...nameFlag, required: false }) },
  run: async (ctx) => {
    const name = ctx.flags.name ?? ctx.args[0]
    if (!name) throw userError('required flag(s) "name" not set')
    const cfg = ctx.config()
    removeControlPlane(cfg, name)
    saveConfig(ctx.configPath, cfg)
    ctx.stdout.write(`removed Control Plane "${name}"\n`)
    const now = currentControlPlane(cfg)
    ctx.stdout.write(
      now
        ? `switched active Control Plane to "${now.name}"\n`
        : 'there is no active Control Plane left. Use `kumoctl config control-planes add` to add a Control Plane and make it active\n',
    )
    return EXIT.OK
  },
}

/** @type {import('./args.mjs').Command} */
export const configCommand = {
  use: 'config',
  short: 'Manage kumoctl config',
  long: 'Manage kumoctl config (~/.kumoctl/config, or --config-file).',
  sub: {
    'control-planes': {
      use: 'control-planes',
      short: 'Manage known Control Planes',
      long: 'Manage known Control Planes.',
      sub: { add, list, use, remove },
    },
  },
}
