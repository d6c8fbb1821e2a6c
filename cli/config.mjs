/** @module kumoctl's configuration: control planes and the current one, in kumactl's file layout (`~/.kumoctl/config`). */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { parse as parseYaml, stringify } from 'yaml'
import { userError } from './errors.mjs'

/**
 * @typedef {object} ControlPlane
 * @property {string} name
 * @property {{ apiServer: { url: string, authType?: string, authConf?: Record<string, string>,
 *   headers?: { key: string, value: string }[] } }} coordinates
 */

/**
 * @typedef {object} Config
 * @property {{ name: string, controlPlane: string }[]} contexts
 * @property {ControlPlane[]} controlPlanes
 * @property {string} currentContext
 */

/** DEFAULT_ADDRESS is where `npm start` serves Kumo (Kuma's API port). */
export const DEFAULT_ADDRESS = 'http://127.0.0.1:5681'

/** configPath is `--config-file`, else `$KUMOCTL_CONFIG`, else `~/.kumoctl/config`. */
export function configPath(flag, env) {
  if (flag) return flag
  if (env.KUMOCTL_CONFIG) return env.KUMOCTL_CONFIG
  return join(env.HOME || homedir(), '.kumoctl', 'config')
}

/** emptyConfig is the configuration before any control plane was added. */
export const emptyConfig = () => ({ contexts: [], controlPlanes: [], currentContext: '' })

/**
 * loadConfig reads the file; a missing file is an empty configuration (kumoctl never writes one
 * unless asked to, so read-only use leaves the home directory alone).
 * @returns {Config}
 */
export function loadConfig(path) {
  if (!existsSync(path)) return emptyConfig()
  let doc
  try {
    doc = parseYaml(readFileSync(path, 'utf8'))
  } catch (e) {
    throw userError(
      `the config file ${path} is not valid YAML: ${/** @type {Error} */ (e).message.split('\n')[0]}`,
    )
  }
  if (doc === null || doc === undefined) return emptyConfig()
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw userError(`the config file ${path} must hold a YAML object`)
  }
  return {
    contexts: Array.isArray(doc.contexts) ? doc.contexts : [],
    controlPlanes: Array.isArray(doc.controlPlanes) ? doc.controlPlanes : [],
    currentContext: typeof doc.currentContext === 'string' ? doc.currentContext : '',
  }
}

/** saveConfig writes the file readable by its owner only (it holds tokens). */
export function saveConfig(path, cfg) {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  writeFileSync(path, stringify(cfg, { indentSeq: false }), { mode: 0o600 })
  chmodSync(path, 0o600)
}

/** currentControlPlane is the control plane of the current context, if any. */
export function currentControlPlane(cfg) {
  const ctx = cfg.contexts.find((c) => c.name === cfg.currentContext)
  if (!ctx) return undefined
  return cfg.controlPlanes.find((cp) => cp.name === ctx.controlPlane)
}

/**
 * addControlPlane adds (or with `overwrite` replaces) a control plane and its context and makes
 * it current, as kumactl does.
 * @param {Config} cfg
 * @param {ControlPlane} cp
 */
export function addControlPlane(cfg, cp, overwrite) {
  const i = cfg.controlPlanes.findIndex((c) => c.name === cp.name)
  if (i >= 0 && !overwrite) {
    throw userError(
      `Control Plane with name "${cp.name}" already exists. Use --overwrite to replace an existing one.`,
    )
  }
  if (i >= 0) cfg.controlPlanes[i] = cp
  else cfg.controlPlanes.push(cp)
  const j = cfg.contexts.findIndex((c) => c.name === cp.name)
  const ctx = { name: cp.name, controlPlane: cp.name }
  if (j >= 0) cfg.contexts[j] = ctx
  else cfg.contexts.push(ctx)
  cfg.currentContext = cp.name
}

/** removeControlPlane drops a control plane and its contexts; the first one left becomes current. */
export function removeControlPlane(cfg, name) {
  const before = cfg.controlPlanes.length
  cfg.controlPlanes = cfg.controlPlanes.filter((c) => c.name !== name)
  if (cfg.controlPlanes.length === before) {
    throw userError(`there is no Control Plane with name "${name}"`)
  }
  cfg.contexts = cfg.contexts.filter((c) => c.controlPlane !== name)
  if (!cfg.contexts.some((c) => c.name === cfg.currentContext)) {
    cfg.currentContext = cfg.contexts[0]?.name ?? ''
  }
}

/** switchControlPlane makes the context of control plane `name` current. */
export function switchControlPlane(cfg, name) {
  const ctx = cfg.contexts.find((c) => c.controlPlane === name || c.name === name)
  if (!ctx) throw userError(`there is no Control Plane with name "${name}"`)
  cfg.currentContext = ctx.name
}

/**
 * @typedef {object} Target
 * @property {string} url API server base URL, without a trailing slash
 * @property {string | undefined} token bearer token
 * @property {Record<string, string>} headers extra headers from the config
 * @property {string} source where the address came from, for error messages
 */

/**
 * target is where API calls go: the current control plane, with `KUMO_ADDRESS` and `KUMO_TOKEN`
 * overriding its address and token; with neither, Kumo on this machine.
 * @param {Config} cfg
 * @param {Record<string, string | undefined>} env
 * @returns {Target}
 */
export function target(cfg, env) {
  const cp = currentControlPlane(cfg)
  const api = cp?.coordinates?.apiServer
  let url = api?.url ?? DEFAULT_ADDRESS
  let source = cp ? `control plane "${cp.name}"` : 'the default address'
  if (env.KUMO_ADDRESS) {
    url = env.KUMO_ADDRESS
    source = 'KUMO_ADDRESS'
  }
  let token = api?.authType === 'tokens' ? api?.authConf?.token : undefined
  if (env.KUMO_TOKEN) token = env.KUMO_TOKEN.trim()
  /** @type {Record<string, string>} */
  const headers = {}
  for (const h of api?.headers ?? []) headers[h.key] = h.value
  return { url: url.replace(/\/+$/, ''), token, headers, source }
}
