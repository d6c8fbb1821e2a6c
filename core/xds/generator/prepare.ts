/**
 * @module prepareMesh: the mesh-wide indexes the generator reads, built once per MeshContext (one
 * mesh revision) and shared by every proxy generated from it: the matching engine's resource
 * index, endpoints by `kuma.io/service` and by MeshService port, and service protocols. Without
 * them each proxy would rescan every Dataplane for every outbound (Kuma keeps the same indexes on
 * its cached `MeshContext`).
 */
import { indexResources, type MeshResources as MatchingResources } from '../../matching'
import {
  buildMeshContext,
  DEFAULT_PROTOCOL,
  inboundProtocolFallback,
  meshServiceSelectsDataplane,
  type MeshContext,
  type MeshContextOptions,
  type MeshSnapshot,
} from '../../meshcontext'
import type { DataplaneSpec, Inbound } from '../../resources/kinds/dataplane/types'
import type { MeshService } from '../../resources/kinds/meshservice/types'
import type { ResourceRecord } from '../../store/store'
import { contentHash } from '../snapshot'
import type { Protocol } from '../proxy'

const SERVICE_TAG = 'kuma.io/service'
const PROTOCOLS: readonly string[] = ['tcp', 'http', 'http2', 'grpc', 'kafka', 'tls']

/** parseProtocol is Kuma's `ParseProtocol`: unknown protocols are tcp. */
export const parseProtocol = (p: string | undefined): Protocol =>
  (p && PROTOCOLS.includes(p) ? p : DEFAULT_PROTOCOL) as Protocol

/** Endpoint is one upstream host of a cluster (Kuma `core_xds.Endpoint`). Shared: never mutate. */
export interface Endpoint {
  readonly address: string
  readonly port: number
  readonly tags: Readonly<Record<string, string>>
  readonly weight: number
}

/**
 * MeshIndexes are the answers every proxy of a mesh shares. Invariant: each is a pure function
 * of the MeshContext it was built from, so sharing them changes no output, only its cost.
 */
export interface MeshIndexes {
  /** matching is the policy engine's view of the mesh's resources (Mesh included). */
  readonly matching: MatchingResources
  /** matchMemo shares rules the matching engine built for one proxy with the next (`MatchOptions.memo`). */
  readonly matchMemo: Map<string, unknown>
  /** serviceEndpoints are the ready inbounds tagged `kuma.io/service: service`, in Dataplane order. */
  serviceEndpoints(service: string): Endpoint[]
  /** meshServiceEndpoints are the ready inbounds a MeshService port targets on the Dataplanes it selects. */
  meshServiceEndpoints(ms: ResourceRecord, portValue: number): Endpoint[]
  /** serviceProtocol is the protocol every inbound of the service declares, else tcp. */
  serviceProtocol(service: string): Protocol
}

/** PreparedMesh is a MeshContext whose indexes are built; `generate` takes any MeshContext. */
export type PreparedMesh = MeshContext

const CACHE = new WeakMap<MeshContext, MeshIndexes>()

/**
 * EndpointRead names one endpoint-set answer a generation read: `svc`, `ms` or `proto` with its
 * arguments. `endpointReadDigest` recomputes the answer's digest in any context, so a caller that
 * kept a proxy's reads can tell whether another mesh revision would answer them differently.
 */
export type EndpointRead = string

let recorder: ((read: EndpointRead) => void) | undefined

/**
 * recordEndpointReads runs fn and reports every endpoint-set read it makes through the mesh
 * indexes (synchronous: generation never awaits). Nested recording is not supported.
 */
export function recordEndpointReads<T>(fn: () => T, onRead: (read: EndpointRead) => void): T {
  const outer = recorder
  recorder = onRead
  try {
    return fn()
  } finally {
    recorder = outer
  }
}

const SEP = '\u0000'

const DIGESTS = new WeakMap<MeshContext, Map<EndpointRead, string>>()

/** endpointReadDigest is the digest of what `read` answers in ctx (its JSON), once per context. */
export function endpointReadDigest(ctx: MeshContext, read: EndpointRead): string {
  let memo = DIGESTS.get(ctx)
  if (!memo) DIGESTS.set(ctx, (memo = new Map()))
  let d = memo.get(read)
  if (d === undefined) memo.set(read, (d = computeReadDigest(ctx, read)))
  return d
}

function computeReadDigest(ctx: MeshContext, read: EndpointRead): string {
  const [what, a, b] = read.split(SEP)
  const ix = meshIndexes(ctx)
  if (what === 'svc') return contentHash(JSON.stringify(ix.serviceEndpoints(a)))
  if (what === 'proto') return ix.serviceProtocol(a)
  const ms = ctx.resources.get('MeshService', a)
  return ms
    ? contentHash(`${ms.version};${JSON.stringify(ix.meshServiceEndpoints(ms, Number(b)))}`)
    : 'none'
}

/** prepareMesh builds a mesh's context and its indexes, once per mesh revision. */
export function prepareMesh(snapshot: MeshSnapshot, opts: MeshContextOptions): PreparedMesh
/** prepareMesh builds the indexes of an existing context (a no-op when they exist). */
export function prepareMesh(ctx: MeshContext): PreparedMesh
export function prepareMesh(
  from: MeshSnapshot | MeshContext,
  opts?: MeshContextOptions,
): PreparedMesh {
  const ctx = 'dataplanesByName' in from ? from : buildMeshContext(from, opts!)
  meshIndexes(ctx)
  return ctx
}

