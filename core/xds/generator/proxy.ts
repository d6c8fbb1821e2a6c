/**
 * @module buildProxy: a Dataplane of a MeshContext as the generator sees it, with its inbounds,
 * outbounds (destination ports and `kuma.io/service` outbounds), mTLS and matched policies
 * (Kuma `sync.DataplaneProxyBuilder`).
 */
import { formatKri, identifierOf } from '../../kri/kri'
import { matchedPolicies, type MatchedPolicies } from '../../matching'
import {
  inboundProtocolFallback,
  inboundSectionName,
  type Destination,
  type DestinationPort,
  type MeshContext,
} from '../../meshcontext'
import type { DataplaneSpec } from '../../resources/kinds/dataplane/types'
import type { MeshSpec } from '../../resources/kinds/mesh/types'
import type { ResourceRecord } from '../../store/store'
import {
  FEATURE_UNIFIED_RESOURCE_NAMING,
  type DataplaneMetadata,
  type MeshMtls,
  type Protocol,
  type Proxy,
  type ProxyInbound,
  type ProxyOutbound,
} from '../proxy'
import { legacyDestinationName } from './names'
import { meshIndexes, parseProtocol } from './prepare'

const SERVICE_TAG = 'kuma.io/service'

export { parseProtocol }

export interface ProxyOptions {
  metadata?: DataplaneMetadata
  /** includeShadow counts policies labelled `kuma.io/effect: shadow` (the `_config?shadow=true`). */
  includeShadow?: boolean
  /** kinds to match; the generator passes its plugins' kinds. */
  kinds: readonly string[]
}

/** meshMtlsOf is the mesh's enabled mTLS backend with Kuma's SDS names; undefined when off. */
export function meshMtlsOf(mesh: ResourceRecord): MeshMtls | undefined {
  const mtls = (mesh.spec as MeshSpec).mtls as
    { enabledBackend?: string; backends?: { name?: string; mode?: string }[] } | undefined
  const backend = mtls?.enabledBackend
  if (!backend) return undefined
  const mode = mtls?.backends?.find((b) => b.name === backend)?.mode
  return {
    backend,
    mode: mode === 'PERMISSIVE' ? 'PERMISSIVE' : 'STRICT',
    identitySecret: `identity_cert:secret:${mesh.name}`,
    caSecret: `mesh_ca:secret:${mesh.name}`,
  }
}

/** vipOf is the first VIP in a destination's status (`vips[0].ip`, or `vip.ip` of a MeshExternalService). */
function vipOf(d: Destination): string | undefined {
  const status = (d.resource.status ?? {}) as { vips?: { ip?: string }[]; vip?: { ip?: string } }
  return status.vips?.[0]?.ip || status.vip?.ip || undefined
}

/**
 * buildProxy assembles the Proxy; undefined when the Dataplane is not in the context.
 * Destination outbounds are the Dataplane's `backendRef` outbounds and, with a transparent
 * proxy, every reachable destination port that has a VIP.
 */
