/**
 * @module MeshInsight computed from a mesh's resources (Kuma `insights/resyncer.go`
 * createOrUpdateMeshInsight). Kuma recomputes and stores it periodically; Kumo computes it on
 * every read, so it always matches the store.
 */
import { SERVICE_TAG } from '../validators/tags'
import type { ProxyWithInsight } from './service-insight'
import { pruneZeros } from './service-insight'
import { dataplaneStatus, lastSubscription, type Status } from './status'

interface Stat {
  total: number
  online: number
  offline: number
  partiallyDegraded: number
}

const stat = (): Stat => ({ total: 0, online: 0, offline: 0, partiallyDegraded: 0 })

/** MeshInsightInput is what one mesh's insight is computed from. */
export interface MeshInsightInput {
  proxies: readonly ProxyWithInsight[]
  /** resourceCounts: how many resources of each mesh-scoped, non-insight type the mesh holds. */
  resourceCounts: Readonly<Record<string, number>>
  /** policyTypes: which of those types are policies (reported under `policies` too). */
  policyTypes: ReadonlySet<string>
  exclusiveMeshServices: boolean
}

function count(s: Stat, status: Status): void {
  if (status === 'Online') s.online++
  else if (status === 'Partially degraded') s.partiallyDegraded++
  else s.offline++
}

/** computeMeshInsight returns MeshInsight's spec in proto JSON (zero values left out). */
export function computeMeshInsight(input: MeshInsightInput): Record<string, unknown> {
  const dataplanes = stat()
  dataplanes.total = input.proxies.length
  const byType = { standard: stat(), gatewayBuiltin: stat(), gatewayDelegated: stat() }
  const kumaDp = new Map<string, Stat>()
  const envoy = new Map<string, Stat>()
  const issued = new Map<string, Stat>()
  const supported = new Map<string, Stat>()
  const services = new Set<string>()
  const at = (m: Map<string, Stat>, k: string) => m.get(k) ?? m.set(k, stat()).get(k)!

  for (const p of input.proxies) {
    const networking = (p.dataplane.networking ?? {}) as {
      gateway?: { type?: string; tags?: Record<string, string> }
      inbound?: { state?: string; tags?: Record<string, string> }[]
    }
    const sub = lastSubscription(p.insight)
    const dpVersion = sub?.version?.kumaDp?.version || 'unknown'
    const envoyVersion = sub?.version?.envoy?.version || 'unknown'
    const status = dataplaneStatus(p.dataplane.networking, p.insight)
    const gw = networking.gateway
    const typeStat = !gw
      ? byType.standard
      : gw.type === 'BUILTIN'
        ? byType.gatewayBuiltin
        : byType.gatewayDelegated
    typeStat.total++
    for (const s of [dataplanes, typeStat, at(kumaDp, dpVersion), at(envoy, envoyVersion)]) {
      count(s, status)
    }
    // Kuma's version totals leave partially degraded proxies out
    for (const s of [at(kumaDp, dpVersion), at(envoy, envoyVersion)]) s.total = s.online + s.offline
    const mtls = p.insight?.mTLS
    if (mtls) {
      const b = at(issued, mtls.issuedBackend ?? '')
      count(b, status)
      b.total++
      for (const name of mtls.supportedBackends ?? []) {
        const s = at(supported, name)
        count(s, status)
        s.total++
      }
    }
    if (!input.exclusiveMeshServices) {
      if (gw?.tags?.[SERVICE_TAG]) services.add(gw.tags[SERVICE_TAG])
      for (const inbound of networking.inbound ?? []) {
        if (inbound.state === 'Ignored' || !inbound.tags?.[SERVICE_TAG]) continue
        services.add(inbound.tags[SERVICE_TAG])
      }
    }
  }

  const gateway = stat()
  for (const k of ['total', 'online', 'offline', 'partiallyDegraded'] as const) {
    gateway[k] = byType.gatewayBuiltin[k] + byType.gatewayDelegated[k]
  }
  const resources: Record<string, { total: number }> = {}
  const policies: Record<string, { total: number }> = {}
  for (const type of Object.keys(input.resourceCounts).sort()) {
    const total = input.resourceCounts[type]
    if (total === 0) continue
    resources[type] = { total }
    if (input.policyTypes.has(type)) policies[type] = { total }
  }

  const out: Record<string, unknown> = { dataplanes: pruneZeros({ ...dataplanes }) }
  if (Object.keys(policies).length > 0) out.policies = policies
  out.dpVersions = nonEmpty({ kumaDp: statMap(kumaDp), envoy: statMap(envoy) })
  out.mTLS = nonEmpty({ issuedBackends: statMap(issued), supportedBackends: statMap(supported) })
  if (!input.exclusiveMeshServices) {
    // legacy ExternalServices are out of Kumo's scope: every service is internal
    out.services = pruneZeros({ total: services.size, internal: services.size, external: 0 })
  }
  out.dataplanesByType = {
    standard: pruneZeros({ ...byType.standard }),
    gateway: pruneZeros({ ...gateway }),
    gatewayBuiltin: pruneZeros({ ...byType.gatewayBuiltin }),
    gatewayDelegated: pruneZeros({ ...byType.gatewayDelegated }),
  }
  if (Object.keys(resources).length > 0) out.resources = resources
  return out
}

function statMap(m: Map<string, Stat>): Record<string, Partial<Stat>> | undefined {
  if (m.size === 0) return undefined
  return Object.fromEntries([...m.keys()].sort().map((k) => [k, pruneZeros({ ...m.get(k)! })]))
}

function nonEmpty(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))
}
