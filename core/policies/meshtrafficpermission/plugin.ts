/**
 * @module MeshTrafficPermission's effect on Envoy resources (Kuma
 * `meshtrafficpermission/plugin/v1alpha1`): RBAC on the mTLS filter chains of inbound listeners.
 */
import { matchedOf, PLUGIN_ORDER, type PolicyPlugin } from '../../xds/plugin'
import type { Json } from '../../xds/resource-set'
import { TypeUrl } from '../../xds/snapshot'
import {
  configureChain,
  DENY_ALL_RULES,
  hasSniMatch,
  legacyRbac,
  matcherRbac,
  type RbacConfig,
} from './rbac'

const KIND = 'MeshTrafficPermission'
const TLS_SOCKET = 'envoy.transport_sockets.tls'
const TLS_INSPECTOR = 'envoy.filters.listener.tls_inspector'

/** isKumaTls: only chains protected by Kuma's mTLS carry RBAC (PERMISSIVE plaintext chains don't). */
const isKumaTls = (chain: Json) => (chain.transportSocket as Json | undefined)?.name === TLS_SOCKET

function ensureTlsInspector(listener: Json): void {
  const filters = (listener.listenerFilters as Json[] | undefined) ?? []
  if (filters.some((f) => f.name === TLS_INSPECTOR)) return
  listener.listenerFilters = [
    ...filters,
    {
      name: TLS_INSPECTOR,
      typedConfig: {
        '@type':
          'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector',
      },
    },
  ]
}

/**
 * plugin is MeshTrafficPermission's PolicyPlugin. With mTLS off it does nothing (nothing is
 * authenticated). Otherwise every inbound listener's Kuma-TLS chains get RBAC: the matcher form
 * when `rules` policies select the inbound, else the legacy form from `from` policies, else
 * deny-all (Kuma's default when no MeshTrafficPermission selects the inbound).
 */
export const plugin: PolicyPlugin = {
  kind: KIND,
  order: PLUGIN_ORDER[KIND],
  apply(rs, _ctx, proxy) {
    if (!proxy.mtls) return
    const mtp = matchedOf(proxy, KIND)
    for (const res of rs.listOf(TypeUrl.Listener, 'inbound')) {
      const listener = res.resource
      const sa = (listener.address as Json | undefined)?.socketAddress as Json | undefined
      const key = `${sa?.address ?? ''}:${sa?.portValue ?? 0}`
      const inboundRules = mtp.fromRules.inboundRules[key] ?? []
      let config: RbacConfig
      if (inboundRules.length === 0) {
        const rules = mtp.fromRules.rules[key]
        config = rules ? legacyRbac(proxy.mesh, rules) : DENY_ALL_RULES
      } else {
        config = matcherRbac(inboundRules)
      }
      for (const chain of (listener.filterChains as Json[] | undefined) ?? []) {
        if (isKumaTls(chain)) configureChain(chain, res.name, structuredClone(config))
      }
      if (inboundRules.length > 0 && hasSniMatch(inboundRules)) ensureTlsInspector(listener)
    }
  },
}
