/**
 * @module generateProxyless: the xDS resources of a proxyless gRPC client (gRFC A27 and the
 * features after it). Every destination the client can reach gets API listeners named by its
 * dial targets (`xds:///<name>` resolves the listener `<name>`, also `<name>:<port>`) with its
 * RouteConfiguration inline, EDS clusters and ClusterLoadAssignments, shaped by the policies gRPC
 * supports. A proxy is a gRPC client when its node's `user_agent_name` starts with `gRPC`, or
 * its Dataplane carries the label `kumo.io/proxy-type: grpc`.
 */
import type { MeshContext } from '../../meshcontext'
import { computeHttpRouteConf } from '../../policies/meshhttproute/plugin'
import { resolveBackendRef, type ResolvedRef } from '../../policies/meshhttproute/backends'
import { compareMatch } from '../../policies/meshhttproute/routes'
import type { Match } from '../../policies/meshhttproute/types'
import type { Conf as LbConf, HashPolicy } from '../../policies/meshloadbalancingstrategy/types'
import type { ResourceRecord } from '../../store/store'
import type { GenerateOptions, GenerateResult } from '../generator'
import { legacyDestinationName } from '../generator/names'
import { meshServiceEndpoints, serviceEndpoints, type Endpoint } from '../generator/outbound'
import { buildProxy } from '../generator/proxy'
import type { PluginContext } from '../plugin'
import { computeResourceConf, computeServiceConf } from '../policy-conf'
import type { DataplaneMetadata, Proxy, ProxyOutbound } from '../proxy'
import { ResourceSet, type Json } from '../resource-set'
import { consistent, TypeUrl } from '../snapshot'
import { proxylessCluster, proxylessLoadAssignment } from './clusters'
import {
  apiListener,
  envoyRoute,
  faultConfigs,
  faultOverrides,
  httpFilters,
  routeMatch,
  type RoutePolicies,
} from './routes'

/** PROXY_TYPE_LABEL marks a Dataplane as a proxyless gRPC client (`kumo.io/proxy-type: grpc`). */
export const PROXY_TYPE_LABEL = 'kumo.io/proxy-type'

/** PROXYLESS_KINDS are the policy kinds whose effect a gRPC client can carry out. */
export const PROXYLESS_KINDS = [
  'MeshHTTPRoute',
  'MeshLoadBalancingStrategy',
  'MeshFaultInjection',
  'MeshTimeout',
  'MeshCircuitBreaker',
  'MeshRetry',
] as const

/** isGrpcClient tells whether the proxy is a proxyless gRPC client. */
export function isGrpcClient(metadata: DataplaneMetadata | undefined, dp: ResourceRecord): boolean {
  return (
    (metadata?.userAgentName ?? '').startsWith('gRPC') || dp.labels[PROXY_TYPE_LABEL] === 'grpc'
  )
}

const CATCH_ALL: Match = { path: { type: 'PathPrefix', value: '/' } }

/** Target is one destination port (or `kuma.io/service`) and the names a client dials it by. */
interface Target {
  outbound: ProxyOutbound
  names: string[]
}

const displayName = (r: ResourceRecord) => r.labels['kuma.io/display-name'] || r.name

/**
 * targetsOf lists what the client can dial: every reachable destination port that is not a
 * MeshExternalService, and every `kuma.io/service` when the mesh still has them.
 */
