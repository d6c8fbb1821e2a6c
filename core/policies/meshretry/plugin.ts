/**
 * @module MeshRetry's effect on Envoy resources (Kuma `meshretry/plugin/v1alpha1`): retry
 * policies on outbound routes (HTTP and gRPC) and connect attempts on outbound TCP proxies, for
 * `kuma.io/service` outbounds from the legacy `to` rules and for destination outbounds from the
 * resource rules (a MeshHTTPRoute rule's own conf on its route). No defaults: nothing matched,
 * nothing changes.
 */
import { filterChainsOf, hcmOf, routesOf } from '../../xds/envoy-edit'
import { matchedOf, PLUGIN_ORDER, type PolicyPlugin } from '../../xds/plugin'
import { computeResourceConf, isKriName, isServiceKri, noSectionName } from '../../xds/policy-conf'
import type { Protocol } from '../../xds/proxy'
import { TypeUrl } from '../../xds/snapshot'
import { configureLegacyListener, configureListener, configureRoute } from './configurer'
import type { Conf } from './types'

const KIND = 'MeshRetry'

/** plugin is MeshRetry's PolicyPlugin. */
export const plugin: PolicyPlugin = {
  kind: KIND,
  order: PLUGIN_ORDER[KIND],
  apply(rs, ctx, proxy) {
    const m = matchedOf(proxy, KIND)

    for (const o of proxy.outbounds) {
      if (!o.service) continue
      const listener = rs.get(TypeUrl.Listener, o.listenerName)
      if (listener?.origin !== 'outbound') continue
      configureLegacyListener(m.toRules.rules, o.service, o.protocol, listener.resource)
    }

    for (const r of rs.list(TypeUrl.Listener)) {
      if (!isServiceKri(r.resourceOrigin)) continue
      const protocol = r.protocol as Protocol | undefined
      const conf = (computeResourceConf(m, r.resourceOrigin, ctx.mesh) ?? {}) as Conf
      configureListener(conf, protocol, r.resource)
      const exact = (kri: string) => m.toRules.resourceRules[kri]?.conf[0] as Conf | undefined
      for (const fc of filterChainsOf(r.resource)) {
        const hcm = hcmOf(fc)
        if (!hcm) continue
        for (const route of routesOf(hcm)) {
          if (!isKriName(route.name)) continue
          const routeConf = exact(route.name) ?? exact(noSectionName(route.name)) ?? conf
          configureRoute(routeConf, protocol, route)
        }
      }
    }
  },
}
