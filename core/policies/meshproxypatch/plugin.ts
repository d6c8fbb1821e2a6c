/**
 * @module MeshProxyPatch's effect on Envoy resources (Kuma `meshproxypatch/plugin/v1alpha1`):
 * the merged `appendModifications` applied in order to clusters, listeners, network filters,
 * HTTP filters and virtual hosts. It runs last (order 9999), after every other plugin.
 */
import { matchedOf, type PolicyPlugin, PLUGIN_ORDER } from '../../xds/plugin'
import type { Json, ResourceSet, XdsResource } from '../../xds/resource-set'
import { TypeUrl } from '../../xds/snapshot'
import { applyJsonPatch, mergeAnys, mergeProto, parseValue } from './json'
import type {
  ClusterMod,
  Conf,
  HTTPFilterMod,
  ListenerMod,
  Modification,
  NetworkFilterMod,
  VirtualHostMod,
} from './types'

const HCM = 'envoy.filters.network.http_connection_manager'

/**
 * SYSTEM_LISTENER_EQUIVALENTS pair the legacy and unified names of the transparent-proxy
 * listeners, so a `listenerName` written in either scheme matches (Kuma `listenerNameMatches`).
 */
const SYSTEM_LISTENER_EQUIVALENTS: readonly [string, string][] = [
  ['outbound:passthrough:ipv4', 'self_transparentproxy_passthrough_outbound_ipv4'],
  ['outbound:passthrough:ipv6', 'self_transparentproxy_passthrough_outbound_ipv6'],
  ['inbound:passthrough:ipv4', 'self_transparentproxy_passthrough_inbound_ipv4'],
  ['inbound:passthrough:ipv6', 'self_transparentproxy_passthrough_inbound_ipv6'],
]

const listenerNameMatches = (match: string, actual: string) =>
  match === actual ||
  SYSTEM_LISTENER_EQUIVALENTS.some(
    ([a, b]) => (match === a && actual === b) || (match === b && actual === a),
  )

/** listenerTags are the listener's `io.kuma.tags` metadata (Kuma `ExtractTags`). */
const listenerTags = (l: Json): Record<string, string> =>
  (((l.metadata as Json | undefined)?.filterMetadata as Json | undefined)?.['io.kuma.tags'] as
    Record<string, string> | undefined) ?? {}

/** tagsMatch is Kuma's `TagSelector.Matches`: every tag equal, `*` matching any value present. */
const tagsMatch = (selector: Record<string, string>, tags: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => k in tags && (v === '*' || tags[k] === v))

/** ListenerSelector is what picks listeners: a ListenerMatch, or a filter match's listener part. */
interface ListenerSelector {
  origin?: string
  name?: string
  tags?: Record<string, string>
}

function listenerMatches(m: ListenerSelector | undefined, r: XdsResource): boolean {
  if (!m) return true
  if (m.name !== undefined && !listenerNameMatches(m.name, r.name)) return false
  if (m.origin !== undefined && m.origin !== r.origin) return false
  if (m.tags && Object.keys(m.tags).length > 0 && !tagsMatch(m.tags, listenerTags(r.resource))) {
    return false
  }
  return true
}

/** filterListener is the listener part of a network or HTTP filter match. */
const filterListener = (
  m: { origin?: string; listenerName?: string; listenerTags?: Record<string, string> } | undefined,
): ListenerSelector | undefined =>
  m && { origin: m.origin, name: m.listenerName, tags: m.listenerTags }

function patchResource(target: Json, mod: { value?: string; jsonPatches?: unknown[] }): void {
  if ((mod.jsonPatches?.length ?? 0) > 0) {
    applyJsonPatch(target, mod.jsonPatches as never)
  } else {
    mergeProto(target, parseValue(mod.value))
  }
}

function applyCluster(rs: ResourceSet, mod: ClusterMod): void {
  const matches = (r: XdsResource) =>
    !mod.match ||
    ((mod.match.name === undefined || mod.match.name === r.name) &&
      (mod.match.origin === undefined || mod.match.origin === r.origin))
  if (mod.operation === 'Add') {
    const c = parseValue(mod.value)
    const name = String(c.name ?? '')
    rs.add({ typeUrl: TypeUrl.Cluster, name, origin: 'proxy-template-modifications', resource: c })
    return
  }
  for (const r of rs.list(TypeUrl.Cluster).filter(matches)) {
    if (mod.operation === 'Remove') rs.remove(TypeUrl.Cluster, r.name)
    else patchResource(r.resource, mod)
  }
}

function applyListener(rs: ResourceSet, mod: ListenerMod): void {
  if (mod.operation === 'Add') {
    const l = parseValue(mod.value)
    const name = String(l.name ?? '')
    rs.add({ typeUrl: TypeUrl.Listener, name, origin: 'mesh-proxy-patch', resource: l })
    return
  }
  for (const r of rs.list(TypeUrl.Listener).filter((r) => listenerMatches(mod.match, r))) {
    if (mod.operation === 'Remove') rs.remove(TypeUrl.Listener, r.name)
    else patchResource(r.resource, mod)
  }
}

/** insertAt adds `item` by a filter operation; AddBefore/AddAfter need a filter named `name`. */
function insertAt(list: Json[], op: string, item: Json, name: string | undefined): Json[] {
  if (op === 'AddFirst') return [item, ...list]
  if (op === 'AddLast') return [...list, item]
  const idx = name === undefined ? -1 : list.findIndex((f) => f.name === name)
  if (idx === -1) return list
  const at = op === 'AddBefore' ? idx : idx + 1
  return [...list.slice(0, at), item, ...list.slice(at)]
}

