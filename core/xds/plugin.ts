/**
 * @module PolicyPlugin: how a policy kind changes the Envoy resources of a proxy (Kuma
 * `core_plugins.PolicyPlugin.Apply`), and the order plugins run in.
 */
import type { MatchedPolicies } from '../matching'
import type { MeshContext } from '../meshcontext'
import type { Proxy } from './proxy'
import type { ResourceSet } from './resource-set'

/**
 * PluginContext is what a plugin may read besides the proxy (Kuma `xds_context.Context`):
 * the mesh's state and the control plane's zone. It never changes during a generation.
 */
export interface PluginContext {
  readonly mesh: MeshContext
  /** zone of the control plane generating the config. */
  readonly zone: string
}

/**
 * ApplyResult is what `apply` returns: nothing, or warnings (a conf the plugin could not
 * express, a reference it could not resolve). Warnings never stop generation; they are shown
 * beside the config. A plugin must leave the set consistent: never name a cluster, route or
 * secret it did not add, and never leave Envoy-invalid JSON (the tests run the proto judge).
 */
export type ApplyResult = void | { readonly warnings: readonly string[] }

/**
 * PolicyPlugin is one policy kind's effect on Envoy resources.
 *
 * `apply(rs, ctx, proxy)` runs once per proxy, after the base generators (inbound, outbound,
 * transparent proxy, admin, prometheus) and after every plugin of a lower `order`. It mutates
 * `rs` in place: edit resources (`rs.get(TypeUrl.Listener, name).resource`), add new ones
 * (origin `policy`), or remove them. What matched is in `proxy.policies.get(kind)`:
 *
 * - `fromRules.inboundRules[listenerKey]` / `fromRules.rules[listenerKey]` for inbound confs,
 *   keyed `address:port` as `ProxyInbound.address`/`port`;
 * - `toRules.resourceRules[kri]` for outbound confs of destination ports (look the KRI up in
 *   `proxy.outbounds[].kri`, or its section-less form for the whole destination), and
 *   `toRules.rules` (subset rules on `kuma.io/service`) for legacy outbounds;
 * - `singleItemRules.rules[0]` for proxy-wide confs (MeshMetric, MeshProxyPatch, MeshTrace...).
 *
 * Find the resources to change through the proxy (`inbound.listenerName`, `outbound.clusterName`)
 * or by origin (`rs.listOf(TypeUrl.Cluster, 'outbound')`, `rs.byResourceOrigin(type, kri)`).
 * `apply` runs for every proxy even when nothing matched (`matchedOf` then gives empty rules):
 * kinds with built-in defaults apply them there, as Kuma does (MeshTimeout's default inbound and
 * outbound timeouts, MeshCircuitBreaker's `trackRemaining` on every cluster); other kinds leave
 * `rs` untouched. `apply` must be pure and deterministic: same inputs, same edits, no clock.
 */
export interface PolicyPlugin {
  /** kind is the policy kind, e.g. `MeshTimeout`. */
  readonly kind: string
  /** order is Kuma's `+kuma:policy:order` (lower runs first; 100 apart, MeshProxyPatch 9999). */
  readonly order: number
  apply(rs: ResourceSet, ctx: PluginContext, proxy: Proxy): ApplyResult
}

/** matchedOf gives what matched for `kind`, or an empty MatchedPolicies when nothing did. */
export function matchedOf(proxy: Proxy, kind: string): MatchedPolicies {
  return (
    proxy.policies.get(kind) ?? {
      type: kind,
      dataplanePolicies: [],
      fromRules: { rules: {}, inboundRules: {} },
      toRules: { rules: [], resourceRules: {} },
      gatewayRules: {
        toRules: { byListener: {}, byListenerAndHostname: {} },
        fromRules: {},
        inboundRules: {},
      },
      singleItemRules: { rules: [] },
      warnings: [],
    }
  )
}

/** PLUGIN_ORDER is Kuma 2.14's order of every targetRef policy kind (`+kuma:policy:order`). */
export const PLUGIN_ORDER: Readonly<Record<string, number>> = {
  MeshHTTPRoute: 100,
  MeshTCPRoute: 200,
  MeshTLS: 300,
  MeshLoadBalancingStrategy: 400,
  MeshPassthrough: 500,
  MeshAccessLog: 600,
  MeshTrace: 700,
  MeshFaultInjection: 800,
  MeshRateLimit: 900,
  MeshTimeout: 1000,
  MeshTrafficPermission: 1100,
  MeshHealthCheck: 1200,
  MeshCircuitBreaker: 1300,
  MeshRetry: 1400,
  MeshMetric: 1500,
  MeshProxyPatch: 9999,
}

/**
 * sortPlugins orders plugins by `order`, then kind, so generation never depends on the order
 * they were registered in.
 */
export function sortPlugins(plugins: readonly PolicyPlugin[]): PolicyPlugin[] {
  return [...plugins].sort(
    (a, b) => a.order - b.order || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
  )
}

/** noopPlugin is a plugin that changes nothing, for kinds whose effect is not written yet. */
export const noopPlugin = (kind: string): PolicyPlugin => ({
  kind,
  order: PLUGIN_ORDER[kind] ?? 5000,
  apply: () => undefined,
})
