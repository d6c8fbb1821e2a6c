/**
 * @module kumo-agent's configuration: flags, then `KUMO_*` environment variables, then a YAML or
 * JSON config file (`--config`), then defaults. Every problem is reported, not just the first.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'

export interface AgentConfig {
  controlPlane: string
  zone: string
  zoneTokenFile: string
  adsAddress: string
  apiAddress: string
  stateDir: string
  dataplanesDir?: string
  logLevel: 'debug' | 'info' | 'warn' | 'error'
  /** holdSeconds asks the edge to hold long-polls at most this long (edge caps it at 25). */
  holdSeconds: number
}

interface Option {
  flag: string
  key: keyof AgentConfig
  env: string
  help: string
  default?: string
}

const OPTIONS: Option[] = [
  {
    flag: 'control-plane',
    key: 'controlPlane',
    env: 'KUMO_CONTROL_PLANE',
    help: 'URL of the Kumo edge (e.g. https://kumo.example.com)',
  },
  {
    flag: 'zone',
    key: 'zone',
    env: 'KUMO_ZONE',
    help: 'name of this zone; must match the zone token',
  },
  {
    flag: 'zone-token',
    key: 'zoneTokenFile',
    env: 'KUMO_ZONE_TOKEN_FILE',
    help: 'file holding the zone token (POST /tokens/zone)',
  },
  {
    flag: 'ads-address',
    key: 'adsAddress',
    env: 'KUMO_ADS_ADDRESS',
    help: 'host:port of the gRPC ADS server proxies dial',
    default: '127.0.0.1:5678',
  },
  {
    flag: 'api-address',
    key: 'apiAddress',
    env: 'KUMO_API_ADDRESS',
    help: 'host:port of the local HTTP API (dataplanes, metrics)',
    default: '127.0.0.1:5679',
  },
  {
    flag: 'state-dir',
    key: 'stateDir',
    env: 'KUMO_STATE_DIR',
    help: 'directory for the last good config (static stability)',
    default: '.kumo/agent',
  },
  {
    flag: 'dataplanes-dir',
    key: 'dataplanesDir',
    env: 'KUMO_DATAPLANES_DIR',
    help: 'directory of Dataplane YAML files to watch (optional)',
  },
  {
    flag: 'log-level',
    key: 'logLevel',
    env: 'KUMO_LOG_LEVEL',
    help: 'debug, info, warn or error',
    default: 'info',
  },
  {
    flag: 'hold',
    key: 'holdSeconds',
    env: 'KUMO_HOLD_SECONDS',
    help: 'longest long-poll hold to ask the edge for, in seconds',
    default: '25',
  },
]

/** HELP is `kumo-agent --help`. */
export const HELP = `kumo-agent: the Kumo zone agent. Long-polls its zone's Envoy config from the Kumo edge,
serves it to proxies over gRPC ADS, keeps serving the last good config when the edge is away,
and reports the zone's Dataplanes and their sync state upstream.

Usage:
  kumo-agent --control-plane URL --zone NAME --zone-token FILE [options]

Options:
${OPTIONS.map((o) => `  --${o.flag.padEnd(16)} ${o.help}${o.default ? ` (default ${o.default})` : ''}\n  ${''.padEnd(18)} env ${o.env}`).join('\n')}
  --config FILE      YAML or JSON file with the same settings (camelCase keys, e.g. controlPlane)
  --help             show this help

Local HTTP API (--api-address):
  POST   /dataplanes               register a Dataplane (YAML or JSON, as kuma-dp does at start)
  DELETE /dataplanes/{mesh}/{name} deregister it
  GET    /dataplanes               list the zone's Dataplanes and their sync state
  GET    /ready, /metrics
`

export type ConfigResult =
  | { ok: true; config: AgentConfig }
  | { ok: false; help: true }
  | { ok: false; help?: false; errors: string[] }

/** parseConfig reads argv (without node and script), env and the optional config file. */
export function parseConfig(
  argv: string[],
  env: Record<string, string | undefined>,
  readFile: (file: string) => string = (f) => readFileSync(f, 'utf8'),
): ConfigResult {
  const errors: string[] = []
  const flags: Record<string, string> = {}
  let configFile = env.KUMO_CONFIG
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--help' || arg === '-h') return { ok: false, help: true }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg)
    if (!m) {
      errors.push(`unexpected argument ${JSON.stringify(arg)}`)
      continue
    }
    const value = m[2] ?? argv[++i]
    if (value === undefined) {
      errors.push(`--${m[1]} needs a value`)
      continue
    }
    if (m[1] === 'config') configFile = value
    else if (OPTIONS.some((o) => o.flag === m[1])) flags[m[1]] = value
    else errors.push(`unknown flag --${m[1]}`)
  }
  let file: Record<string, unknown> = {}
  if (configFile) {
    try {
      const parsed = parseYaml(readFile(configFile))
      if (parsed && typeof parsed === 'object') file = parsed as Record<string, unknown>
      else errors.push(`config file ${configFile} must hold a mapping`)
    } catch (e) {
      errors.push(`config file ${configFile}: ${(e as Error).message}`)
    }
  }
  const raw: Record<string, string | undefined> = {}
  for (const o of OPTIONS) {
    const fromFile = file[o.key]
    raw[o.key] =
      flags[o.flag] ??
      env[o.env] ??
      (fromFile === undefined ? undefined : String(fromFile)) ??
      o.default
  }
  for (const o of OPTIONS.slice(0, 3))
    if (!raw[o.key]) errors.push(`--${o.flag} (or ${o.env}) is required`)
  if (raw.controlPlane) {
    try {
      const u = new URL(raw.controlPlane)
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)')
    } catch {
      errors.push(`--control-plane must be an http(s) URL, not ${JSON.stringify(raw.controlPlane)}`)
    }
  }
  for (const key of ['adsAddress', 'apiAddress'] as const) {
    if (!/^[^:\s]+:\d{1,5}$/.test(raw[key] ?? ''))
      errors.push(`${key} must be host:port, not ${JSON.stringify(raw[key])}`)
  }
  if (!['debug', 'info', 'warn', 'error'].includes(raw.logLevel ?? ''))
    errors.push('--log-level must be debug, info, warn or error')
  const hold = Number(raw.holdSeconds)
  if (!Number.isFinite(hold) || hold < 0 || hold > 25) errors.push('--hold must be 0..25 seconds')
  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    config: {
      controlPlane: raw.controlPlane!.replace(/\/+$/, ''),
      zone: raw.zone!,
      zoneTokenFile: path.resolve(raw.zoneTokenFile!),
      adsAddress: raw.adsAddress!,
      apiAddress: raw.apiAddress!,
      stateDir: path.resolve(raw.stateDir!),
      dataplanesDir: raw.dataplanesDir ? path.resolve(raw.dataplanesDir) : undefined,
      logLevel: raw.logLevel as AgentConfig['logLevel'],
      holdSeconds: hold,
    },
  }
}
