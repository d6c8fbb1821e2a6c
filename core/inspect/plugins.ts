/**
 * @module Running every policy plugin's matching for one proxy, in Kuma's plugin order, and the
 * few proxy views the inspect endpoints build (a MeshGateway as a Dataplane).
 */
import {
  matchedPolicies,
  type MatchedPolicies,
  type MeshResources,
  type MatchOptions,
} from '../matching'
import { dppSelectedByPolicy, isBuiltinGateway, SelectionError } from '../matching/dataplane'
import { filterGatewaysByZone, selectGateway } from '../matching/gateway'
import { topLevelOf } from '../matching/targetref'
import { kindByName } from '../resources/registry'
import type { ResourceRecord } from '../store/store'

/**
 * POLICY_PLUGINS are the targetRef policy kinds in Kuma's plugin order (`+kuma:policy:order`):
 * inspect answers list kinds in this order.
 */
export const POLICY_PLUGINS: readonly string[] = [
  'MeshHTTPRoute', // 100
  'MeshTCPRoute', // 200
  'MeshTLS', // 300
  'MeshLoadBalancingStrategy', // 400
  'MeshPassthrough', // 500
  'MeshAccessLog', // 600
  'MeshTrace', // 700
  'MeshFaultInjection', // 800
  'MeshRateLimit', // 900
  'MeshTimeout', // 1000
  'MeshTrafficPermission', // 1100
  'MeshHealthCheck', // 1200
  'MeshCircuitBreaker', // 1300
  'MeshRetry', // 1400
  'MeshMetric', // 1500
  'MeshProxyPatch', // 9999
].filter((t) => kindByName(t) !== undefined)

/** ROUTE_PLUGINS are the kinds `_routes` reports; `_routes/{kri}/_policies` reports the others. */
export const ROUTE_PLUGINS: readonly string[] = ['MeshHTTPRoute', 'MeshTCPRoute']

/** matchAll runs `matchedPolicies` for each kind of `types`, in that order. */
export function matchAll(
  dataplane: ResourceRecord,
  resources: MeshResources,
  types: readonly string[] = POLICY_PLUGINS,
  opts: MatchOptions = {},
): MatchedPolicies[] {
  return types.map((t) => matchedPolicies(t, dataplane, resources, opts))
}

/**
 * gatewayAsDataplane is the builtin gateway Dataplane Kuma imagines for a MeshGateway's `_rules`:
 * the gateway's meta, gateway tags from its first selector. Undefined when it has no selector.
 */
export function gatewayAsDataplane(gateway: ResourceRecord): ResourceRecord | undefined {
  const selectors = (gateway.spec as { selectors?: { match?: Record<string, string> }[] }).selectors
  if (!selectors || selectors.length === 0) return undefined
  return {
    ...gateway,
    type: 'Dataplane',
    spec: { networking: { gateway: { type: 'BUILTIN', tags: selectors[0].match ?? {} } } },
    status: undefined,
  }
}

/**
 * policyMatchesDataplane is Kuma's `matchers.PolicyMatches`: whether the policy selects any
 * inbound, gateway listener or delegated gateway of the proxy. Unresolvable targetRefs select
 * nothing. `resources` needs the mesh's MeshHTTPRoutes and MeshGateways.
 */
export function policyMatchesDataplane(
  policy: ResourceRecord,
  dataplane: ResourceRecord,
  resources: MeshResources,
): boolean {
  const gateway = isBuiltinGateway(dataplane)
    ? selectGateway(filterGatewaysByZone(resources.list('MeshGateway'), dataplane), dataplane)
    : undefined
  try {
    const s = dppSelectedByPolicy(policy, topLevelOf(policy.spec), dataplane, gateway, resources)
    return s.inbounds.length > 0 || s.gatewayListeners.length > 0 || s.delegatedGateway
  } catch (e) {
    if (e instanceof SelectionError) return false
    throw e
  }
}