function targetsOf(ctx: MeshContext, proxy: Proxy, warnings: string[]): Target[] {
  const out: Target[] = []
  const names = new Set<string>()
  const claim = (ns: string[]) => ns.filter((n) => !names.has(n) && names.add(n))
  if (ctx.meshServicesMode !== 'Disabled') {
    for (const b of ctx.destinations.reachableBackends(proxy.dataplane).backends) {
      const r = b.destination.resource
      if (r.type === 'MeshExternalService') {
        warnings.push(`${b.kri}: MeshExternalService is not served to gRPC clients yet`)
        continue
      }
      const name = displayName(r)
      const clusterName = proxy.unifiedNaming ? b.kri : legacyDestinationName(b.destination, b.port)
      const first = b.destination.ports[0]?.value === b.port.value
      const o: ProxyOutbound = {
        kri: b.kri,
        destination: b.destination,
        destinationPort: b.port,
        tags: {},
        address: '',
        port: b.port.value,
        protocol: 'grpc',
        listenerName: `${name}:${b.port.value}`,
        clusterName,
        statPrefix: clusterName,
      }
      out.push({ outbound: o, names: claim(first ? [name, o.listenerName] : [o.listenerName]) })
    }
  }
  if (ctx.meshServicesMode !== 'Exclusive') {
    const services = new Set<string>()
    for (const dp of ctx.resources.list('Dataplane')) {
      const inbound = (
        dp.spec as { networking?: { inbound?: { tags?: Record<string, string> }[] } }
      ).networking?.inbound
      for (const i of inbound ?? [])
        if (i.tags?.['kuma.io/service']) services.add(i.tags['kuma.io/service'])
    }
    for (const service of [...services].sort()) {
      const declared = proxy.outbounds.find((o) => o.service === service)
      const o: ProxyOutbound = {
        service,
        tags: { 'kuma.io/service': service },
        address: '',
        port: declared?.port ?? 0,
        protocol: 'grpc',
        listenerName: service,
        clusterName: service,
        statPrefix: service,
      }
      out.push({
        outbound: o,
        names: claim(declared ? [service, `${service}:${declared.port}`] : [service]),
      })
    }
  }
  return out.filter((t) => t.names.length > 0)
}

/** confOf is the conf of `kind` for the target's destination (or legacy service). */
function confOf<T>(proxy: Proxy, ctx: MeshContext, kind: string, o: ProxyOutbound): T | undefined {
  const m = proxy.policies.get(kind)
  if (!m) return undefined
  const conf = o.kri
    ? computeResourceConf(m, o.kri, ctx)
    : computeServiceConf(m.toRules.rules, o.service!)
  return conf as T | undefined
}

/**
 * generateProxyless builds the client's snapshot. Warnings name what a gRPC client cannot do
 * (a policy field with no gRPC equivalent, an endpoint that is a hostname) and was left out.
 */
