/**
 * @module MeshLoadBalancingStrategy's effect on Envoy resources (Kuma
 * `meshloadbalancingstrategy/plugin/v1alpha1`): the cluster's lb policy and its config, hash
 * policies on the outbound's routes, and locality awareness on its endpoints (priority 1 for
 * other zones, affinity-tag sub-zones, cross-zone failover priorities). For destinations that
 * are real resources (MeshService...) Kuma applies the default even when no policy matches:
 * endpoints outside the local zone get priority 1.
 */
import type { Conf as MatchedConf } from '../../matching'
import type { Proxy } from '../../xds/proxy'
import { matchedOf, PLUGIN_ORDER, type PolicyPlugin } from '../../xds/plugin'
import type { Json, ResourceSet, XdsResource } from '../../xds/resource-set'
import { TypeUrl } from '../../xds/snapshot'
import {
  computeRule,
  decimalOf,
  meshKri,
  noSection,
  protoDuration,
  resourceRuleOf,
  routesOf,
} from '../meshhttproute/xds-util'
import { localityAwareEndpoints, overprovisioningFactor } from './locality'
import type { Conf, HashPolicy, LoadBalancer } from './types'

const KIND = 'MeshLoadBalancingStrategy'
const SERVICE_KRI = /^kri_(msvc|extsvc|mzsvc)_/

const LB_POLICY: Readonly<Record<string, string | undefined>> = {
  RoundRobin: undefined, // ROUND_ROBIN is proto3's default
  LeastRequest: 'LEAST_REQUEST',
  Random: 'RANDOM',
  RingHash: 'RING_HASH',
  Maglev: 'MAGLEV',
}

/** hashPolicy is Kuma's `hashPolicy`: one MeshLoadBalancingStrategy hash policy as Envoy's. */
export function hashPolicy(p: HashPolicy): Json {
  const out: Json = {}
  if (p.terminal) out.terminal = true
  switch (p.type) {
    case 'Header':
      if (p.header) out.header = { headerName: p.header.name }
      break
    case 'Cookie':
      if (p.cookie) {
        const ttl = protoDuration(p.cookie.ttl)
        out.cookie = {
          name: p.cookie.name,
          ...(ttl ? { ttl } : {}),
          ...(p.cookie.path ? { path: p.cookie.path } : {}),
        }
      }
      break
    case 'Connection':
    case 'SourceIP':
      out.connectionProperties =
        p.connection?.sourceIP || p.type === 'SourceIP' ? { sourceIp: true } : {}
      break
    case 'QueryParameter':
      if (p.queryParameter) out.queryParameter = { name: p.queryParameter.name }
      break
    case 'FilterState':
      if (p.filterState) out.filterState = { key: p.filterState.key }
      break
  }
  return out
}

/** hashPoliciesOf is Kuma's `getHashPolicies`: `hashPolicies`, else the ring hash's or maglev's. */
export function hashPoliciesOf(conf: Conf): HashPolicy[] | undefined {
  if (conf.hashPolicies) return conf.hashPolicies
  const lb = conf.loadBalancer
  if (lb?.type === 'RingHash') return lb.ringHash?.hashPolicies
  if (lb?.type === 'Maglev') return lb.maglev?.hashPolicies
  return undefined
}

function configureLoadBalancer(cluster: Json, lb: LoadBalancer): void {
  const policy = LB_POLICY[lb.type]
  if (policy) cluster.lbPolicy = policy
  else delete cluster.lbPolicy
  if (lb.type === 'LeastRequest' && lb.leastRequest) {
    const cfg: Json = {}
    if (lb.leastRequest.choiceCount !== undefined) cfg.choiceCount = lb.leastRequest.choiceCount
    if (lb.leastRequest.activeRequestBias !== undefined) {
      // Kuma leaves runtimeKey empty, which Envoy's validation rejects; name a key never set
      cfg.activeRequestBias = {
        defaultValue: decimalOf(lb.leastRequest.activeRequestBias),
        runtimeKey: 'kuma.lb.active_request_bias',
      }
    }
    cluster.leastRequestLbConfig = cfg
  }
  if (lb.type === 'RingHash' && lb.ringHash) {
    const cfg: Json = {}
    if (lb.ringHash.minRingSize !== undefined) cfg.minimumRingSize = String(lb.ringHash.minRingSize)
    if (lb.ringHash.maxRingSize !== undefined) cfg.maximumRingSize = String(lb.ringHash.maxRingSize)
    if (lb.ringHash.hashFunction === 'MurmurHash2') cfg.hashFunction = 'MURMUR_HASH_2'
    cluster.ringHashLbConfig = cfg
  }
  if (lb.type === 'Maglev' && lb.maglev) {
    const cfg: Json = {}
    if (lb.maglev.tableSize !== undefined) cfg.tableSize = String(lb.maglev.tableSize)
    cluster.maglevLbConfig = cfg
  }
}

/** configureCluster is Kuma's `clusterConfigurer` (plus its static load assignment). */
function configureCluster(cluster: Json, conf: Conf, proxy: Proxy): void {
  if ((conf.localityAwareness?.localZone?.affinityTags ?? []).length > 0) {
    const common = (cluster.commonLbConfig as Json | undefined) ?? {}
    common.localityWeightedLbConfig = {}
    cluster.commonLbConfig = common
  }
  if (conf.loadBalancer) configureLoadBalancer(cluster, conf.loadBalancer)
  if (cluster.loadAssignment) {
    cluster.loadAssignment = configureCla(cluster.loadAssignment as Json, conf, proxy)
  }
}

