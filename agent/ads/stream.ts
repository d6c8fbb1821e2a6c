/**
 * @module What SotW and delta ADS streams share: the proxy's identity from the first request's
 * node, the snapshot watch, nonces, and the CDS -> EDS -> LDS -> RDS push order. Transport-free:
 * a stream is given `send` and `fail` and is fed decoded requests.
 */
import { status as GrpcStatus } from '@grpc/grpc-js'
import { XDS_TYPE_ORDER } from '../../core/xds/snapshot'
import { type Logger } from '../log'
import { type CachedSnapshot, type SnapshotCache } from './cache'
import { type NodeInfo, type RpcStatus } from './protocol'
import { parseProxyId, type ProxyId, type SyncTracker } from './status'

/** StreamError ends a stream with a gRPC status; `message` is what the proxy logs. */
export interface StreamError {
  code: GrpcStatus
  message: string
}

/**
 * Admit decides whether a proxy may stream; return a StreamError to refuse it (an unknown
 * Dataplane). Without one, proxies are admitted and wait until their snapshot is set.
 */
export type Admit = (proxy: ProxyId, nodeId: string, node: NodeInfo) => StreamError | undefined

export interface StreamContext {
  cache: SnapshotCache
  tracker: SyncTracker
  log: Logger
  identifier: string
  admit?: Admit
  nonce(): string
}

/** isNack tells a NACK from an ACK: a NACK carries a non-empty error_detail. */
export function isNack(detail: RpcStatus | undefined): detail is RpcStatus {
  return !!detail && (!!detail.message || (detail.code ?? 0) !== 0)
}

/** pushOrder sorts type URLs so references are pushed before what they refer to is needed. */
export function pushOrder(typeUrls: Iterable<string>): string[] {
  const rank = (t: string) => {
    const i = XDS_TYPE_ORDER.indexOf(t)
    return i < 0 ? XDS_TYPE_ORDER.length : i
  }
  return [...typeUrls].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
}

/**
 * ProxyStream owns one ADS stream's identity and snapshot watch. Subclasses implement the
 * protocol variant; `onSnapshot` runs whenever the proxy's snapshot changes.
 */
export abstract class ProxyStream<Req extends { node?: NodeInfo; type_url?: string }> {
  protected nodeId?: string
  protected current?: CachedSnapshot
  private cancelWatch?: () => void
  private closed = false

  constructor(
    protected readonly ctx: StreamContext,
    protected readonly fail: (e: StreamError) => void,
  ) {}

  /** onRequest handles one decoded request; errors end the stream instead of throwing. */
  onRequest(req: Req) {
    if (this.closed) return
    try {
      if (!this.nodeId && !this.identify(req.node)) return
      if (!req.type_url) {
        this.end({ code: GrpcStatus.INVALID_ARGUMENT, message: 'type URL is required for ADS' })
        return
      }
      this.handle(req, req.type_url)
    } catch (e) {
      this.ctx.log.error('ADS request failed', { proxy: this.nodeId, error: String(e) })
      this.end({ code: GrpcStatus.INTERNAL, message: 'internal error' })
    }
  }

  private identify(node: NodeInfo | undefined): boolean {
    const nodeId = node?.id
    const parsed = parseProxyId(nodeId)
    if (!parsed.ok) {
      this.end({ code: GrpcStatus.INVALID_ARGUMENT, message: `invalid node.id: ${parsed.message}` })
      return false
    }
    const refused = this.ctx.admit?.(parsed.id, nodeId!, node!)
    if (refused) {
      this.ctx.log.warn('proxy refused', { proxy: nodeId, reason: refused.message })
      this.end(refused)
      return false
    }
    this.nodeId = nodeId!
    this.ctx.tracker.connect(this.nodeId)
    this.ctx.log.info('proxy connected', { proxy: this.nodeId, variant: this.variant })
    this.current = this.ctx.cache.getSnapshot(this.nodeId)
    this.cancelWatch = this.ctx.cache.watch(this.nodeId, (cached) => {
      if (!cached || this.closed) return // a cleared snapshot: keep serving what was sent
      this.current = cached
      try {
        this.onSnapshot()
      } catch (e) {
        this.ctx.log.error('ADS push failed', { proxy: this.nodeId, error: String(e) })
      }
    })
    return true
  }

  private end(e: StreamError) {
    this.close()
    this.fail(e)
  }

  /** close cancels the watch and marks the proxy disconnected; idempotent. */
  close() {
    if (this.closed) return
    this.closed = true
    this.cancelWatch?.()
    if (this.nodeId) {
      this.ctx.tracker.disconnect(this.nodeId)
      this.ctx.log.info('proxy disconnected', { proxy: this.nodeId, variant: this.variant })
    }
  }

  protected abstract readonly variant: 'sotw' | 'delta'
  protected abstract handle(req: Req, typeUrl: string): void
  protected abstract onSnapshot(): void
}