/** meshIndexes gives the context's indexes, building them on first use. */
export function meshIndexes(ctx: MeshContext): MeshIndexes {
  let ix = CACHE.get(ctx)
  if (!ix) {
    ix = buildIndexes(ctx)
    CACHE.set(ctx, ix)
  }
  return ix
}

const isReady = (i: Inbound) =>
  i.health?.ready !== false && i.state !== 'NotReady' && i.state !== 'Ignored'

const tagKey = (k: string, v: string) => `${k}\u0000${v}`

interface DataplaneInbound {
  dataplane: ResourceRecord
  address: string
  inbound: Inbound
}

function endpointOf({ address, inbound }: DataplaneInbound): Endpoint {
  return Object.freeze({
    address,
    port: inbound.port ?? 0,
    tags: Object.freeze({ ...(inbound.tags ?? {}) }),
    weight: 1,
  })
}

function buildIndexes(ctx: MeshContext): MeshIndexes {
  const dataplanes = ctx.resources.list('Dataplane')
  const inboundsByDp = new Map<ResourceRecord, DataplaneInbound[]>()
  const byService = new Map<string, Endpoint[]>()
  const protocols = new Map<string, Set<string>>()
  // dataplanes carrying a tag on an inbound or on their gateway, in name order
  const byTag = new Map<string, ResourceRecord[]>()
  for (const dp of dataplanes) {
    const net = (dp.spec as DataplaneSpec).networking ?? {}
    const inbounds = (net.inbound ?? []).map((inbound) => ({
      dataplane: dp,
      address: inbound.address || net.address || '',
      inbound,
    }))
    inboundsByDp.set(dp, inbounds)
    const tags = new Set<string>()
    for (const di of inbounds) {
      const t = di.inbound.tags ?? {}
      for (const [k, v] of Object.entries(t)) tags.add(tagKey(k, v))
      const service = t[SERVICE_TAG]
      if (service === undefined) continue
      const seen = protocols.get(service) ?? new Set<string>()
      seen.add(parseProtocol(inboundProtocolFallback(di.inbound)))
      protocols.set(service, seen)
      if (!isReady(di.inbound)) continue
      const eps = byService.get(service) ?? []
      eps.push(endpointOf(di))
      byService.set(service, eps)
    }
    for (const [k, v] of Object.entries(net.gateway?.tags ?? {})) tags.add(tagKey(k, v))
    for (const key of tags) {
      const l = byTag.get(key) ?? []
      l.push(dp)
      byTag.set(key, l)
    }
  }

  const candidates = (spec: MeshService): readonly ResourceRecord[] => {
    const sel = spec.selector ?? {}
    if (sel.dataplaneRef) {
      const dp = ctx.dataplanesByName.get(sel.dataplaneRef.name ?? '')
      return dp ? [dp] : []
    }
    if (sel.dataplaneTags) {
      const exact = Object.entries(sel.dataplaneTags).find(([, v]) => v !== '*')
      if (exact) return byTag.get(tagKey(exact[0], exact[1])) ?? []
    }
    return dataplanes
  }

  const msEndpoints = new Map<string, Endpoint[]>()
  const computeMeshServiceEndpoints = (ms: ResourceRecord, portValue: number): Endpoint[] => {
    const spec = ms.spec as MeshService
    const port = (spec.ports ?? []).find((p) => p.port === portValue)
    if (!port) return []
    const target = port.targetPort ?? port.port
    const out: Endpoint[] = []
    for (const dp of candidates(spec)) {
      if (!meshServiceSelectsDataplane(spec, dp)) continue
      for (const di of inboundsByDp.get(dp) ?? []) {
        const inbound = di.inbound
        const targets =
          typeof target === 'number'
            ? inbound.port === target
            : inbound.name === target || String(inbound.port) === target
        if (targets && isReady(inbound)) out.push(endpointOf(di))
      }
    }
    return out
  }

  return {
    matching: indexResources([
      ctx.mesh,
      ...ctx.resources.types().flatMap((t) => ctx.resources.list(t)),
    ]),
    matchMemo: new Map(),
    serviceEndpoints: (service) => {
      recorder?.(`svc${SEP}${service}`)
      return [...(byService.get(service) ?? [])]
    },
    meshServiceEndpoints: (ms, portValue) => {
      recorder?.(`ms${SEP}${ms.name}${SEP}${portValue}`)
      // keyed by the record itself too: a MeshService the context does not hold is not cached
      if (ctx.resources.get('MeshService', ms.name) !== ms) {
        return computeMeshServiceEndpoints(ms, portValue)
      }
      const key = `${ms.name}\u0000${portValue}`
      let eps = msEndpoints.get(key)
      if (!eps) {
        eps = computeMeshServiceEndpoints(ms, portValue)
        msEndpoints.set(key, eps)
      }
      return [...eps]
    },
    serviceProtocol: (service) => {
      recorder?.(`proto${SEP}${service}`)
      const seen = protocols.get(service)
      return seen?.size === 1 ? ([...seen][0] as Protocol) : 'tcp'
    },
  }
}
