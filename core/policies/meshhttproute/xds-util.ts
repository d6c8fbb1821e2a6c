/**
 * @module Small Envoy JSON helpers shared by the routing, load-balancing and fault plugins:
 * proto3 durations and percentages as Kuma's configurers write them, and finding the
 * HttpConnectionManager of a listener.
 */
import { withoutSection } from '../../kri/kri'
import type { ResourceRule, ResourceRules, Rule } from '../../matching'
import { kriOfRecord } from '../../matching/resources'
import { containsElement } from '../../matching/subset'
import type { PluginContext } from '../../xds/plugin'
import type { Json } from '../../xds/resource-set'
import { parseGoDuration } from '../common/durations'

const HCM = 'envoy.filters.network.http_connection_manager'
const ROUTER = 'envoy.filters.http.router'

/** protoDuration is a Go duration (`1m30s`) as proto3 JSON (`90s`, `0.500s`); undefined if invalid. */
export function protoDuration(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  const ns = parseGoDuration(text)
  if (ns === undefined) return undefined
  const neg = ns < 0n
  const abs = neg ? -ns : ns
  const secs = abs / 1_000_000_000n
  const nanos = abs % 1_000_000_000n
  let frac = ''
  if (nanos !== 0n) {
    frac = nanos.toString().padStart(9, '0')
    frac = '.' + frac.replace(/(000)+$/, '')
  }
  return `${neg ? '-' : ''}${secs}${frac}s`
}

/** decimalOf reads an IntOrString decimal (`12`, `'12.5'`); NaN when it is not one. */
export const decimalOf = (v: number | string | undefined): number =>
  typeof v === 'number' ? v : v === undefined ? NaN : Number(v)

/**
 * fractionalPercent is Kuma's `ConvertPercentage`: an integer per HUNDRED, two decimals per
 * TEN_THOUSAND, otherwise per MILLION (rounded).
 */
export function fractionalPercent(value: number): Json {
  if (value === 0) return {}
  if (Number.isInteger(value)) return { numerator: value }
  const hundred = Math.round(value * 100 * 1e9) / 1e9
  if (Number.isInteger(hundred)) return { numerator: hundred, denominator: 'TEN_THOUSAND' }
  return { numerator: Math.round(10_000 * value), denominator: 'MILLION' }
}

/** hcmsOf gives every HttpConnectionManager config (the typedConfig) of a listener. */
export function hcmsOf(listener: Json): Json[] {
  const chains = (listener.filterChains as Json[] | undefined) ?? []
  return chains.flatMap((fc) =>
    ((fc.filters as Json[] | undefined) ?? [])
      .filter((f) => f.name === HCM)
      .map((f) => f.typedConfig as Json),
  )
}

/** insertBeforeRouter is Kuma's `InsertHTTPFiltersBeforeRouter`: filters go just before the router. */
export function insertBeforeRouter(hcm: Json, filters: readonly Json[]): void {
  if (filters.length === 0) return
  const list = (hcm.httpFilters as Json[] | undefined) ?? []
  const i = list.findIndex((f) => f.name === ROUTER)
  const at = i < 0 ? list.length : i
  list.splice(at, 0, ...filters)
  hcm.httpFilters = list
}

/** routesOf gives every Route of the inline route configs of a listener's HCMs. */
export function routesOf(listener: Json): Json[] {
  return hcmsOf(listener).flatMap((hcm) =>
    (((hcm.routeConfig as Json | undefined)?.virtualHosts as Json[] | undefined) ?? []).flatMap(
      (vh) => (vh.routes as Json[] | undefined) ?? [],
    ),
  )
}

/** computeRule is Kuma's `Rules.Compute`: the first rule whose subset contains the element. */
export function computeRule(
  rules: readonly Rule[],
  element: Readonly<Record<string, string>>,
): Rule | undefined {
  return rules.find((r) => containsElement(r.subset, { ...element }))
}

/**
 * resourceRuleOf is Kuma's `ResourceContext.ResourceRule`: the rule of the first of `ids` (most
 * specific first) that has one.
 */
export function resourceRuleOf(
  rules: ResourceRules,
  ids: readonly (string | undefined)[],
): ResourceRule | undefined {
  for (const id of ids) if (id && rules[id]) return rules[id]
  return undefined
}

/** noSection drops the section name of a KRI (`kri_msvc_m_z_ns_name_http` -> `..._name_`). */
export const noSection = (kri: string): string =>
  kri.startsWith('kri_') ? withoutSection(kri) : kri

/** meshKri is the KRI of the proxy's Mesh, the least specific outbound context. */
export const meshKri = (ctx: PluginContext): string => kriOfRecord(ctx.mesh.mesh)
