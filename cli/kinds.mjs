/** @module The resource kinds kumoctl knows (Kuma's kumactl args and REST paths), and lookup by any of their names. */
import { userError } from './errors.mjs'

/**
 * @typedef {object} Kind
 * @property {string} name Kuma type, also the Kubernetes `kind` (`MeshTimeout`)
 * @property {string} plural REST path segment and kumactl list argument (`meshtimeouts`)
 * @property {string} arg kumactl's singular argument (`meshtimeout`)
 * @property {'Mesh' | 'Global'} scope
 * @property {boolean} [readOnly]
 * @property {string[]} [aliases] other accepted arguments
 */

const mesh = (name, plural, aliases) => ({
  name,
  plural,
  arg: name.toLowerCase(),
  scope: 'Mesh',
  aliases,
})
const global = (name, plural, aliases) => ({
  name,
  plural,
  arg: name.toLowerCase(),
  scope: 'Global',
  aliases,
})

/** KINDS are the kinds of Kuma 2.14 that Kumo serves; others are found through `/_resources`. */
export const KINDS = /** @type {Kind[]} */ ([
  global('Mesh', 'meshes'),
  global('Zone', 'zones'),
  global('GlobalSecret', 'globalsecrets', ['global-secret', 'global-secrets']),
  global('HostnameGenerator', 'hostnamegenerators'),
  mesh('Dataplane', 'dataplanes', ['dp', 'dps']),
  mesh('Secret', 'secrets'),
  mesh('MeshService', 'meshservices'),
  mesh('MeshExternalService', 'meshexternalservices'),
  mesh('MeshMultiZoneService', 'meshmultizoneservices'),
  mesh('MeshGateway', 'meshgateways'),
  mesh('MeshOpenTelemetryBackend', 'meshopentelemetrybackends'),
  mesh('MeshAccessLog', 'meshaccesslogs'),
  mesh('MeshCircuitBreaker', 'meshcircuitbreakers'),
  mesh('MeshFaultInjection', 'meshfaultinjections'),
  mesh('MeshHealthCheck', 'meshhealthchecks'),
  mesh('MeshHTTPRoute', 'meshhttproutes'),
  mesh('MeshLoadBalancingStrategy', 'meshloadbalancingstrategies'),
  mesh('MeshMetric', 'meshmetrics'),
  mesh('MeshPassthrough', 'meshpassthroughs'),
  mesh('MeshProxyPatch', 'meshproxypatches'),
  mesh('MeshRateLimit', 'meshratelimits'),
  mesh('MeshRetry', 'meshretries'),
  mesh('MeshTCPRoute', 'meshtcproutes'),
  mesh('MeshTLS', 'meshtlses'),
  mesh('MeshTimeout', 'meshtimeouts'),
  mesh('MeshTrace', 'meshtraces'),
  mesh('MeshTrafficPermission', 'meshtrafficpermissions'),
])

/**
 * lookup finds a kind by type (`MeshTimeout`, any case), kumactl argument (`meshtimeout`),
 * plural (`meshtimeouts`) or alias. `plural` tells which form matched.
 * @param {string} word
 * @param {Kind[]} kinds
 * @returns {{ kind: Kind, plural: boolean } | undefined}
 */
export function lookup(word, kinds = KINDS) {
  const w = word.toLowerCase()
  for (const k of kinds) {
    if (w === k.plural || w === `${k.name.toLowerCase()}s`) return { kind: k, plural: true }
    if (w === k.arg || w === k.name.toLowerCase()) return { kind: k, plural: false }
    if (k.aliases?.includes(w)) return { kind: k, plural: w.endsWith('s') }
  }
  return undefined
}

/**
 * serverKinds turns kuma-cp's `/_resources` answer into kinds, so kinds this table does not
 * know still work when the server serves them.
 * @param {any} body
 * @returns {Kind[]}
 */
export function serverKinds(body) {
  const list = Array.isArray(body?.resources) ? body.resources : []
  return list
    .filter((r) => typeof r?.name === 'string' && typeof r?.path === 'string')
    .map((r) => ({
      name: r.name,
      plural: r.path,
      arg: r.name.toLowerCase(),
      scope: r.scope === 'Global' ? 'Global' : 'Mesh',
      readOnly: Boolean(r.readOnly),
    }))
}

/**
 * resolveKind finds `word` in the local table, then among the server's kinds; unknown words are
 * a user error listing what is allowed.
 * @param {string} word
 * @param {import('./client.mjs').Client | undefined} client
 */
export async function resolveKind(word, client) {
  const local = lookup(word)
  if (local) return local
  if (client) {
    const reply = await client.request('GET', '/_resources').catch(() => undefined)
    const found = reply && lookup(word, serverKinds(reply.body))
    if (found) return found
  }
  throw userError(
    `unknown TYPE: ${word}. Allowed values: ${KINDS.map((k) => k.plural).join(', ')} (or their singular forms)`,
  )
}
