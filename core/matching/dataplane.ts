/** @module Which inbounds, gateway listeners or delegated gateway of a Dataplane a policy selects. */
import type { TargetRef } from '../policies/common/targetref'
import { NAMESPACE_LABEL, ORIGIN_LABEL, ZONE_LABEL } from '../resources/labels'
import type { ResourceRecord } from '../store/store'
import { isLocalZoneResource, isReferenced, policyRoleOf } from './meta'
import { kriOfRecord, type MeshResources } from './resources'
import { targetRefToKri } from './resolve'
import { SERVICE_TAG } from './subset'
import { topLevelOf } from './targetref'
import type { InboundListener } from './types'

type Tags = Record<string, string>
interface Inbound {
  port: number
  address?: string
  name?: string
  tags?: Tags
}
interface Listener {
  port: number
  address?: string
  name?: string
}
interface Networking {
  address?: string
  inbound?: Inbound[]
  gateway?: { type?: string; tags?: Tags }
  listeners?: Listener[]
}
interface GatewayListener {
  port: number
  hostname?: string
  tags?: Tags
}

export const networkingOf = (dpp: ResourceRecord) =>
  ((dpp.spec as { networking?: Networking }).networking ?? {}) as Networking

export const isBuiltinGateway = (dpp: ResourceRecord) =>
  networkingOf(dpp).gateway?.type === 'BUILTIN'
export const isDelegatedGateway = (dpp: ResourceRecord) => {
  const gw = networkingOf(dpp).gateway
  return !!gw && (gw.type ?? 'DELEGATED') === 'DELEGATED'
}

/** tagSelectorMatches is Kuma's `TagSelector.Matches`; `*` matches any value of a present tag. */
export function tagSelectorMatches(selector: Tags | undefined, tags: Tags | undefined): boolean {
  for (const [k, v] of Object.entries(selector ?? {})) {
    const have = tags?.[k]
    if (have === undefined || (v !== have && v !== '*')) return false
  }
  return true
}

/** Selection is what a policy's top-level targetRef selects on one proxy. */
export interface Selection {
  inbounds: InboundListener[]
  /** gatewayListeners are `address:port:hostname` keys of builtin gateway listeners. */
  gatewayListeners: string[]
  delegatedGateway: boolean
}

const NONE: Selection = { inbounds: [], gatewayListeners: [], delegatedGateway: false }

const sectionOf = (x: { name?: string; port: number }) => x.name || String(x.port)

function inboundsSelectedByTags(
  selector: Tags | undefined,
  dpp: ResourceRecord,
  gateway: ResourceRecord | undefined,
): Selection {
  const net = networkingOf(dpp)
  const inbounds: InboundListener[] = []
  for (const inb of net.inbound ?? []) {
    if (tagSelectorMatches(selector, inb.tags)) {
      inbounds.push({ address: inb.address || net.address || '', port: inb.port })
    }
  }
  const gatewayListeners: string[] = []
  if (gateway) {
    const seen = new Set<string>()
    const gspec = gateway.spec as { tags?: Tags; conf?: { listeners?: GatewayListener[] } }
    for (const l of gspec.conf?.listeners ?? []) {
      const tags = { ...net.gateway?.tags, ...gspec.tags, ...l.tags }
      if (!tagSelectorMatches(selector, tags)) continue
      const key = `${net.address ?? ''}:${l.port}`
      if (!seen.has(key)) {
        seen.add(key)
        inbounds.push({ address: net.address ?? '', port: l.port })
      }
      gatewayListeners.push(`${key}:${l.hostname || '*'}`)
    }
  }
  const delegatedGateway =
    isDelegatedGateway(dpp) && tagSelectorMatches(selector, net.gateway?.tags)
  return { inbounds, gatewayListeners, delegatedGateway }
}

function embeddedListeners(dpp: ResourceRecord, sectionName = ''): InboundListener[] {
  const net = networkingOf(dpp)
  return (net.listeners ?? [])
    .filter((l) => !sectionName || sectionOf(l) === sectionName)
    .map((l) => ({ address: l.address || net.address || '', port: l.port }))
}

