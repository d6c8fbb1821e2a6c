/**
 * @module The zone agent's ADS gRPC server (Kuma's port 5678): serves each proxy its snapshot from
 * the SnapshotCache over SotW and delta xDS, and tracks every proxy's sync state. It only parses
 * requests and hands back encoded snapshots; it never builds config.
 */
import {
  Server,
  ServerCredentials,
  type ServerDuplexStream,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js'
import { type Logger, silentLogger } from '../log'
import { type SnapshotCache } from './cache'
import { DeltaStream } from './delta'
import {
  adsServiceDefinition,
  type DeltaDiscoveryRequest,
  type DeltaDiscoveryResponse,
  type DiscoveryRequest,
  type DiscoveryResponse,
} from './protocol'
import { SotwStream } from './sotw'
import { type ProxySyncStatus, SyncTracker } from './status'
import { type Admit, type ProxyStream, type StreamContext, type StreamError } from './stream'

/** ADS_PORT is the port kuma-dp and proxyless clients dial (Kuma's xDS server port). */
export const ADS_PORT = 5678

export interface AdsServerOptions {
  cache: SnapshotCache
  tracker?: SyncTracker
  log?: Logger
  /** admit refuses unknown proxies with a clear gRPC error; see Admit. */
  admit?: Admit
  /** identifier is sent as `control_plane.identifier` in every response. */
  identifier?: string
}

/** AdsServer is the gRPC server; `listen` binds it, `close` drains and stops it. */
export class AdsServer {
  readonly tracker: SyncTracker
  private readonly log: Logger
  private readonly grpc: Server
  /** streams maps each open stream to the function that ends its call. */
  private readonly streams = new Map<ProxyStream<never>, () => void>()
  private nonceSeq = 0
  private readonly ctx: StreamContext

  constructor(readonly options: AdsServerOptions) {
    this.tracker = options.tracker ?? new SyncTracker()
    this.log = options.log ?? silentLogger
    this.ctx = {
      cache: options.cache,
      tracker: this.tracker,
      log: this.log,
      identifier: options.identifier ?? 'kumo-agent',
      admit: options.admit,
      nonce: () => (++this.nonceSeq).toString(36),
    }
    this.grpc = new Server({
      'grpc.max_receive_message_length': 64 * 1024 * 1024,
      'grpc.keepalive_time_ms': 30_000,
      'grpc.keepalive_timeout_ms': 10_000,
      'grpc.keepalive_permit_without_calls': 1,
    })
    const impl: UntypedServiceImplementation = {
      StreamAggregatedResources: (call: ServerDuplexStream<DiscoveryRequest, DiscoveryResponse>) =>
        this.serve(call, (send, fail) => new SotwStream(this.ctx, send, fail)),
      DeltaAggregatedResources: (
        call: ServerDuplexStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse>,
      ) => this.serve(call, (send, fail) => new DeltaStream(this.ctx, send, fail)),
    }
    this.grpc.addService(adsServiceDefinition(), impl)
  }

  private serve<Req, Res>(
    call: ServerDuplexStream<Req, Res>,
    open: (send: (r: Res) => void, fail: (e: StreamError) => void) => ProxyStream<Req & object>,
  ) {
    let ended = false
    const stream = open(
      (r) => {
        if (!ended) call.write(r)
      },
      (e) => {
        if (ended) return
        ended = true
        call.emit('error', { code: e.code, details: e.message })
      },
    )
    const endCall = () => {
      if (ended) return
      ended = true
      call.end()
    }
    this.streams.set(stream as ProxyStream<never>, endCall)
    const done = () => {
      stream.close()
      this.streams.delete(stream as ProxyStream<never>)
    }
    call.on('data', (req: Req) => stream.onRequest(req as Req & object))
    call.on('end', () => {
      done()
      endCall()
    })
    call.on('cancelled', done)
    call.on('close', done)
    call.on('error', (e) => {
      this.log.debug('ADS stream error', { error: String(e) })
      done()
    })
  }

  /** listen binds `host:port` (port 0 picks one) and resolves to the bound port. */
  listen(address = `0.0.0.0:${ADS_PORT}`): Promise<number> {
    return new Promise((resolve, reject) => {
      this.grpc.bindAsync(address, ServerCredentials.createInsecure(), (err, port) => {
        if (err) return reject(err)
        this.log.info('ADS server listening', { address, port })
        resolve(port)
      })
    })
  }

  /** close stops accepting streams, waits up to graceMs for calls to end, then cuts them. */
  async close(graceMs = 1000): Promise<void> {
    for (const [s, endCall] of [...this.streams]) {
      s.close()
      endCall()
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.grpc.forceShutdown()
        resolve()
      }, graceMs)
      this.grpc.tryShutdown(() => {
        clearTimeout(timer)
        resolve()
      })
    })
  }

  /** status is one proxy's sync state (connected, last ACKed version per type, last NACK). */
  status(nodeId: string): ProxySyncStatus | undefined {
    return this.tracker.get(nodeId)
  }

  statuses(): ProxySyncStatus[] {
    return this.tracker.all()
  }
}
