/**
 * @module Locality-aware endpoints (Kuma `locality_aware.go`, `priority.go`): local-zone endpoints
 * grouped into sub-zones by affinity tags with weights, remote endpoints given the priority of the
 * first cross-zone failover rule that admits their zone (and dropped when none does).
 */
import type { Proxy } from '../../xds/proxy'
import type { Json } from '../../xds/resource-set'
import { decimalOf } from '../meshhttproute/xds-util'
import type { Conf } from './types'

const ZONE_TAG = 'kuma.io/zone'
const DEFAULT_OVERPROVISIONING_FACTOR = 200

interface LocalGroup {
  key: string
  value: string
  weight: number
}

interface CrossZoneGroup {
  type: 'None' | 'Only' | 'Any' | 'AnyExcept'
  zones: Set<string>
  priority: number
}

interface Locality {
  zone: string
  subZone?: string
  weight?: number
  priority: number
}

interface Endpoint {
  lb: Json
  tags: Record<string, string>
  locality: Locality
}

/** proxyTagValues are the values each tag has across the proxy's inbounds (a MultiValueTagSet). */
function proxyTagValues(proxy: Proxy, key: string): string[] {
  const values = new Set<string>()
  for (const i of proxy.inbounds) if (i.tags[key] !== undefined) values.add(i.tags[key])
  return [...values].sort()
}

function localGroups(conf: Conf, proxy: Proxy): LocalGroup[] {
  const tags = conf.localityAwareness?.localZone?.affinityTags ?? []
  const out: LocalGroup[] = []
  tags.forEach((tag, i) => {
    // unweighted tags get 9 * 10^(n - i - 1): the first takes 90% of the traffic
    const weight = tag.weight ?? 9 * 10 ** (tags.length - i - 1)
    const values = proxyTagValues(proxy, tag.key)
    if (values.length > 0) out.push({ key: tag.key, value: values[0]!, weight })
  })
  return out
}

function crossZoneGroups(conf: Conf, localZone: string): CrossZoneGroup[] {
  const failover = conf.localityAwareness?.crossZone?.failover ?? []
  const out: CrossZoneGroup[] = []
  failover.forEach((rule, i) => {
    if (rule.from && !rule.from.zones.includes(localZone)) return
    const type = ['Only', 'Any', 'AnyExcept'].includes(rule.to.type) ? rule.to.type : 'None'
    out.push({ type, zones: new Set(rule.to.zones ?? []), priority: i + 1 })
  })
  return out
}

function crossZoneLocality(groups: CrossZoneGroup[], zone: string): Locality | undefined {
  for (const g of groups) {
    if (g.type === 'Any') return { zone, priority: g.priority }
    if (g.type === 'AnyExcept' && !g.zones.has(zone)) return { zone, priority: g.priority }
    if (g.type === 'Only' && g.zones.has(zone)) return { zone, priority: g.priority }
  }
  return undefined
}

/**
 * localityAwareEndpoints is Kuma's `NewEndpoints` then `ToLocalityLbEndpoints`: the CLA's
 * endpoints regrouped by (zone, sub-zone, priority), sorted as Kuma sorts them.
 */
export function localityAwareEndpoints(groups: readonly Json[], conf: Conf, proxy: Proxy): Json[] {
  const local = localGroups(conf, proxy)
  const cross = crossZoneGroups(conf, proxy.zone)
  const endpoints: Endpoint[] = []
  for (const g of groups) {
    for (const lb of (g.lbEndpoints as Json[] | undefined) ?? []) {
      const md = (lb.metadata as Json | undefined)?.filterMetadata as Json | undefined
      const tags = { ...((md?.['envoy.lb'] as Record<string, string> | undefined) ?? {}) }
      const zone = tags[ZONE_TAG] ?? ''
      if (zone === proxy.zone) {
        const rule = local.find((r) => tags[r.key] === r.value)
        const locality: Locality = rule
          ? { zone, subZone: `${rule.key}=${rule.value}`, weight: rule.weight, priority: 0 }
          : { zone, weight: 1, priority: 0 }
        endpoints.push({ lb, tags, locality })
      } else {
        const locality = crossZoneLocality(cross, zone)
        if (locality) endpoints.push({ lb, tags, locality })
      }
    }
  }
  const byKey = new Map<string, { locality: Locality; lbEndpoints: Json[] }>()
  for (const e of endpoints) {
    const l = e.locality
    const key = `${l.zone}:${l.subZone ?? ''}:${l.priority}`
    const entry = byKey.get(key) ?? { locality: l, lbEndpoints: [] }
    entry.lbEndpoints.push(e.lb)
    byKey.set(key, entry)
  }
  const out = [...byKey.values()].map(({ locality, lbEndpoints }) => {
    lbEndpoints.sort(compareLbEndpoints)
    const g: Json = {
      locality: { zone: locality.zone, ...(locality.subZone ? { subZone: locality.subZone } : {}) },
      lbEndpoints,
    }
    if (locality.priority) g.priority = locality.priority
    if (locality.weight) g.loadBalancingWeight = locality.weight
    return g
  })
  const name = (g: Json) => {
    const l = g.locality as { zone?: string; subZone?: string }
    return (l.zone ?? '') + (l.subZone ?? '')
  }
  // Kuma's sort.Slice is not stable; ties (same zone and sub-zone) are kept by priority here
  return out.sort(
    (a, b) =>
      (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0) ||
      Number(a.priority ?? 0) - Number(b.priority ?? 0),
  )
}

function compareLbEndpoints(a: Json, b: Json): number {
  const addr = (e: Json) =>
    ((e.endpoint as Json).address as { socketAddress: { address: string; portValue: number } })
      .socketAddress
  const x = addr(a)
  const y = addr(b)
  if (x.address !== y.address) return x.address < y.address ? -1 : 1
  return x.portValue - y.portValue
}

/** overprovisioningFactor is Kuma's: 100 / failoverThreshold% * 100, else 200. */
export function overprovisioningFactor(conf: Conf): number {
  const t = conf.localityAwareness?.crossZone?.failoverThreshold
  if (!t) return DEFAULT_OVERPROVISIONING_FACTOR
  const v = decimalOf(t.percentage)
  if (!Number.isFinite(v) || v === 0) return DEFAULT_OVERPROVISIONING_FACTOR
  return Math.trunc(100 / v) * 100
}