function selectedByZone(policy: ResourceRecord, dpp: ResourceRecord, gw?: ResourceRecord): boolean {
  if (policyRoleOf(policy) === 'producer') return true
  const labels = (gw ?? dpp).labels ?? {}
  const origin = labels[ORIGIN_LABEL]
  if (origin === undefined || origin === 'global') return true
  if (policy.labels?.[ORIGIN_LABEL] === 'zone') {
    const zone = policy.labels[ZONE_LABEL]
    if (zone === undefined) return true
    return isLocalZoneResource(labels, zone)
  }
  return true
}

function selectedByNamespace(policy: ResourceRecord, dpp: ResourceRecord): boolean {
  const role = policyRoleOf(policy)
  if (role !== 'consumer' && role !== 'workload-owner') return true
  const ns = policy.labels?.[NAMESPACE_LABEL]
  return ns !== undefined && ns === dpp.labels?.[NAMESPACE_LABEL]
}

const proxyTypeOf = (dpp: ResourceRecord) => (networkingOf(dpp).gateway ? 'Gateway' : 'Sidecar')
const supportsProxyType = (ref: TargetRef, dpp: ResourceRecord) =>
  !ref.proxyTypes || ref.proxyTypes.length === 0 || ref.proxyTypes.includes(proxyTypeOf(dpp))

/** SelectionError reports a targetRef that cannot be resolved (the policy selects nothing). */
export class SelectionError extends Error {}

/** dppSelectedByPolicy is Kuma's `DppSelectedByPolicy` for a policy (or the route it targets). */
export function dppSelectedByPolicy(
  policy: ResourceRecord,
  ref: TargetRef,
  dpp: ResourceRecord,
  gateway: ResourceRecord | undefined,
  resources: MeshResources,
): Selection {
  if (!selectedByZone(policy, dpp, gateway) || !selectedByNamespace(policy, dpp)) return NONE
  switch (ref.kind) {
    case 'Mesh': {
      if (!supportsProxyType(ref, dpp)) return NONE
      const s = inboundsSelectedByTags(undefined, dpp, gateway)
      return { ...s, inbounds: [...s.inbounds, ...embeddedListeners(dpp)] }
    }
    case 'Dataplane': {
      if (gateway) return NONE
      const all = !ref.name && !ref.namespace && (ref.labels === undefined || ref.labels === null)
      const byName = !!ref.name && kriOfRecord(dpp) === targetRefToKri(policy, ref)
      const byLabels = !!ref.labels && tagSelectorMatches(ref.labels, dpp.labels ?? {})
      if (!all && !byName && !byLabels) return NONE
      const net = networkingOf(dpp)
      const section = ref.sectionName ?? ''
      const inbounds = (net.inbound ?? [])
        .filter((i) => !section || sectionOf(i) === section)
        .map((i) => ({ address: i.address || net.address || '', port: i.port }))
      inbounds.push(...embeddedListeners(dpp, section))
      return { inbounds, gatewayListeners: [], delegatedGateway: isDelegatedGateway(dpp) }
    }
    case 'MeshSubset':
      if (!supportsProxyType(ref, dpp)) return NONE
      return inboundsSelectedByTags(ref.tags, dpp, gateway)
    case 'MeshService':
      return inboundsSelectedByTags({ [SERVICE_TAG]: ref.name ?? '' }, dpp, gateway)
    case 'MeshServiceSubset':
      return inboundsSelectedByTags({ [SERVICE_TAG]: ref.name ?? '', ...ref.tags }, dpp, gateway)
    case 'MeshGateway': {
      if (
        !gateway ||
        !isBuiltinGateway(dpp) ||
        !isReferenced(policy.mesh, ref.name ?? '', gateway)
      ) {
        return NONE
      }
      return { ...inboundsSelectedByTags(ref.tags, dpp, gateway), delegatedGateway: false }
    }
    case 'MeshHTTPRoute': {
      const route = resources
        .list('MeshHTTPRoute')
        .find((r) => isReferenced(policy.mesh, ref.name ?? '', r))
      if (!route) {
        throw new SelectionError(
          `couldn't resolve MeshHTTPRoute targetRef with name '${ref.name ?? ''}'`,
        )
      }
      return dppSelectedByPolicy(route, topLevelOf(route.spec), dpp, gateway, resources)
    }
    default:
      throw new SelectionError(`unsupported targetRef kind '${ref.kind}'`)
  }
}
