/** @module MatchedPolicies: the policies of one kind selecting a Dataplane, and their rules. */
import type { ResourceRecord } from '../store/store'
import { buildFromRules, buildGatewayRules, buildSingleItemRules, buildToRules } from './build'
import { dppSelectedByPolicy, SelectionError } from './dataplane'
import { filterGatewaysByZone, selectGateway } from './gateway'
import { isShadow } from './meta'
import type { MeshResources } from './resources'
import { RuleError } from './rules'
import { sortPolicies } from './sort'
import { topLevelOf } from './targetref'
import { listenerKey, type MatchedPolicies, type MatchOptions, type ToRules } from './types'

const push = (m: Map<string, ResourceRecord[]>, k: string, r: ResourceRecord) => {
  const l = m.get(k) ?? []
  l.push(r)
  m.set(k, l)
}

function attempt<T>(warnings: string[], prefix: string, f: () => T, empty: T): T {
  try {
    return f()
  } catch (e) {
    if (!(e instanceof RuleError)) throw e
    warnings.push(`${prefix}: ${e.message}`)
    return empty
  }
}

const deepFreeze = <T>(v: T): T => {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v)
    for (const child of Object.values(v)) deepFreeze(child)
  }
  return v
}

/**
 * memoToRules is `buildToRules` shared through `memo`: To rules are a function of the sorted
 * policies alone (their identity and version), so the result is frozen and reused. Failures are
 * not kept.
 */
function memoToRules(type: string, memo: Map<string, unknown> | undefined) {
  return (ps: readonly ResourceRecord[], resources: MeshResources): ToRules => {
    if (!memo) return buildToRules(ps, resources)
    const key = `to\u0000${type}\u0000${ps.map((p) => `${p.mesh}/${p.name}@${p.version}`).join(',')}`
    let rules = memo.get(key) as ToRules | undefined
    if (!rules) {
      rules = deepFreeze(buildToRules(ps, resources))
      memo.set(key, rules)
    }
    return rules
  }
}

/**
 * matchedPolicies is Kuma's `MatchedPolicies`: which policies of `type` select the Dataplane (and
 * which of its inbounds and gateway listeners), sorted least to most specific, with their rules.
 */
export function matchedPolicies(
  type: string,
  dpp: ResourceRecord,
  resources: MeshResources,
  opts: MatchOptions = {},
): MatchedPolicies {
  const warnings: string[] = []
  const byInbound = new Map<string, ResourceRecord[]>()
  const byListener = new Map<string, ResourceRecord[]>()
  const selected: ResourceRecord[] = []
  const gateway = selectGateway(filterGatewaysByZone(resources.list('MeshGateway'), dpp), dpp)

  for (const policy of resources.list(type)) {
    if (!opts.includeShadow && isShadow(policy)) continue
    let sel
    try {
      sel = dppSelectedByPolicy(policy, topLevelOf(policy.spec), dpp, gateway, resources)
    } catch (e) {
      if (!(e instanceof SelectionError)) throw e
      warnings.push(
        `unable to resolve TargetRef on policy: mesh:${policy.mesh} name:${policy.name} error:${JSON.stringify(e.message)}`,
      )
      continue
    }
    if (sel.inbounds.length === 0 && sel.gatewayListeners.length === 0 && !sel.delegatedGateway) {
      continue
    }
    selected.push(policy)
    for (const l of sel.gatewayListeners) push(byListener, l, policy)
    for (const i of sel.inbounds) push(byInbound, listenerKey(i), policy)
  }

  const dataplanePolicies = sortPolicies(selected)
  for (const [k, ps] of byInbound) byInbound.set(k, sortPolicies(ps))
  const emptyTo: ToRules = { rules: [], resourceRules: {} }
  const toRules = memoToRules(type, opts.memo)

  return {
    type,
    dataplanePolicies,
    fromRules: attempt(warnings, "couldn't create From rules", () => buildFromRules(byInbound), {
      rules: {},
      inboundRules: {},
    }),
    toRules: attempt(
      warnings,
      "couldn't create To rules",
      () => toRules(dataplanePolicies, resources),
      emptyTo,
    ),
    gatewayRules: attempt(
      warnings,
      "couldn't create Gateway rules",
      () => buildGatewayRules(byInbound, byListener, resources, toRules),
      { toRules: { byListener: {}, byListenerAndHostname: {} }, fromRules: {}, inboundRules: {} },
    ),
    singleItemRules: attempt(
      warnings,
      "couldn't create top level rules",
      () => buildSingleItemRules(dataplanePolicies),
      { rules: [] },
    ),
    warnings,
  }
}
