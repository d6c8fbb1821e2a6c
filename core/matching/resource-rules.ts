/** @module Outbound resource rules (Kuma `rules/outbound`): `to` confs keyed by the KRI they target. */
import { kindByName } from '../resources/registry'
import type { ResourceRecord } from '../store/store'
import { confShape, isRouteConf, itemConf, type PolicyItem } from './conf'
import { mergeConfs } from './merge'
import { kriOfRecord, type MeshResources } from './resources'
import { resolveTargetRef, type ResourceSection, sectionKri } from './resolve'
import { routeOrigins } from './rules'
import { compareByDisplayName, compareByPolicyAttributes, compareByToEntry } from './sort'
import { topLevelOf } from './targetref'
import type { Conf, Origin, ResourceRules } from './types'

interface ToEntry {
  item: PolicyItem
  conf: Conf
  topLevel: ReturnType<typeof topLevelOf>
  meta: ResourceRecord
  ruleIndex: number
  routeConf: boolean
}

/** toEntriesOf lists every `to` item of the policies; none when the kind has no `to`. */
function toEntriesOf(policies: readonly ResourceRecord[]): ToEntry[] {
  if (policies.some((p) => !kindByName(p.type)?.hasToTargetRef)) return []
  return policies.flatMap((p) =>
    ((p.spec.to as PolicyItem[] | undefined) ?? []).map((item, j) => ({
      item,
      conf: itemConf(p.type, 'to', item),
      topLevel: topLevelOf(p.spec),
      meta: p,
      ruleIndex: j,
      routeConf: isRouteConf(p.type, 'to'),
    })),
  )
}

/** isRelevant tells whether an item resolved to `rs` configures `other` (at `section`). */
function isRelevant(rs: ResourceSection, other: ResourceRecord, section: string): boolean {
  switch (rs.resource.type) {
    case 'Mesh':
      return other.type === 'Mesh'
        ? rs.resource.name === other.name
        : rs.resource.name === other.mesh
    case 'MeshService':
    case 'MeshMultiZoneService':
      if (other.type !== rs.resource.type) return false
      if (sectionKri(rs) === kriOfRecord(other, section)) return true
      return (
        kriOfRecord(rs.resource) === kriOfRecord(other) && rs.sectionName === '' && section !== ''
      )
    case 'MeshExternalService':
    case 'MeshHTTPRoute':
      return other.type === rs.resource.type && kriOfRecord(rs.resource) === kriOfRecord(other)
    default:
      return false
  }
}

/** buildResourceRules merges, for each resource some `to` item targets, every item relevant to it. */
export function buildResourceRules(
  policies: readonly ResourceRecord[],
  reader: MeshResources,
): ResourceRules {
  const entries = toEntriesOf(policies)
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        compareByPolicyAttributes(a.e, b.e) ||
        compareByToEntry(a.e.item.targetRef, b.e.item.targetRef) ||
        compareByDisplayName(a.e, b.e) ||
        a.i - b.i,
    )
    .map((x) => x.e)

  const resolved = entries.flatMap((entry) =>
    resolveTargetRef(entry.item.targetRef, entry.meta, reader).map((rs) => ({ entry, rs })),
  )
  const indexed = new Map<string, ResourceSection>()
  for (const r of resolved) indexed.set(sectionKri(r.rs), r.rs)

  const rules: ResourceRules = {}
  for (const [uri, target] of indexed) {
    const relevant = resolved
      .filter((r) => isRelevant(r.rs, target.resource, target.sectionName))
      .map((r) => r.entry)
    if (relevant.length === 0) continue
    const origin: Origin[] = []
    const seen = new Set<string>()
    for (const e of relevant) {
      const k = `${e.meta.mesh}/${e.meta.name}/${e.ruleIndex}`
      if (seen.has(k)) continue
      seen.add(k)
      origin.push({ resource: e.meta, ruleIndex: e.ruleIndex })
    }
    rules[uri] = {
      resource: target.resource,
      resourceSectionName: target.sectionName,
      conf: mergeConfs(
        relevant.map((e) => e.conf),
        confShape(relevant[0].meta.type, 'to'),
      ),
      origin,
      originByMatches: routeOrigins(relevant, (e) => ({
        resource: e.meta,
        ruleIndex: e.ruleIndex,
      })),
    }
  }
  return rules
}
