/**
 * @module MeshTimeout's effect on Envoy resources (Kuma `meshtimeout/plugin/v1alpha1`): inbound
 * listeners and local clusters from `rules`/`from`, `kuma.io/service` outbounds from the legacy
 * `to` rules, and destination outbounds (MeshService, MeshExternalService, MeshMultiZoneService)
 * from the resource rules. Absent fields, and proxies no policy selects, get Kuma's defaults.
 */
import { matchesAllIncomingTraffic } from '../../matching'
import { listenerKey } from '../../matching/types'
import { routesOf, hcmOf, filterChainsOf } from '../../xds/envoy-edit'
import { matchedOf, PLUGIN_ORDER, type PolicyPlugin } from '../../xds/plugin'
import {
  computeResourceConf,
  computeServiceConf,
  isKriName,
  isServiceKri,
  noSectionName,
  serviceFromClusterName,
} from '../../xds/policy-conf'
import type { Protocol } from '../../xds/proxy'
import type { Json } from '../../xds/resource-set'
import { TypeUrl } from '../../xds/snapshot'
import {
  configureCluster,
  configureFilterChain,
  configureLegacyOutboundListener,
  configureRouteAction,
} from './configurer'
import { configureMatchedRoutes } from './matched-routes'
import type { Conf } from './types'

const KIND = 'MeshTimeout'

/** plugin is MeshTimeout's PolicyPlugin. */
export const plugin: PolicyPlugin = {
  kind: KIND,
  order: PLUGIN_ORDER[KIND],
  apply(rs, ctx, proxy) {
    const m = matchedOf(proxy, KIND)

    for (const inbound of proxy.inbounds) {
      const listener = rs.get(TypeUrl.Listener, inbound.listenerName)
      if (!listener || listener.origin !== 'inbound') continue
      const rules = m.fromRules.inboundRules[listenerKey(inbound)] ?? []
      const conf = (matchesAllIncomingTraffic(rules) ?? {}) as Conf
      const common = rules.length === 0 || rules.some((r) => r.match === null)
      if (common) for (const fc of filterChainsOf(listener.resource)) configureFilterChain(conf, fc)
      configureMatchedRoutes(listener.resource, rules)
      const cluster = rs.get(TypeUrl.Cluster, inbound.clusterName)
      if (common && cluster?.origin === 'inbound') {
        configureCluster(conf, inbound.protocol, cluster.resource)
      }
    }

    const serviceProtocol = new Map<string, Protocol>()
    for (const o of proxy.outbounds) {
      if (!o.service) continue
      serviceProtocol.set(o.service, o.protocol)
      const listener = rs.get(TypeUrl.Listener, o.listenerName)
      if (!listener || listener.origin !== 'outbound') continue
      configureLegacyOutboundListener(m.toRules.rules, o.service, o.protocol, listener.resource)
    }

    // Kuma configures every outbound cluster as a legacy service first; destination clusters are
    // then configured again below, which overrides every field set here.
    for (const cluster of rs.listOf(TypeUrl.Cluster, 'outbound')) {
      if (isServiceKri(cluster.resourceOrigin)) continue
      const service = serviceFromClusterName(cluster.name)
      const conf = (computeServiceConf(m.toRules.rules, service) ?? {}) as Conf
      configureCluster(conf, serviceProtocol.get(service) ?? 'tcp', cluster.resource)
    }

    for (const r of rs.all()) {
      if (!isServiceKri(r.resourceOrigin)) continue
      const conf = (computeResourceConf(m, r.resourceOrigin, ctx.mesh) ?? {}) as Conf
      if (r.typeUrl === TypeUrl.Cluster) {
        configureCluster(conf, r.protocol as Protocol | undefined, r.resource)
      } else if (r.typeUrl === TypeUrl.Listener) {
        configureDestinationListener(
          conf,
          r.resource,
          (kri) => m.toRules.resourceRules[kri]?.conf[0],
        )
      }
    }
  },
}

/**
 * configureDestinationListener is Kuma's `applyToRealResource` for a listener: the destination's
 * conf on every filter chain, then on routes named by a MeshHTTPRoute's KRI the conf targeting
 * that route exactly (Kuma's `ResourceContext`: route, route without section, then the
 * destination's conf).
 */
function configureDestinationListener(
  conf: Conf,
  listener: Json,
  confOfRoute: (kri: string) => Record<string, unknown> | undefined,
): void {
  for (const fc of filterChainsOf(listener)) {
    configureFilterChain(conf, fc)
    const hcm = hcmOf(fc)
    if (!hcm) continue
    for (const route of routesOf(hcm)) {
      if (!isKriName(route.name)) continue
      const routeConf =
        (confOfRoute(route.name) as Conf | undefined) ??
        (confOfRoute(noSectionName(route.name)) as Conf | undefined) ??
        conf
      configureRouteAction(
        route.route as Json | undefined,
        routeConf.http?.requestTimeout,
        routeConf.http?.streamIdleTimeout,
      )
    }
  }
}
