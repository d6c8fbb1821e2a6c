/**
 * @module MeshHealthCheck's effect on Envoy resources (Kuma `meshhealthcheck/plugin/v1alpha1`):
 * an active health check on `kuma.io/service` clusters (legacy `to` rules) and on destination
 * clusters (resource rules). No defaults: nothing matched, nothing changes.
 */
import type { Inbound } from '../../resources/kinds/dataplane/types'
import { matchedOf, PLUGIN_ORDER, type PolicyPlugin } from '../../xds/plugin'
import {
  computeResourceConf,
  computeServiceConf,
  serviceFromClusterName,
} from '../../xds/policy-conf'
import type { Protocol, Proxy } from '../../xds/proxy'
import { TypeUrl } from '../../xds/snapshot'
import { configureCluster, type TagSet } from './configurer'
import type { Conf } from './types'

const KIND = 'MeshHealthCheck'

/** tagSetOf is Kuma's `Dataplane.TagSet`: the tags of every inbound and of the gateway. */
function tagSetOf(proxy: Proxy): TagSet {
  const out = new Map<string, Set<string>>()
  const add = (tags: Record<string, string> | undefined) => {
    for (const [k, v] of Object.entries(tags ?? {})) out.set(k, (out.get(k) ?? new Set()).add(v))
  }
  const net = proxy.spec.networking
  for (const i of (net?.inbound ?? []) as Inbound[]) add(i.tags)
  add((net as { gateway?: { tags?: Record<string, string> } } | undefined)?.gateway?.tags)
  return new Map([...out].map(([k, vs]) => [k, [...vs].sort()]))
}

/** plugin is MeshHealthCheck's PolicyPlugin. */
export const plugin: PolicyPlugin = {
  kind: KIND,
  order: PLUGIN_ORDER[KIND],
  apply(rs, ctx, proxy) {
    const m = matchedOf(proxy, KIND)
    const tags = tagSetOf(proxy)

    const protocols = new Map<string, Protocol>()
    for (const o of proxy.outbounds) if (o.service) protocols.set(o.service, o.protocol)
    for (const cluster of rs.listOf(TypeUrl.Cluster, 'outbound')) {
      const service = serviceFromClusterName(cluster.name)
      const protocol = protocols.get(service)
      if (!protocol) continue
      const conf = computeServiceConf(m.toRules.rules, service)
      if (conf) configureCluster(conf as Conf, protocol, tags, cluster.resource)
    }

    for (const cluster of rs.list(TypeUrl.Cluster)) {
      if (!cluster.resourceOrigin) continue
      const conf = computeResourceConf(m, cluster.resourceOrigin, ctx.mesh)
      if (!conf) continue
      configureCluster(
        conf as Conf,
        cluster.protocol as Protocol | undefined,
        tags,
        cluster.resource,
      )
    }
  },
}