export function buildProxy(
  ctx: MeshContext,
  dataplaneName: string,
  opts: ProxyOptions,
): Proxy | undefined {
  const dataplane = ctx.dataplanesByName.get(dataplaneName)
  if (!dataplane) return undefined
  const spec = dataplane.spec as DataplaneSpec
  const net = spec.networking ?? {}
  const metadata = opts.metadata ?? {}
  const unifiedNaming =
    (metadata.features ?? []).includes(FEATURE_UNIFIED_RESOURCE_NAMING) &&
    ctx.meshServicesMode === 'Exclusive'
  const id = identifierOf('dp', dataplane)!

  const inbounds: ProxyInbound[] = (net.inbound ?? []).map((inb) => {
    const section = inboundSectionName(inb)
    const address = inb.address || net.address || ''
    const port = inb.port ?? 0
    const servicePort = inb.servicePort || port
    const contextual = `self_inbound_dp_${section}`
    return {
      sectionName: section,
      kri: formatKri({ ...id, sectionName: section }),
      address,
      port,
      serviceAddress: inb.serviceAddress || '127.0.0.1',
      servicePort,
      tags: inb.tags ?? {},
      protocol: parseProtocol(inboundProtocolFallback(inb)),
      listenerName: unifiedNaming ? contextual : `inbound:${address}:${port}`,
      clusterName: unifiedNaming ? contextual : `localhost:${servicePort}`,
      state: inb.state ?? 'Ready',
    }
  })

  const outbounds: ProxyOutbound[] = []
  const destinationOutbound = (
    kri: string,
    d: Destination,
    p: DestinationPort,
    address: string,
    port: number,
  ): ProxyOutbound => {
    const clusterName = unifiedNaming ? kri : legacyDestinationName(d, p)
    return {
      kri,
      destination: d,
      destinationPort: p,
      tags: {},
      address,
      port,
      protocol: parseProtocol(p.protocol),
      listenerName: unifiedNaming ? kri : `outbound:${address}:${port}`,
      clusterName,
      statPrefix: clusterName,
    }
  }
  if (ctx.meshServicesMode !== 'Disabled') {
    const reachable = ctx.destinations.reachableBackends(dataplane).backends
    const byKri = new Map(reachable.map((b) => [b.kri, b]))
    for (const o of net.outbound ?? []) {
      if (!o.backendRef) continue
      const port = o.port ?? 0
      const b = [...byKri.values()].find(
        (r) =>
          r.destination.resource.type === o.backendRef!.kind &&
          r.destination.resource.name === o.backendRef!.name &&
          r.port.value === (o.backendRef!.port ?? r.port.value),
      )
      if (b)
        outbounds.push(
          destinationOutbound(b.kri, b.destination, b.port, o.address || '127.0.0.1', port),
        )
    }
    if (net.transparentProxying && outbounds.length === 0) {
      for (const b of reachable) {
        const vip = vipOf(b.destination)
        if (vip)
          outbounds.push(destinationOutbound(b.kri, b.destination, b.port, vip, b.port.value))
      }
    }
  }
  if (ctx.meshServicesMode !== 'Exclusive') {
    for (const o of net.outbound ?? []) {
      const service = o.tags?.[SERVICE_TAG]
      if (o.backendRef || !service) continue
      const address = o.address || '127.0.0.1'
      outbounds.push({
        service,
        tags: o.tags ?? {},
        address,
        port: o.port ?? 0,
        protocol: serviceProtocol(ctx, service),
        listenerName: `outbound:${address}:${o.port ?? 0}`,
        clusterName: service,
        statPrefix: service,
      })
    }
  }
  outbounds.sort(
    (a, b) => cmp(a.kri ?? '\uffff', b.kri ?? '\uffff') || cmp(a.listenerName, b.listenerName),
  )

  const tp = net.transparentProxying
  const transparentProxy =
    tp && (tp.redirectPortInbound || tp.redirectPortOutbound)
      ? {
          redirectPortInbound: tp.redirectPortInbound ?? 0,
          redirectPortOutbound: tp.redirectPortOutbound ?? 0,
          ipFamilyMode:
            tp.ipFamilyMode === 'IPv4' || tp.ipFamilyMode === 'IPv6'
              ? tp.ipFamilyMode
              : ('DualStack' as const),
        }
      : undefined

  const { matching, matchMemo } = meshIndexes(ctx)
  const policies = new Map<string, MatchedPolicies>()
  for (const kind of opts.kinds) {
    policies.set(
      kind,
      matchedPolicies(kind, dataplane, matching, {
        includeShadow: opts.includeShadow,
        memo: matchMemo,
      }),
    )
  }

  return {
    dataplane,
    spec,
    kri: formatKri(id),
    mesh: ctx.name,
    zone: ctx.zone,
    metadata,
    unifiedNaming,
    inbounds,
    outbounds,
    transparentProxy,
    policies,
    mtls: meshMtlsOf(ctx.mesh),
  }
}

/**
 * serviceProtocol is Kuma's `MeshContext.GetServiceProtocol`: the protocol every inbound of
 * the service declares, else tcp.
 */
export const serviceProtocol = (ctx: MeshContext, service: string): Protocol =>
  meshIndexes(ctx).serviceProtocol(service)

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