export function generateProxyless(
  ctx: MeshContext,
  dataplaneName: string,
  opts: GenerateOptions = {},
): GenerateResult {
  const proxy = buildProxy(ctx, dataplaneName, {
    metadata: opts.metadata,
    includeShadow: opts.includeShadow,
    kinds: PROXYLESS_KINDS,
  })
  if (!proxy) return { ok: false, reason: 'dataplane-not-found' }
  const warnings: string[] = []
  for (const [kind, m] of proxy.policies) for (const w of m.warnings) warnings.push(`${kind}: ${w}`)
  if (proxy.mtls) {
    warnings.push(
      'the mesh has mTLS; proxyless gRPC clients are served plain-text clusters for now',
    )
  }
  const rs = new ResourceSet()
  const pctx: PluginContext = { mesh: ctx, zone: ctx.zone }
  const targets = targetsOf(ctx, proxy, warnings)
  const byCluster = new Map(targets.map((t) => [t.outbound.clusterName, t.outbound]))

  const addCluster = (o: ProxyOutbound) => {
    if (rs.get(TypeUrl.Cluster, o.clusterName)) return
    const warn = (w: string) => warnings.push(`${o.clusterName}: ${w}`)
    const cluster = proxylessCluster(
      o.clusterName,
      confOf(proxy, ctx, 'MeshLoadBalancingStrategy', o),
      confOf(proxy, ctx, 'MeshCircuitBreaker', o),
      warn,
    )
    const common = { origin: 'outbound' as const, resourceOrigin: o.kri, protocol: o.protocol }
    rs.add({ ...common, typeUrl: TypeUrl.Cluster, name: o.clusterName, resource: cluster })
    const cla = proxylessLoadAssignment(o.clusterName, endpointsOf(ctx, o), ctx.zone, warn)
    rs.add({
      ...common,
      typeUrl: TypeUrl.ClusterLoadAssignment,
      name: o.clusterName,
      resource: cla,
    })
  }
  const clusterOfRef = (ref: ResolvedRef): string | undefined => {
    if (ref.kind === 'legacy') {
      if (Object.keys(ref.tags).length > 0) {
        warnings.push(
          `MeshHTTPRoute: subsets by tags are not served to gRPC clients; ${ref.service} is used whole`,
        )
      }
      return byCluster.has(ref.service) ? ref.service : undefined
    }
    const name = proxy.unifiedNaming
      ? targets.find(
          (t) =>
            t.outbound.destination === ref.destination &&
            t.outbound.destinationPort?.value === ref.port.value,
        )?.outbound.clusterName
      : legacyDestinationName(ref.destination, ref.port)
    return name && byCluster.has(name) ? name : undefined
  }

  const faultsByCluster = new Map<string, Json[]>()
  for (const { outbound: o, names } of targets) {
    const warn = (w: string) => warnings.push(`${names[0]}: ${w}`)
    const faults = faultConfigs(confOf(proxy, ctx, 'MeshFaultInjection', o), warn)
    if (faults.length > 0) faultsByCluster.set(o.clusterName, faults)
  }
  const faultCount = Math.max(0, ...[...faultsByCluster.values()].map((f) => f.length))
  const faultsOf = (cluster: string) => faultOverrides(faultsByCluster.get(cluster) ?? [])
  const hashPoliciesOf = (cluster: string): readonly HashPolicy[] => {
    const o = byCluster.get(cluster)
    const conf = o && confOf<LbConf>(proxy, ctx, 'MeshLoadBalancingStrategy', o)
    return conf?.loadBalancer?.ringHash?.hashPolicies ?? conf?.hashPolicies ?? []
  }

  for (const { outbound: o, names } of targets) {
    const warn = (w: string) => warnings.push(`${names[0]}: ${w}`)
    const policies: RoutePolicies = {
      timeout: confOf(proxy, ctx, 'MeshTimeout', o),
      retry: confOf(proxy, ctx, 'MeshRetry', o),
    }
    const routeConf = computeHttpRouteConf(proxy.policies.get('MeshHTTPRoute')!.toRules, o)
    const prepared: { match: Match; refs: ResolvedRef[] }[] = []
    for (const rule of routeConf?.rules ?? []) {
      const origin = routeConf!.origin(rule.matches).resource
      const refs = (rule.default.backendRefs ?? []).flatMap(
        (br) => resolveBackendRef(pctx, origin, br) ?? [],
      )
      for (const match of rule.matches) prepared.push({ match, refs })
    }
    prepared.sort((a, b) => compareMatch(a.match, b.match))
    const isCatchAll = (m: Match) =>
      Object.keys(m).length === 1 && m.path?.type === 'PathPrefix' && m.path.value === '/'
    if (!prepared.some((r) => isCatchAll(r.match))) prepared.push({ match: CATCH_ALL, refs: [] })
    const routes = prepared.flatMap(({ match, refs }) => {
      const splits = refs.flatMap((ref) => {
        const clusterName = clusterOfRef(ref)
        return clusterName && ref.weight > 0 ? [{ clusterName, weight: ref.weight }] : []
      })
      if (splits.length === 0) splits.push({ clusterName: o.clusterName, weight: 1 })
      for (const s of splits) addCluster(byCluster.get(s.clusterName)!)
      const m = routeMatch(match, warn)
      const hashPolicies = [...new Set(splits.flatMap((s) => hashPoliciesOf(s.clusterName)))]
      return m
        ? [envoyRoute({ match, splits }, m, { ...policies, hashPolicies }, faultsOf, warn)]
        : []
    })
    const routeConfig = {
      name: o.clusterName,
      virtualHosts: [{ name: names[0], domains: ['*'], routes }],
    }
    const filters = httpFilters(faultCount)
    for (const name of names) {
      rs.add({
        origin: 'outbound',
        resourceOrigin: o.kri,
        typeUrl: TypeUrl.Listener,
        name,
        resource: apiListener(name, routeConfig, filters),
      })
    }
  }
  const snapshot = rs.toSnapshot()
  const violations = consistent(snapshot)
  if (violations.length > 0) return { ok: false, reason: 'inconsistent', violations, warnings }
  return { ok: true, snapshot, proxy, warnings }
}

function endpointsOf(ctx: MeshContext, o: ProxyOutbound): Endpoint[] {
  if (o.service) return serviceEndpoints(ctx, o.service)
  const r = o.destination!.resource
  if (r.type === 'MeshService') return meshServiceEndpoints(ctx, r, o.destinationPort!.value)
  const labels =
    (r.spec as { selector?: { meshService?: { matchLabels?: Record<string, string> } } }).selector
      ?.meshService?.matchLabels ?? {}
  return ctx.resources
    .list('MeshService')
    .filter((ms) => Object.entries(labels).every(([k, v]) => ms.labels[k] === v))
    .flatMap((ms) => meshServiceEndpoints(ctx, ms, o.destinationPort!.value))
}