/** patchFilters applies Remove or Patch to the filters named `name` (every filter when absent). */
function patchFilters(
  list: Json[],
  mod: { operation: string; value?: string; jsonPatches?: unknown[] },
  name: string | undefined,
  matchSet: boolean,
): Json[] {
  const matches = (f: Json) => !matchSet || name === undefined || f.name === name
  if (mod.operation === 'Remove') return list.filter((f) => !matches(f))
  const patch = parseValue(mod.value)
  for (const f of list.filter(matches)) {
    const typed = (f.typedConfig as Json | undefined) ?? {}
    if ((mod.jsonPatches?.length ?? 0) > 0) {
      applyJsonPatch(typed, mod.jsonPatches as never)
      f.typedConfig = typed
    } else {
      const merged = mergeAnys(f.typedConfig as Json | undefined, patch.typedConfig as Json)
      if (typeof merged === 'string') throw new Error(`could not patch the resource: ${merged}`)
      f.typedConfig = merged
    }
  }
  return list
}

function applyNetworkFilter(rs: ResourceSet, mod: NetworkFilterMod): void {
  const filter = parseValue(mod.value)
  const selector = filterListener(mod.match)
  for (const r of rs.list(TypeUrl.Listener).filter((r) => listenerMatches(selector, r))) {
    for (const chain of (r.resource.filterChains as Json[] | undefined) ?? []) {
      const filters = (chain.filters as Json[] | undefined) ?? []
      chain.filters =
        mod.operation === 'Remove' || mod.operation === 'Patch'
          ? patchFilters(filters, mod, mod.match?.name, mod.match !== undefined)
          : insertAt(filters, mod.operation, structuredClone(filter), mod.match?.name)
    }
  }
}

/** eachHcm calls `fn` on every HttpConnectionManager of the listener's filter chains. */
function eachHcm(listener: Json, fn: (hcm: Json) => void): void {
  for (const chain of (listener.filterChains as Json[] | undefined) ?? []) {
    for (const f of (chain.filters as Json[] | undefined) ?? []) {
      if (f.name === HCM && f.typedConfig) fn(f.typedConfig as Json)
    }
  }
}

function applyHttpFilter(rs: ResourceSet, mod: HTTPFilterMod): void {
  const filter = parseValue(mod.value)
  const selector = filterListener(mod.match)
  for (const r of rs.list(TypeUrl.Listener).filter((r) => listenerMatches(selector, r))) {
    eachHcm(r.resource, (hcm) => {
      const filters = (hcm.httpFilters as Json[] | undefined) ?? []
      hcm.httpFilters =
        mod.operation === 'Remove' || mod.operation === 'Patch'
          ? patchFilters(filters, mod, mod.match?.name, mod.match !== undefined)
          : insertAt(filters, mod.operation, structuredClone(filter), mod.match?.name)
    })
  }
}

function applyVirtualHost(rs: ResourceSet, mod: VirtualHostMod): void {
  const m = mod.match
  const vhost = parseValue(mod.value)
  for (const r of rs.list(TypeUrl.Listener)) {
    if (m?.origin !== undefined && m.origin !== r.origin) continue
    eachHcm(r.resource, (hcm) => {
      const rc = hcm.routeConfig as Json | undefined
      if (!rc) return
      if (m?.routeConfigurationName !== undefined && m.routeConfigurationName !== rc.name) return
      const hosts = (rc.virtualHosts as Json[] | undefined) ?? []
      const matches = (v: Json) => m?.name === undefined || m.name === v.name
      if (mod.operation === 'Add') rc.virtualHosts = [...hosts, structuredClone(vhost)]
      else if (mod.operation === 'Remove') rc.virtualHosts = hosts.filter((v) => !matches(v))
      else for (const v of hosts.filter(matches)) patchResource(v, mod)
    })
  }
}

/** applyMods is Kuma's `ApplyMods`: each modification in order; the first failure stops. */
export function applyMods(rs: ResourceSet, mods: readonly Modification[]): string | undefined {
  for (const [i, mod] of mods.entries()) {
    try {
      if (mod.cluster) applyCluster(rs, mod.cluster)
      else if (mod.listener) applyListener(rs, mod.listener)
      else if (mod.networkFilter) applyNetworkFilter(rs, mod.networkFilter)
      else if (mod.httpFilter) applyHttpFilter(rs, mod.httpFilter)
      else if (mod.virtualHost) applyVirtualHost(rs, mod.virtualHost)
      else return `could not apply ${i} modification: invalid modification`
    } catch (e) {
      return `could not apply ${i} modification: ${(e as Error).message}`
    }
  }
  return undefined
}

/** plugin is MeshProxyPatch's PolicyPlugin. */
export const plugin: PolicyPlugin = {
  kind: 'MeshProxyPatch',
  order: PLUGIN_ORDER.MeshProxyPatch,
  apply(rs, _ctx, proxy) {
    const rules = matchedOf(proxy, 'MeshProxyPatch').singleItemRules.rules
    if (rules.length === 0) return
    const conf = rules[0].conf as Conf
    const err = applyMods(rs, conf.appendModifications ?? [])
    return err ? { warnings: [err] } : undefined
  },
}
