/** @module The networking layout of a Dataplane: inbounds, listeners, outbounds (Kuma `dataplane_layout_endpoint.go`). */
import { formatKri, identifierOf } from '../kri/kri'
import type { DataplaneSpec } from '../resources/kinds/dataplane/types'
import type { ResourceRecord } from '../store/store'
import type { MeshContext } from './context'
import { inboundProtocolFallback, inboundSectionName, listenerSectionName } from './dataplane'
import {
  contextualInboundName,
  contextualZoneEgressListenerName,
  contextualZoneIngressListenerName,
} from './naming'

const DATAPLANE_SHORT_NAME = 'dp'

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

/** DataplaneNetworkingLayout is Kuma's `/_layout` answer. `spiffeId` needs MeshIdentity. */
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
 * unspecified type are left out.
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

  return {
    ok: true,
    layout: {
      inbounds,
      kri: formatKri(id),
      labels: { ...dataplane.labels },
      listeners,
      outbounds,
    },
  }
}
