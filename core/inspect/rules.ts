/**
 * @module The `_rules` answer (Kuma `rulesForResource`): for each policy kind that does
 * something to a proxy, its legacy to/from rules, outbound resource rules, inbound rules and
 * single-item (proxy) rule, plus every MeshHTTPRoute match by hash.
 */
import type { MatchedPolicies, Rule as MatchingRule } from '../matching'
import { networkingOf, isBuiltinGateway, isDelegatedGateway } from '../matching/dataplane'
import type { ResourceRecord } from '../store/store'
import { hashHttpMatches } from './http-matches'
import { metaOf, originsOf, renderConf } from './meta'
import type {
  FromRule,
  HttpMatch,
  Inbound,
  InboundRulesEntry,
  InspectRule,
  InspectRules,
  Meta,
  ResourceRule,
  Rule,
} from './types'

export interface RulesInput {
  /** resource is the Dataplane or MeshGateway asked about, as the answer names it. */
  resource: Meta
  /** dataplane is the proxy the policies were matched against. */
  dataplane: ResourceRecord
  /** matched is one entry per policy plugin, in plugin order. */
  matched: MatchedPolicies[]
  /** meshServicesExclusive hides legacy to rules (they configure no real outbound then). */
  meshServicesExclusive: boolean
}

const portOfListenerKey = (key: string) => Number(key.slice(key.lastIndexOf(':') + 1))

const byPort = <T extends { inbound: Inbound }>(xs: T[]) =>
  xs.map((x, i) => ({ x, i })).sort((a, b) => a.x.inbound.port - b.x.inbound.port || a.i - b.i)

function inboundOf(dataplane: ResourceRecord, port: number): Inbound {
  const net = networkingOf(dataplane)
  const inbound = (net.inbound ?? []).find((i) => i.port === port)
  let tags: Record<string, string> | null = null
  if (isBuiltinGateway(dataplane) || isDelegatedGateway(dataplane)) tags = net.gateway?.tags ?? null
  else if (inbound) tags = inbound.tags ?? null
  const out: Inbound = { port, tags }
  if (inbound?.name) return { name: inbound.name, ...out }
  return out
}

function legacyRule(type: string, r: MatchingRule): Rule {
  return {
    conf: renderConf(type, r.conf),
    matchers: r.subset.map((t) => ({ key: t.key, not: t.not, value: t.value })),
    origin: r.origin.map((o) => metaOf(type, o)),
  }
}

function inspectRule(input: RulesInput, m: MatchedPolicies): InspectRule | undefined {
  const { type } = m
  if (
    m.toRules.rules.length === 0 &&
    Object.keys(m.toRules.resourceRules).length === 0 &&
    Object.keys(m.fromRules.rules).length === 0 &&
    m.singleItemRules.rules.length === 0
  ) {
    return undefined
  }
  const toRules = input.meshServicesExclusive ? [] : m.toRules.rules.map((r) => legacyRule(type, r))
  const single = m.singleItemRules.rules[0]

  const fromRules: FromRule[] = []
  for (const [key, rules] of Object.entries(m.fromRules.rules)) {
    if (rules.length === 0) continue
    fromRules.push({
      inbound: inboundOf(input.dataplane, portOfListenerKey(key)),
      rules: rules.map((r) => legacyRule(type, r)),
    })
  }

  const inboundRules: InboundRulesEntry[] = []
  for (const [key, rules] of Object.entries(m.fromRules.inboundRules)) {
    if (rules.length === 0) continue
    inboundRules.push({
      inbound: inboundOf(input.dataplane, portOfListenerKey(key)),
      rules: rules.map((r) => ({
        conf: [renderConf(type, r.conf)],
        ...(r.match ? { match: r.match } : {}),
        origin: originsOf(type, [r.origin]) ?? [],
      })),
    })
  }

  const toResourceRules: ResourceRule[] = Object.values(m.toRules.resourceRules)
    .map((r): ResourceRule => ({
      conf: r.conf.map((c) => renderConf(type, c)),
      origin: originsOf(type, r.origin),
      resourceMeta: metaOf(r.resource.type, r.resource),
      resourceSectionName: r.resourceSectionName,
    }))
    .map((x, i) => ({ x, i }))
    .sort((a, b) => cmp(a.x.resourceMeta.name, b.x.resourceMeta.name) || a.i - b.i)
    .map((e) => e.x)

  if (
    !single &&
    fromRules.length === 0 &&
    toRules.length === 0 &&
    toResourceRules.length === 0 &&
    inboundRules.length === 0
  ) {
    return undefined
  }
  const out: InspectRule = {
    type,
    toRules,
    toResourceRules,
    fromRules: byPort(fromRules).map((e) => e.x),
    inboundRules: byPort(inboundRules).map((e) => e.x),
    warnings: [...m.warnings],
  }
  if (single) {
    out.proxyRule = {
      conf: renderConf(type, single.conf),
      origin: single.origin.map((o) => metaOf(type, o)),
    }
  }
  return out
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** httpMatchesOf lists every MeshHTTPRoute rule's matches, keyed by Kuma's hash, sorted by it. */
function httpMatchesOf(matched: MatchedPolicies[]): HttpMatch[] {
  const byHash = new Map<string, unknown>()
  const collect = (conf: Record<string, unknown>) => {
    for (const r of (conf.rules as { matches?: unknown }[] | undefined) ?? []) {
      byHash.set(hashHttpMatches(r.matches), r.matches ?? null)
    }
  }
  for (const m of matched) {
    if (m.type !== 'MeshHTTPRoute') continue
    for (const r of m.toRules.rules) collect(r.conf)
    for (const rr of Object.values(m.toRules.resourceRules)) for (const c of rr.conf) collect(c)
  }
  return [...byHash.entries()]
    .map(([hash, match]) => ({ hash, match }))
    .sort((a, b) => cmp(a.hash, b.hash))
}

/** inspectRules builds the `_rules` answer from the matched policies of every plugin. */
export function inspectRules(input: RulesInput): InspectRules {
  const rules: InspectRule[] = []
  for (const m of input.matched) {
    const r = inspectRule(input, m)
    if (r) rules.push(r)
  }
  return { httpMatches: httpMatchesOf(input.matched), resource: input.resource, rules }
}
