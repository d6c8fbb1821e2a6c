/**
 * @module Overviews: a proxy or zone merged with its insight, as kuma-cp's `_overview` and legacy
 * `+insights` endpoints print them (Kuma `SetOverviewSpec` + `rest.From.Resource`).
 */
import { formatKri, identifierOf } from '../kri/kri'
import type { ResourceKind } from '../resources/kind'
import type { ResourceRecord } from '../store/store'

/** OverviewDef ties a kind with insights to its insight kind and its overview's field names. */
export interface OverviewDef {
  /** type of the resource (`Dataplane`). */
  type: string
  /** insightType is the kind holding its insight (same mesh and name). */
  insightType: string
  /** overviewType is the REST type printed (`DataplaneOverview`). */
  overviewType: string
  /** specField holds the resource's spec (`dataplane`). */
  specField: string
  /** insightField holds the insight's spec when there is one (`dataplaneInsight`). */
  insightField: string
}

/** OVERVIEWS are Kuma's kinds with insights (descriptor `Insight` set). */
export const OVERVIEWS: Readonly<Record<string, OverviewDef>> = {
  Dataplane: {
    type: 'Dataplane',
    insightType: 'DataplaneInsight',
    overviewType: 'DataplaneOverview',
    specField: 'dataplane',
    insightField: 'dataplaneInsight',
  },
  Zone: {
    type: 'Zone',
    insightType: 'ZoneInsight',
    overviewType: 'ZoneOverview',
    specField: 'zone',
    insightField: 'zoneInsight',
  },
  ZoneIngress: {
    type: 'ZoneIngress',
    insightType: 'ZoneIngressInsight',
    overviewType: 'ZoneIngressOverview',
    specField: 'zoneIngress',
    insightField: 'zoneIngressInsight',
  },
  ZoneEgress: {
    type: 'ZoneEgress',
    insightType: 'ZoneEgressInsight',
    overviewType: 'ZoneEgressOverview',
    specField: 'zoneEgress',
    insightField: 'zoneEgressInsight',
  },
}

/**
 * LEGACY_OVERVIEW_PATHS are the pre-`_overview` collections kuma-cp still serves, by the plural
 * they stand for (Kuma `typeToLegacyOverviewPath`).
 */
export const LEGACY_OVERVIEW_PATHS: Readonly<Record<string, string>> = {
  'dataplanes+insights': 'dataplanes',
  'zones+insights': 'zones',
  'zoneingresses+insights': 'zoneingresses',
  zoneegressoverviews: 'zoneegresses',
}

/**
 * toOverview renders a resource with its insight: the resource's meta (KRI included: an overview
 * shares its base resource's identity), its spec under `specField` and the insight's spec, when
 * there is one, under `insightField`.
 */
export function toOverview(
  r: ResourceRecord,
  insight: ResourceRecord | undefined,
  kind: ResourceKind,
  def: OverviewDef,
): Record<string, unknown> {
  const out: Record<string, unknown> = { type: def.overviewType }
  if (kind.scope === 'Mesh') out.mesh = r.mesh
  out.name = r.name
  out.creationTime = r.creationTime
  out.modificationTime = r.modificationTime
  const labelKeys = Object.keys(r.labels).sort()
  if (labelKeys.length > 0) out.labels = Object.fromEntries(labelKeys.map((k) => [k, r.labels[k]]))
  const id = identifierOf(kind.shortName, r)
  if (id) out.kri = formatKri(id)
  out[def.specField] = r.spec
  if (insight) out[def.insightField] = insight.spec
  return out
}
