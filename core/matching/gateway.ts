/** @module Which MeshGateway configures a builtin gateway Dataplane (Kuma `SelectGateway`). */
import { ORIGIN_LABEL, ZONE_LABEL } from '../resources/labels'
import type { ResourceRecord } from '../store/store'
import { networkingOf, tagSelectorMatches } from './dataplane'
import { isLocalZoneResource } from './meta'

type Tags = Record<string, string>

/** filterGatewaysByZone keeps global gateways and those of the Dataplane's zone. */
export function filterGatewaysByZone(
  gateways: readonly ResourceRecord[],
  dpp: ResourceRecord,
): ResourceRecord[] {
  const dppZone = dpp.labels?.[ZONE_LABEL]
  return gateways.filter((gw) => {
    const origin = gw.labels?.[ORIGIN_LABEL]
    if (origin === undefined || origin === 'global') return true
    return dppZone === undefined || isLocalZoneResource(gw.labels, dppZone)
  })
}

function dataplaneMatches(dpp: ResourceRecord, selector: Tags): boolean {
  const net = networkingOf(dpp)
  if ((net.inbound ?? []).some((i) => tagSelectorMatches(selector, i.tags))) return true
  return tagSelectorMatches(selector, net.gateway?.tags)
}

function rank(selector: Tags): [number, number] {
  const values = Object.values(selector)
  const wildcard = values.filter((v) => v === '*').length
  return [values.length - wildcard, wildcard]
}

const compareRank = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1]

/**
 * selectGateway picks the gateway whose selector matches the Dataplane with the highest rank
 * (exact tags, then wildcards); on a tie the one created later (Kuma `SelectDataplanePolicy`).
 */
export function selectGateway(
  gateways: readonly ResourceRecord[],
  dpp: ResourceRecord,
): ResourceRecord | undefined {
  const sorted = [...gateways].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  let best: ResourceRecord | undefined
  let bestRank: [number, number] = [0, 0]
  const laterSameRank = (p: ResourceRecord, r: [number, number]) =>
    compareRank(r, bestRank) === 0 &&
    !!best &&
    Date.parse(p.creationTime) > Date.parse(best.creationTime)
  for (const gw of sorted) {
    const selectors = (gw.spec as { selectors?: { match?: Tags }[] }).selectors ?? []
    if (selectors.length === 0) {
      if (!best || laterSameRank(gw, [0, 0])) best = gw
      continue
    }
    for (const sel of selectors) {
      const match = sel.match ?? {}
      if (Object.keys(match).length === 0) {
        if (!best || laterSameRank(gw, [0, 0])) best = gw
        continue
      }
      if (dataplaneMatches(dpp, match)) {
        const r = rank(match)
        if (compareRank(r, bestRank) > 0 || laterSameRank(gw, r)) {
          bestRank = r
          best = gw
        }
      }
    }
  }
  return best
}
