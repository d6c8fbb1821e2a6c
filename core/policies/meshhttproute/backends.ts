/**
 * @module Route backends (Kuma `meshroute.MakeHTTPSplit`/`MakeTCPSplit`, `GenerateClusters`,
 * `GenerateEndpoints`): a route's backendRefs resolved to weighted splits over clusters, adding
 * the clusters and endpoints the base generator did not already make.
 */
import { formatKri, identifierOf } from '../../kri/kri'
import type { Destination, DestinationPort } from '../../meshcontext'
import { serviceProtocol } from '../../xds/generator/proxy'
import { edsCluster, httpProtocolOptions, upstreamMtls } from '../../xds/generator/envoy'
import { legacyDestinationName, sniForDestination } from '../../xds/generator/names'
import {
  sharedClusterLoadAssignment,
  meshServiceEndpoints,
  serviceEndpoints,
} from '../../xds/generator/outbound'
import type { PluginContext } from '../../xds/plugin'
import type { Proxy } from '../../xds/proxy'
import type { ResourceSet } from '../../xds/resource-set'
import { TypeUrl } from '../../xds/snapshot'
import { sha256 } from '../../inspect/sha256'
import type { BackendRef } from '../common/types'

const SERVICE_TAG = 'kuma.io/service'
const HTTP_PROTOCOLS = ['http', 'http2', 'grpc']

/** Split is one weighted cluster of a route (Kuma `envoy_common.Split`). */
export interface Split {
  clusterName: string
  weight: number
  external: boolean
}

/** ResolvedRef is a backendRef resolved either to a destination port or to a legacy service. */
export type ResolvedRef =
  | { kind: 'real'; destination: Destination; port: DestinationPort; weight: number }
  | { kind: 'legacy'; service: string; tags: Record<string, string>; weight: number }

/**
 * resolveBackendRef is Kuma's `resolve.BackendRef`: a ref with a port (or to a destination
 * kind other than MeshService) names a real resource, resolved in the origin policy's mesh, zone
 * and namespace; else it is a legacy `kuma.io/service` ref. Undefined when it resolves to nothing.
 */
export function resolveBackendRef(
  ctx: PluginContext,
  origin: { mesh: string; name: string; labels: Record<string, string> } | undefined,
  ref: BackendRef,
): ResolvedRef | undefined {
  const real = ref.kind !== 'MeshService' || ref.port !== undefined || ref.labels !== undefined
  if (ref.kind === 'MeshService' && !real) {
    return {
      kind: 'legacy',
      service: ref.name ?? '',
      tags: { ...(ref.tags ?? {}) },
      weight: ref.weight ?? 1,
    }
  }
  const id = origin ? identifierOf('x', origin) : undefined
  const short = {
    MeshService: 'msvc',
    MeshExternalService: 'extsvc',
    MeshMultiZoneService: 'mzsvc',
  }[ref.kind as string]
  if (!short) return undefined
  let destination: Destination | undefined
  if (ref.labels) {
    destination = ctx.mesh.destinations.resolveOldest(ref.kind, ref.labels)
  } else {
    destination = ctx.mesh.destinations.get(
      formatKri({
        shortName: short,
        mesh: id?.mesh ?? ctx.mesh.name,
        zone: ref.namespace || !id ? '' : id.zone,
        namespace: ref.namespace || id?.namespace || '',
        name: ref.name ?? '',
        sectionName: '',
      }),
    )
    destination ??= ctx.mesh.destinations
      .destinations()
      .find((d) => d.resource.type === ref.kind && d.resource.name === ref.name)
  }
  if (!destination) return undefined
  const port =
    ref.port === undefined
      ? destination.ports[0]
      : destination.ports.find((p) => p.value === ref.port)
  if (!port) return undefined
  return { kind: 'real', destination, port, weight: ref.weight ?? 1 }
}

