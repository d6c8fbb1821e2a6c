/** @module Command-line parsing (Node's util.parseArgs) and cobra-style help for every kumoctl command. */
import { parseArgs } from 'node:util'
import { userError } from './errors.mjs'

/**
 * @typedef {object} FlagSpec
 * @property {'string' | 'boolean'} type
 * @property {string} [short] one-letter alias
 * @property {string} desc
 * @property {string | boolean} [default]
 * @property {boolean} [multiple] may be given more than once (values collected in order)
 * @property {boolean} [map] `key=value[,key=value]` pairs, as pflag's StringToString
 * @property {boolean} [required]
 * @property {string} [valueName] word shown after the flag in help (`string` by default)
 */

/**
 * @typedef {object} Command
 * @property {string} use e.g. `apply`, `get TYPE [NAME]`
 * @property {string} short one line
 * @property {string} [long]
 * @property {string} [example]
 * @property {Record<string, FlagSpec>} [flags]
 * @property {[number, number]} [args] minimum and maximum positionals
 * @property {Record<string, Command>} [sub] subcommands (a group has no `run`)
 * @property {string[]} [aliases] other words naming this command
 * @property {(ctx: RunContext) => Promise<number | void>} [run]
 */

/**
 * @typedef {object} RunContext
 * @property {Record<string, any>} flags parsed flags (map flags as objects)
 * @property {string[]} args positionals
 * @property {string} path full command path, e.g. `kumoctl get`
 * @property {{ write(s: string): unknown }} stdout
 * @property {{ write(s: string): unknown }} stderr
 * @property {NodeJS.ReadableStream} stdin
 * @property {Record<string, string | undefined>} env
 * @property {number} timeoutMs from --api-timeout
 * @property {string} configPath
 * @property {() => import('./config.mjs').Config} config loaded on first use
 * @property {() => import('./client.mjs').Client} client for the current control plane
 */

/** GLOBAL_FLAGS are accepted by every command, as kumactl's persistent root flags. */
export const GLOBAL_FLAGS = {
  'config-file': {
    type: 'string',
    desc: 'path to the configuration file to use (default "~/.kumoctl/config")',
  },
  'api-timeout': {
    type: 'string',
    default: '1m0s',
    valueName: 'duration',
    desc: 'the timeout for api calls. It includes connection time, any redirects, and reading the response body',
  },
  help: { type: 'boolean', short: 'h', desc: 'help for this command' },
}

/**
 * resolve walks `argv` down the command tree: words naming subcommands are consumed until a
 * command with `run` (or an unknown word) is reached. Flags may appear anywhere.
 * @param {Command} root
 * @param {string[]} argv
 */
export function resolve(root, argv) {
  let cmd = root
  const names = ['kumoctl']
  const rest = []
  let i = 0
  for (; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--') {
      rest.push(...argv.slice(i))
      break
    }
    if (a.startsWith('-')) {
      rest.push(a)
      // a flag's separate value must not be taken for a subcommand
      if (!a.includes('=') && takesValue(cmd, a) && i + 1 < argv.length) rest.push(argv[++i])
      continue
    }
    const sub =
      cmd.sub && (cmd.sub[a] ?? Object.values(cmd.sub).find((c) => c.aliases?.includes(a)))
    if (sub && !cmd.run) {
      cmd = sub
      names.push(a)
      continue
    }
    rest.push(a)
  }
  return { cmd, path: names.join(' '), rest }
}

function takesValue(cmd, flag) {
  const name = flag.replace(/^-+/, '')
  const all = { ...GLOBAL_FLAGS, ...collectFlags(cmd) }
  const spec = flag.startsWith('--') ? all[name] : Object.values(all).find((s) => s.short === name)
  return spec?.type === 'string'
}

function collectFlags(cmd) {
  const out = { ...(cmd.flags ?? {}) }
  for (const sub of Object.values(cmd.sub ?? {})) Object.assign(out, sub.flags ?? {})
  return out
}

/**
 * parse reads flags and positionals for `cmd`. Unknown flags, missing values and wrong argument
 * counts are user errors naming `--help`.
 * @param {Command} cmd
 * @param {string} path
 * @param {string[]} argv
 */
