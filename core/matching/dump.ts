/**
 * @module Rendering rules in the shape Kuma's matcher golden files dump them (Go field names,
 * resource metas as the REST API shows them), for inspection endpoints and conformance tests.
 */
import type { ResourceRecord } from '../store/store'
import { kriOfRecord } from './resources'
import type {
  FromRules,
  GatewayRules,
  InboundRule,
  Origin,
  ResourceRule,
  Rule,
  ToRules,
} from './types'

type Json = Record<string, unknown>

const mapValues = <T>(o: Record<string, T>, f: (v: T) => unknown): Json =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]))

/** dumpMeta is a resource's REST meta: type, mesh, name, times, labels (when any) and KRI. */
export function dumpMeta(r: ResourceRecord): Json {
  const out: Json = {
    type: r.type,
    mesh: r.mesh,
    name: r.name,
    creationTime: r.creationTime,
    modificationTime: r.modificationTime,
  }
  if (r.labels && Object.keys(r.labels).length > 0) out.labels = r.labels
  const kri = kriOfRecord(r)
  if (kri) out.kri = kri
  return out
}

const dumpOrigin = (o: Origin): Json => ({ Resource: dumpMeta(o.resource), RuleIndex: o.ruleIndex })

export const dumpRule = (r: Rule): Json => ({
  Conf: r.conf,
  Origin: r.origin.map(dumpMeta),
  OriginByMatches: mapValues(r.originByMatches, dumpMeta),
  Subset: r.subset.map((t) => ({ Key: t.key, Not: t.not, Value: t.value })),
})

export const dumpResourceRule = (r: ResourceRule): Json => ({
  Conf: r.conf,
  Origin: r.origin.map(dumpOrigin),
  OriginByMatches: mapValues(r.originByMatches, dumpOrigin),
  Resource: dumpMeta(r.resource),
  ResourceSectionName: r.resourceSectionName,
})

export const dumpInboundRule = (r: InboundRule): Json => ({
  conf: r.conf,
  match: r.match,
  origin: dumpOrigin(r.origin),
})

export const dumpFromRules = (f: FromRules): Json => ({
  InboundRules: mapValues(f.inboundRules, (rs) => rs.map(dumpInboundRule)),
  Rules: mapValues(f.rules, (rs) => rs.map(dumpRule)),
})

export const dumpToRules = (t: ToRules): Json => ({
  ResourceRules: mapValues(t.resourceRules, dumpResourceRule),
  Rules: t.rules.map(dumpRule),
})

export const dumpGatewayRules = (g: GatewayRules): Json => ({
  FromRules: mapValues(g.fromRules, (rs) => rs.map(dumpRule)),
  InboundRules: mapValues(g.inboundRules, (rs) => rs.map(dumpInboundRule)),
  ToRules: {
    ByListener: mapValues(g.toRules.byListener, dumpToRules),
    ByListenerAndHostname: mapValues(g.toRules.byListenerAndHostname, dumpToRules),
  },
})

/** dumpPolicyList is a REST list of policies (`items`, `next`, `total` as Kuma's test dumps it). */
export const dumpPolicyList = (ps: readonly ResourceRecord[]): Json => ({
  items: ps.map((p) => ({ ...dumpMeta(p), spec: p.spec })),
  next: null,
  total: 0,
})