/** destinationClusterName is Kuma's `Tags.DestinationClusterName`: `<service>-<16 hex of sha256>`. */
export function destinationClusterName(tags: Readonly<Record<string, string>>): string {
  const service = tags[SERVICE_TAG] ?? ''
  const keys = Object.keys(tags).sort()
  if (keys.length === 1) return service
  const text = keys.map((k) => k + tags[k]).join('')
  const digest = sha256(new TextEncoder().encode(text)).slice(0, 8)
  return `${service}-${[...digest].map((b) => b.toString(16).padStart(2, '0')).join('')}`
}

/** SplitBuilder makes splits for the routes of one proxy, sharing one cluster per backend. */
export class SplitBuilder {
  private readonly cache = new Map<string, string>()

  constructor(
    private readonly rs: ResourceSet,
    private readonly ctx: PluginContext,
    private readonly proxy: Proxy,
  ) {}

  /** splits resolves refs whose protocol is in `protocols` (HTTP splits drop TCP backends). */
  splits(refs: readonly ResolvedRef[], http: boolean): Split[] {
    const out: Split[] = []
    for (const ref of refs) {
      if (ref.weight === 0) continue
      const s = ref.kind === 'real' ? this.real(ref, http) : this.legacy(ref, http)
      if (s) out.push(s)
    }
    return out
  }

  private real(ref: Extract<ResolvedRef, { kind: 'real' }>, http: boolean): Split | undefined {
    if (http && !HTTP_PROTOCOLS.includes(ref.port.protocol)) return undefined
    const kri = formatKri({ ...ref.destination.id, sectionName: ref.port.name })
    const external = ref.destination.resource.type === 'MeshExternalService'
    let name = this.cache.get(kri)
    if (!name) {
      name = this.proxy.unifiedNaming ? kri : legacyDestinationName(ref.destination, ref.port)
      this.cache.set(kri, name)
      if (!external)
        this.ensureCluster(name, kri, ref.port.protocol, () => ({
          sni: sniForDestination(ref.destination, ref.port),
          sans: [],
          endpoints:
            ref.destination.resource.type === 'MeshService'
              ? meshServiceEndpoints(this.ctx.mesh, ref.destination.resource, ref.port.value)
              : [],
        }))
    }
    return { clusterName: name, weight: ref.weight, external }
  }

  private legacy(ref: Extract<ResolvedRef, { kind: 'legacy' }>, http: boolean): Split | undefined {
    const protocol = serviceProtocol(this.ctx.mesh, ref.service)
    if (http && !HTTP_PROTOCOLS.includes(protocol)) return undefined
    const tags: Record<string, string> = { ...ref.tags, [SERVICE_TAG]: ref.service }
    delete tags['kuma.io/mesh']
    const key = JSON.stringify(Object.entries(tags).sort())
    let name = this.cache.get(key)
    if (!name) {
      name = destinationClusterName(tags)
      this.cache.set(key, name)
      this.ensureCluster(name, undefined, protocol, () => ({
        sni: ref.service,
        sans: [`spiffe://${this.proxy.mesh}/${ref.service}`],
        endpoints: serviceEndpoints(this.ctx.mesh, ref.service).filter((e) =>
          Object.entries(ref.tags).every(([k, v]) => e.tags[k] === v),
        ),
      }))
    }
    return { clusterName: name, weight: ref.weight, external: false }
  }

  private ensureCluster(
    name: string,
    kri: string | undefined,
    protocol: string,
    details: () => { sni: string; sans: string[]; endpoints: ReturnType<typeof serviceEndpoints> },
  ): void {
    if (this.rs.get(TypeUrl.Cluster, name)) return
    const d = details()
    const cluster = edsCluster(name)
    cluster.typedExtensionProtocolOptions = httpProtocolOptions(true)
    if (this.proxy.mtls) cluster.transportSocket = upstreamMtls(d.sni, d.sans, this.proxy.mtls)
    const common = { origin: 'outbound' as const, resourceOrigin: kri, protocol }
    this.rs.add({ ...common, typeUrl: TypeUrl.Cluster, name, resource: cluster })
    this.rs.add({
      ...common,
      typeUrl: TypeUrl.ClusterLoadAssignment,
      name,
      resource: sharedClusterLoadAssignment(this.ctx.mesh, name, d.endpoints),
    })
  }
}
