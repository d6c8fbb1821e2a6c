/**
 * @module MeshCircuitBreaker's effect on Envoy resources (Kuma
 * `meshcircuitbreaker/plugin/v1alpha1`): `trackRemaining` on every cluster of the proxy, then
 * thresholds and outlier detection on local clusters (`rules`/`from`), on `kuma.io/service`
 * clusters (legacy `to` rules) and on destination clusters (resource rules).
 */
import { matchesAllIncomingTraffic } from '../../matching'
import { listenerKey } from '../../matching/types'
import { matchedOf, PLUGIN_ORDER, type PolicyPlugin } from '../../xds/plugin'
import {
  computeResourceConf,
  computeServiceConf,
  serviceFromClusterName,
} from '../../xds/policy-conf'
import { TypeUrl } from '../../xds/snapshot'
import { configureCluster, ensureTrackRemaining } from './configurer'
import type { Conf } from './types'

const KIND = 'MeshCircuitBreaker'

/** plugin is MeshCircuitBreaker's PolicyPlugin. */
export const plugin: PolicyPlugin = {
  kind: KIND,
  order: PLUGIN_ORDER[KIND],
  apply(rs, ctx, proxy) {
    for (const c of rs.list(TypeUrl.Cluster)) ensureTrackRemaining(c.resource)

    const m = matchedOf(proxy, KIND)
    for (const inbound of proxy.inbounds) {
      const cluster = rs.get(TypeUrl.Cluster, inbound.clusterName)
      if (cluster?.origin !== 'inbound') continue
      const rules = m.fromRules.inboundRules[listenerKey(inbound)] ?? []
      configureCluster((matchesAllIncomingTraffic(rules) ?? {}) as Conf, cluster.resource)
    }

    const services = new Set(proxy.outbounds.flatMap((o) => (o.service ? [o.service] : [])))
    for (const cluster of rs.listOf(TypeUrl.Cluster, 'outbound')) {
      const service = serviceFromClusterName(cluster.name)
      if (!services.has(service)) continue
      const conf = computeServiceConf(m.toRules.rules, service)
      if (conf) configureCluster(conf as Conf, cluster.resource)
    }

    for (const cluster of rs.list(TypeUrl.Cluster)) {
      if (!cluster.resourceOrigin) continue
      const conf = computeResourceConf(m, cluster.resourceOrigin, ctx.mesh)
      if (conf) configureCluster(conf as Conf, cluster.resource)
    }
  },
}