export function parse(cmd, path, argv) {
  const specs = { ...GLOBAL_FLAGS, ...(cmd.flags ?? {}) }
  /** @type {Record<string, any>} */
  const options = {}
  for (const [name, s] of Object.entries(specs)) {
    options[name] = { type: s.type, multiple: Boolean(s.multiple || s.map) }
    if (s.short) options[name].short = s.short
  }
  let parsed
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (e) {
    const msg = /** @type {Error} */ (e).message
      .split('\n')[0]
      .replace(/^Unknown option/, 'unknown flag')
    throw userError(`${msg}. Run '${path} --help' for usage.`)
  }
  /** @type {Record<string, any>} */
  const flags = {}
  for (const [name, s] of Object.entries(specs)) {
    const v = parsed.values[name]
    if (s.map) flags[name] = toMap(name, /** @type {string[] | undefined} */ (v) ?? [])
    else flags[name] = v ?? s.default
  }
  if (flags.help) return { flags, args: parsed.positionals, help: true }
  const missing = Object.entries(cmd.flags ?? {})
    .filter(([name, s]) => s.required && (flags[name] === undefined || flags[name] === ''))
    .map(([name]) => `"${name}"`)
  if (missing.length > 0) {
    throw userError(
      `required flag(s) ${missing.join(', ')} not set. Run '${path} --help' for usage.`,
    )
  }
  const [min, max] = cmd.run ? (cmd.args ?? [0, 0]) : [0, Infinity]
  const n = parsed.positionals.length
  if (n < min || n > max) {
    const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`
    throw userError(
      `${path} takes ${want} argument(s), got ${n}${n > max ? ` (${parsed.positionals.slice(max).join(' ')} left over)` : ''}. Run '${path} --help' for usage.`,
    )
  }
  return { flags, args: parsed.positionals, help: false }
}

/** toMap reads pflag StringToString values: `k=v,k2=v2`; a part without `=` continues the previous value. */
function toMap(flag, values) {
  /** @type {Record<string, string>} */
  const out = {}
  for (const raw of values) {
    let last
    for (const part of raw.split(',')) {
      const eq = part.indexOf('=')
      if (eq < 0) {
        if (last === undefined)
          throw userError(`--${flag} ${JSON.stringify(raw)} must be key=value`)
        out[last] += `,${part}`
        continue
      }
      last = part.slice(0, eq)
      out[last] = part.slice(eq + 1)
    }
  }
  return out
}

/**
 * help renders cobra's layout: description, usage, aliases, subcommands, examples, flags.
 * @param {Command} cmd
 * @param {string} path
 */
export function help(cmd, path) {
  const out = [`${cmd.long ?? cmd.short}`, '', 'Usage:']
  if (cmd.run) out.push(`  ${path.split(' ').slice(0, -1).concat(cmd.use).join(' ')} [flags]`)
  if (cmd.sub) out.push(`  ${path} [command]`)
  if (cmd.aliases?.length)
    out.push('', 'Aliases:', `  ${[cmd.use.split(' ')[0], ...cmd.aliases].join(', ')}`)
  if (cmd.example) out.push('', 'Examples:', cmd.example.replace(/^\n/, '').replace(/\n+$/, ''))
  if (cmd.sub) {
    out.push('', 'Available Commands:')
    const width = Math.max(...Object.keys(cmd.sub).map((k) => k.length)) + 3
    for (const [name, c] of Object.entries(cmd.sub)) out.push(`  ${name.padEnd(width)}${c.short}`)
  }
  const local = Object.entries(cmd.flags ?? {})
  out.push('', 'Flags:', ...flagLines([...local, ['help', GLOBAL_FLAGS.help]]))
  const global = Object.entries(GLOBAL_FLAGS).filter(([n]) => n !== 'help')
  out.push('', 'Global Flags:', ...flagLines(global))
  if (cmd.sub) out.push('', `Use "${path} [command] --help" for more information about a command.`)
  return out.join('\n') + '\n'
}

/** flagLines aligns `-x, --name type   description (default ...)` as pflag does. */
function flagLines(entries) {
  const left = entries.map(([name, s]) => {
    const short = s.short ? `-${s.short}, ` : '    '
    const value =
      s.type === 'string' ? ` ${s.map ? 'stringToString' : (s.valueName ?? 'string')}` : ''
    return `  ${short}--${name}${value}`
  })
  const width = Math.max(...left.map((l) => l.length)) + 3
  return entries.map(([, s], i) => {
    const dflt =
      s.default !== undefined && s.default !== false && s.default !== ''
        ? ` (default ${JSON.stringify(s.default)})`
        : ''
    return `${left[i].padEnd(width)}${s.desc}${dflt}`
  })
}