/** configureCla is Kuma's `claConfigurer`. */
function configureCla(shared: Json, conf: Conf, proxy: Proxy): Json {
  const la = conf.localityAwareness
  const localityAware = !la?.disabled
  const groups = (shared.endpoints as Json[] | undefined) ?? []
  const remote = (g: Json) => !!g.locality && (g.locality as Json | undefined)?.zone !== proxy.zone
  const reweighted = la && (la.localZone || la.crossZone)
  if (!reweighted && !groups.some(remote)) return shared
  // endpoint sets are shared by every proxy of the mesh (frozen): edit a copy
  const cla = Object.isFrozen(shared) ? (structuredClone(shared) as Json) : shared
  for (const group of (cla.endpoints as Json[] | undefined) ?? []) {
    if (remote(group)) {
      if (localityAware) group.priority = 1
      else delete group.priority
    }
  }
  if (reweighted) {
    cla.endpoints = localityAwareEndpoints((cla.endpoints as Json[] | undefined) ?? [], conf, proxy)
    cla.policy = {
      ...((cla.policy as Json | undefined) ?? {}),
      overprovisioningFactor: overprovisioningFactor(conf),
    }
  }
  return cla
}

/** configureClaOf applies configureCla to a ClusterLoadAssignment of the set, replacing it if copied. */
function configureClaOf(rs: ResourceSet, r: XdsResource, conf: Conf, proxy: Proxy): void {
  const cla = configureCla(r.resource, conf, proxy)
  if (cla !== r.resource) rs.add({ ...r, resource: cla })
}

function configureRoutes(listener: Json, conf: (routeName: string) => Conf): void {
  for (const route of routesOf(listener)) {
    const action = route.route as Json | undefined
    if (!action) continue
    const policies = hashPoliciesOf(conf(String(route.name ?? '')))
    if (!policies) continue
    action.hashPolicy = [
      ...((action.hashPolicy as Json[] | undefined) ?? []),
      ...policies.map(hashPolicy),
    ]
  }
}

const asConf = (c: MatchedConf | undefined): Conf => (c ?? {}) as Conf

function configureResource(
  rs: ResourceSet,
  r: XdsResource,
  conf: (ids: string[]) => Conf,
  proxy: Proxy,
): void {
  const ids = [r.resourceOrigin!, noSection(r.resourceOrigin!)]
  if (r.typeUrl === TypeUrl.Listener) {
    configureRoutes(r.resource, (name) =>
      conf(name.startsWith('kri_') ? [name, noSection(name), ...ids] : ids),
    )
  } else if (r.typeUrl === TypeUrl.Cluster) {
    configureCluster(r.resource, conf(ids), proxy)
  } else if (r.typeUrl === TypeUrl.ClusterLoadAssignment) {
    configureClaOf(rs, r, conf(ids), proxy)
  }
}

/** splitClustersOf are the tag-subset clusters (`<service>-<hash>`) routes made for a service. */
const splitClustersOf = (rs: ResourceSet, type: string, service: string) =>
  rs
    .list(type)
    .filter(
      (r) =>
        r.origin === 'outbound' && new RegExp(`^${escape(service)}-[0-9a-f]{16}$`).test(r.name),
    )

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** plugin is MeshLoadBalancingStrategy's PolicyPlugin. */
export const plugin: PolicyPlugin = {
  kind: KIND,
  order: PLUGIN_ORDER[KIND]!,
  apply(rs, ctx, proxy) {
    const matched = matchedOf(proxy, KIND)
    const serviceConfs = new Map<string, Conf>()
    for (const o of proxy.outbounds) {
      if (!o.service) continue
      const rule = computeRule(matched.toRules.rules, { 'kuma.io/service': o.service })
      if (!rule) continue
      const conf = asConf(rule.conf)
      const listener = rs.get(TypeUrl.Listener, o.listenerName)
      if (listener) configureRoutes(listener.resource, () => conf)
      serviceConfs.set(o.service, conf)
    }
    for (const [service, conf] of serviceConfs) {
      const clusters = [
        rs.get(TypeUrl.Cluster, service),
        ...splitClustersOf(rs, TypeUrl.Cluster, service),
      ]
      for (const c of clusters) if (c) configureCluster(c.resource, conf, proxy)
      const clas = [
        rs.get(TypeUrl.ClusterLoadAssignment, service),
        ...splitClustersOf(rs, TypeUrl.ClusterLoadAssignment, service),
      ]
      for (const cla of clas) if (cla) configureClaOf(rs, cla, conf, proxy)
    }

    const mesh = meshKri(ctx)
    const confOf = (ids: string[]) =>
      asConf(resourceRuleOf(matched.toRules.resourceRules, [...ids, mesh])?.conf[0])
    for (const r of rs.all()) {
      if (r.resourceOrigin && SERVICE_KRI.test(r.resourceOrigin))
        configureResource(rs, r, confOf, proxy)
    }
  },
}
