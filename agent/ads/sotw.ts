/**
 * @module State-of-the-world ADS (`StreamAggregatedResources`), as go-control-plane's
 * `pkg/server/sotw/v3` serves it: per-type versions and nonces, ACK/NACK, stale nonces ignored,
 * wildcard and named subscriptions, and a response only when the type's version changed or the
 * subscription grew.
 */
import { typeVersion } from '../../core/xds/snapshot'
import { type DiscoveryRequest, type DiscoveryResponse, WILDCARD_TYPES } from './protocol'
import { isNack, ProxyStream, pushOrder, type StreamContext, type StreamError } from './stream'

/** Sent is the last response of a type on this stream. */
interface Sent {
  version: string
  nonce: string
  wildcard: boolean
  names: ReadonlySet<string>
}

interface TypeState {
  wildcard: boolean
  names: Set<string>
  /** clientVersion is the version_info of the first request (what a reconnecting proxy has). */
  clientVersion: string
  sent?: Sent
}

/** SotwStream serves one StreamAggregatedResources call. */
export class SotwStream extends ProxyStream<DiscoveryRequest> {
  protected readonly variant = 'sotw'
  private readonly types = new Map<string, TypeState>()

  constructor(
    ctx: StreamContext,
    private readonly send: (r: DiscoveryResponse) => void,
    fail: (e: StreamError) => void,
  ) {
    super(ctx, fail)
  }

  protected handle(req: DiscoveryRequest, typeUrl: string) {
    const nodeId = this.nodeId!
    const nonce = req.response_nonce ?? ''
    let state = this.types.get(typeUrl)
    if (state?.sent && nonce !== '' && nonce !== state.sent.nonce) {
      this.ctx.log.debug('stale nonce ignored', { proxy: nodeId, typeUrl, nonce })
      return
    }
    if (state?.sent && nonce === state.sent.nonce && nonce !== '') {
      if (isNack(req.error_detail)) {
        const error = req.error_detail.message ?? `code ${req.error_detail.code}`
        this.ctx.tracker.nacked(nodeId, { typeUrl, version: state.sent.version, nonce, error })
        this.ctx.log.warn('NACK', { proxy: nodeId, typeUrl, version: state.sent.version, error })
      } else {
        this.ctx.tracker.acked(nodeId, typeUrl, req.version_info ?? '')
      }
    }
    const names = req.resource_names ?? []
    // Legacy wildcard: an empty list means "all" only until the proxy names something.
    const wildcard =
      names.includes('*') ||
      (names.length === 0 && WILDCARD_TYPES.has(typeUrl) && (!state || state.wildcard))
    if (!state) {
      state = { wildcard, names: new Set(), clientVersion: req.version_info ?? '' }
      this.types.set(typeUrl, state)
    }
    state.wildcard = wildcard
    state.names = new Set(names.filter((n) => n !== '*'))
    if (state.sent) {
      // The proxy drops what it unsubscribes from, so a name named again must be sent again.
      const kept = [...state.sent.names].filter((n) => state.names.has(n) || state.wildcard)
      const sentWildcard = state.sent.wildcard && state.wildcard
      state.sent = {
        ...state.sent,
        wildcard: sentWildcard,
        names: state.sent.wildcard && !sentWildcard ? new Set(state.names) : new Set(kept),
      }
    }
    if (this.current && this.shouldRespond(state, typeUrl)) this.respond(typeUrl, state)
  }

  protected onSnapshot() {
    for (const typeUrl of pushOrder(this.types.keys())) {
      const state = this.types.get(typeUrl)!
      if (this.shouldRespond(state, typeUrl)) this.respond(typeUrl, state)
    }
  }

  private shouldRespond(state: TypeState, typeUrl: string): boolean {
    const version = typeVersion(this.current!.snapshot, typeUrl)
    const sent = state.sent
    if (!sent) {
      // A reconnecting proxy that already runs this version needs nothing, unless it names
      // resources this stream has not answered for yet (go-control-plane does the same).
      if (state.wildcard && state.clientVersion === version) {
        state.sent = { version, nonce: '', wildcard: true, names: new Set() }
        return false
      }
      return true
    }
    if (sent.version !== version) return true
    if (state.wildcard) return !sent.wildcard
    for (const n of state.names) if (!sent.names.has(n) && !sent.wildcard) return true
    return false
  }

  private respond(typeUrl: string, state: TypeState) {
    const cached = this.current!
    const version = typeVersion(cached.snapshot, typeUrl)
    const byName = cached.encoded.get(typeUrl)
    const resources = []
    if (byName) {
      if (state.wildcard) {
        for (const r of byName.values()) resources.push(r.any)
      } else {
        for (const n of [...state.names].sort()) {
          const r = byName.get(n)
          if (r) resources.push(r.any)
        }
      }
    }
    const nonce = this.ctx.nonce()
    state.sent = { version, nonce, wildcard: state.wildcard, names: new Set(state.names) }
    this.send({
      version_info: version,
      resources,
      type_url: typeUrl,
      nonce,
      control_plane: { identifier: this.ctx.identifier },
    })
    this.ctx.tracker.pushed(this.nodeId!, typeUrl, version)
    this.ctx.log.debug('pushed', {
      proxy: this.nodeId,
      typeUrl,
      version,
      nonce,
      resources: resources.length,
    })
  }
}
