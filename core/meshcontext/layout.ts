/** @module The networking layout of a Dataplane: inbounds, listeners, outbounds (Kuma `dataplane_layout_endpoint.go`). */
import { formatKri, identifierOf } from '../kri/kri'
import type { DataplaneSpec } from '../resources/kinds/dataplane/types'
import { proxySpiffeId } from '../resources/kinds/meshidentity/spiffe'
import type { ResourceRecord } from '../store/store'
import type { MeshContext } from './context'
import { DESTINATION_KINDS } from './destination'
import { inboundProtocolFallback, inboundSectionName, listenerSectionName } from './dataplane'
import {
  contextualInboundName,
  contextualZoneEgressListenerName,
  contextualZoneIngressListenerName,
} from './naming'

const DATAPLANE_SHORT_NAME = 'dp'

/** LAYOUT_KINDS are the mesh-scoped kinds a layout reads: destinations and MeshIdentities. */
export const LAYOUT_KINDS: readonly string[] = [...Object.keys(DESTINATION_KINDS), 'MeshIdentity']

export interface DataplaneInbound {
  kri: string
  port: number
  protocol: string
  proxyResourceName: string
}

export interface DataplaneListener {
  kri: string
  type: 'ZoneIngress' | 'ZoneEgress'
  port: number
  proxyResourceName: string
}

export interface DataplaneOutbound {
  kri: string
  port: number
  protocol: string
  proxyResourceName: string
}

/**
 * DataplaneNetworkingLayout is Kuma's `/_layout` answer. `spiffeId` is present only when an
 * initialized MeshIdentity selects the proxy and its templates render to a valid SPIFFE ID.
 */
export interface DataplaneNetworkingLayout {
  inbounds: DataplaneInbound[]
  kri: string
  labels: Record<string, string>
  listeners: DataplaneListener[]
  outbounds: DataplaneOutbound[]
  spiffeId?: string
}

export type LayoutResult =
  | { ok: true; layout: DataplaneNetworkingLayout }
  | { ok: false; reason: 'mesh-services-not-exclusive' }

/**
 * dataplaneLayout lays out a Dataplane of the context's mesh. Only meshes with
 * `meshServices.mode: Exclusive` have one (outbounds are destinations, not `kuma.io/service`s).
 * Inbounds and listeners keep spec order; outbounds are sorted by KRI; listeners of an
 * unspecified type are left out. `spiffeId` comes from the MeshIdentities in the context (Kuma's
 * `computeSpiffeID`: BestMatched, then GetTrustDomain and GetSpiffeID on Universal).
 */
export function dataplaneLayout(ctx: MeshContext, dataplane: ResourceRecord): LayoutResult {
  if (ctx.meshServicesMode !== 'Exclusive')
    return { ok: false, reason: 'mesh-services-not-exclusive' }
  const id = identifierOf(DATAPLANE_SHORT_NAME, dataplane)!
  const sectionKri = (sectionName: string) => formatKri({ ...id, sectionName })
  const networking = (dataplane.spec as DataplaneSpec).networking ?? {}

  const inbounds = (networking.inbound ?? []).map((inbound): DataplaneInbound => {
    const section = inboundSectionName(inbound)
    return {
      kri: sectionKri(section),
      port: inbound.port ?? 0,
      protocol: inboundProtocolFallback(inbound),
      proxyResourceName: contextualInboundName(DATAPLANE_SHORT_NAME, section),
    }
  })

  const listeners: DataplaneListener[] = []
  for (const listener of networking.listeners ?? []) {
    const section = listenerSectionName(listener)
    if (listener.type !== 'ZoneIngress' && listener.type !== 'ZoneEgress') continue
    listeners.push({
      kri: sectionKri(section),
      type: listener.type,
      port: listener.port ?? 0,
      proxyResourceName:
        listener.type === 'ZoneIngress'
          ? contextualZoneIngressListenerName(section)
          : contextualZoneEgressListenerName(section),
    })
  }

  const outbounds = ctx.destinations
    .reachableBackends(dataplane)
    .backends.map((b): DataplaneOutbound => ({
      kri: b.kri,
      port: b.port.value,
      protocol: b.port.protocol,
      proxyResourceName: b.kri,
    }))

  const layout: DataplaneNetworkingLayout = {
    inbounds,
    kri: formatKri(id),
    labels: { ...dataplane.labels },
    listeners,
    outbounds,
  }
  const spiffeId = proxySpiffeId(dataplane, ctx.resources.list('MeshIdentity'), ctx.zone)
  if (spiffeId !== undefined) layout.spiffeId = spiffeId
  return { ok: true, layout }
}
