/**
 * @module The load generator: N lightweight ADS clients on @grpc/grpc-js, each one proxy's
 * stream, SotW or delta, that subscribe to CDS, EDS, LDS and RDS and ACK every response at once,
 * as Envoy does. Envoy's ads.proto is read with @grpc/proto-loader (not the agent's codec), as
 * test/agent/ads-client.ts does; every response's wire size is counted.
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import * as grpc from '@grpc/grpc-js'
import * as protoLoader from '@grpc/proto-loader'

const require = createRequire(import.meta.url)
type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

export const TYPES = {
  CDS: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  EDS: 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
  LDS: 'type.googleapis.com/envoy.config.listener.v3.Listener',
  RDS: 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
}
const ALL_TYPES = Object.values(TYPES)
/** wildcard types subscribe with no names; the others with `*` (all the proxy's resources). */
const WILDCARD = new Set([TYPES.CDS, TYPES.LDS])

let ctor: grpc.ServiceClientConstructor | undefined
/** wireBytes counts every response's serialized size, all streams together. */
export const wire = { bytes: 0, responses: 0 }

function clientCtor(): grpc.ServiceClientConstructor {
  if (ctor) return ctor
  const deps = path.join(path.dirname(require.resolve('@grpc/grpc-js-xds/package.json')), 'deps')
  const def = protoLoader.loadSync('envoy/service/discovery/v3/ads.proto', {
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
    includeDirs: ['envoy-api', 'xds', 'googleapis', 'protoc-gen-validate'].map((d) =>
      path.join(deps, d),
    ),
  })
  const svc = def['envoy.service.discovery.v3.AggregatedDiscoveryService'] as Json
  const counted: Json = {}
  for (const [name, m] of Object.entries(svc)) {
    counted[name] = {
      ...m,
      responseDeserialize: (buf: Buffer) => {
        wire.bytes += buf.length
        wire.responses++
        return m.responseDeserialize(buf)
      },
    }
  }
  ctor = grpc.makeGenericClientConstructor(counted, 'AggregatedDiscoveryService')
  return ctor
}

export type Variant = 'sotw' | 'delta'

/** Proxy is one simulated Envoy. */
export interface Proxy {
  id: string
  variant: Variant
  connected: boolean
  /** ackedAt: type -> when the last response of that type was ACKed (performance.now()). */
  ackedAt: Map<string, number>
  /** version: type -> version of the last response (SotW version_info, delta system version). */
  version: Map<string, string>
  /** lastResponse of each type, kept only for proxies asked to keep them (checks). */
  keep?: Map<string, Json>
  /** fullAt is when every type had been ACKed since the stream (re)opened. */
  fullAt?: number
  connects: number
  call?: grpc.ClientDuplexStream<Json, Json>
}

export interface LoadGenOptions {
  address: string
  /** streams per HTTP/2 connection. */
  perConnection?: number
  /** reconnect makes a proxy whose stream ended dial again (jittered 250-750 ms), as Envoy does. */
  reconnect?: boolean
}

/** LoadGen holds every simulated proxy and their connections. */
export class LoadGen {
  readonly proxies = new Map<string, Proxy>()
  private readonly clients: grpc.Client[] = []
  private closed = false
  onAck?: (p: Proxy, typeUrl: string, at: number) => void

  constructor(private readonly o: LoadGenOptions) {}

  private client(i: number): grpc.Client & Json {
    const per = this.o.perConnection ?? 100
    const k = Math.floor(i / per)
    while (this.clients.length <= k) {
      const Ctor = clientCtor()
      this.clients.push(
        new Ctor(this.o.address, grpc.credentials.createInsecure(), {
          'grpc.use_local_subchannel_pool': 1,
          'grpc.max_receive_message_length': 256 * 1024 * 1024,
          'grpc.initial_reconnect_backoff_ms': 200,
          'grpc.max_reconnect_backoff_ms': 1000,
        }),
      )
    }
    return this.clients[k] as grpc.Client & Json
  }

  /** add opens one stream per id; the i-th id is SotW when `variantOf(i)` says so. */
  add(
    ids: string[],
    variantOf: (i: number) => Variant,
    keep: (id: string) => boolean = () => false,
  ) {
    const start = this.proxies.size
    ids.forEach((id, j) => {
      const p: Proxy = {
        id,
        variant: variantOf(start + j),
        connected: false,
        ackedAt: new Map(),
        version: new Map(),
        keep: keep(id) ? new Map() : undefined,
        connects: 0,
      }
      this.proxies.set(id, p)
      this.open(p, start + j)
    })
  }

  private open(p: Proxy, index: number) {
    if (this.closed) return
    const c = this.client(index)
    const call: grpc.ClientDuplexStream<Json, Json> =
      p.variant === 'sotw' ? c.StreamAggregatedResources() : c.DeltaAggregatedResources()
    p.call = call
    p.connects++
    p.fullAt = undefined
    p.ackedAt.clear()
    const node = { id: p.id, cluster: p.id.split('.')[1] ?? p.id, user_agent_name: 'envoy' }
    let first = true
    for (const t of ALL_TYPES) {
      const names = WILDCARD.has(t) ? [] : ['*']
      call.write(
        p.variant === 'sotw'
          ? { node: first ? node : undefined, type_url: t, resource_names: names }
          : { node: first ? node : undefined, type_url: t, resource_names_subscribe: names },
      )
      first = false
    }
    p.connected = true
    call.on('data', (r: Json) => {
      const t = r.type_url as string
      if (p.variant === 'sotw') {
        call.write({
          type_url: t,
          version_info: r.version_info,
          response_nonce: r.nonce,
          resource_names: WILDCARD.has(t) ? [] : ['*'],
        })
        p.version.set(t, r.version_info)
      } else {
        call.write({ type_url: t, response_nonce: r.nonce })
        p.version.set(t, r.system_version_info)
      }
      const at = performance.now()
      p.ackedAt.set(t, at)
      p.keep?.set(t, r)
      if (p.fullAt === undefined && p.ackedAt.size === ALL_TYPES.length) p.fullAt = at
      this.onAck?.(p, t, at)
    })
    let ended = false
    const end = () => {
      if (ended) return
      ended = true
      p.connected = false
      if (this.o.reconnect && !this.closed) {
        setTimeout(() => this.open(p, index), 250 + Math.random() * 500)
      }
    }
    call.on('error', end)
    call.on('end', end)
    call.on('status', end)
  }

  /** full counts proxies holding every type's config since their stream (re)opened. */
  full(): number {
    let n = 0
    for (const p of this.proxies.values()) if (p.fullAt !== undefined) n++
    return n
  }

  /** waitFull resolves when every proxy is full, or rejects at the deadline. */
  async waitFull(timeoutMs: number, progress?: (n: number) => void): Promise<number> {
    const t0 = performance.now()
    const deadline = Date.now() + timeoutMs
    let last = -1
    while (Date.now() < deadline) {
      const n = this.full()
      if (n !== last) progress?.(n)
      last = n
      if (n === this.proxies.size) return performance.now() - t0
      await new Promise((r) => setTimeout(r, 20))
    }
    throw new Error(`${this.full()} of ${this.proxies.size} proxies configured in ${timeoutMs} ms`)
  }

  close() {
    this.closed = true
    for (const p of this.proxies.values()) {
      try {
        p.call?.cancel()
      } catch {}
    }
    for (const c of this.clients) c.close()
  }
}
