/**
 * @module Incremental ADS (`DeltaAggregatedResources`), as go-control-plane's
 * `pkg/server/delta/v3` serves it: per-resource versions, subscribe / unsubscribe (with `*` for
 * wildcard), `initial_resource_versions` so a reconnecting proxy is only sent what changed,
 * removals, and ACK/NACK by nonce.
 */
import { typeVersion } from '../../core/xds/snapshot'
import {
  type DeltaDiscoveryRequest,
  type DeltaDiscoveryResponse,
  type DeltaResource,
  WILDCARD_TYPES,
} from './protocol'
import { isNack, ProxyStream, pushOrder, type StreamContext, type StreamError } from './stream'

/** MAX_OUTSTANDING bounds the unacknowledged responses remembered per type. */
const MAX_OUTSTANDING = 16

interface TypeState {
  wildcard: boolean
  names: Set<string>
  /** known maps the resources the proxy has to their versions, as far as this stream knows. */
  known: Map<string, string>
  /** outstanding maps nonces of unacknowledged responses to the type version they carried. */
  outstanding: Map<string, string>
  /** absent names the proxy subscribed to and must be told do not exist. */
  absent: Set<string>
  answered: boolean
}

/** DeltaStream serves one DeltaAggregatedResources call. */
export class DeltaStream extends ProxyStream<DeltaDiscoveryRequest> {
  protected readonly variant = 'delta'
  private readonly types = new Map<string, TypeState>()

  constructor(
    ctx: StreamContext,
    private readonly send: (r: DeltaDiscoveryResponse) => void,
    fail: (e: StreamError) => void,
  ) {
    super(ctx, fail)
  }

  protected handle(req: DeltaDiscoveryRequest, typeUrl: string) {
    const nodeId = this.nodeId!
    let state = this.types.get(typeUrl)
    const subscribe = req.resource_names_subscribe ?? []
    if (!state) {
      state = {
        wildcard: subscribe.length === 0 && WILDCARD_TYPES.has(typeUrl),
        names: new Set(),
        known: new Map(Object.entries(req.initial_resource_versions ?? {})),
        outstanding: new Map(),
        absent: new Set(),
        answered: false,
      }
      this.types.set(typeUrl, state)
    }
    const nonce = req.response_nonce ?? ''
    const version = nonce ? state.outstanding.get(nonce) : undefined
    if (version !== undefined) {
      state.outstanding.delete(nonce)
      if (isNack(req.error_detail)) {
        const error = req.error_detail.message ?? `code ${req.error_detail.code}`
        this.ctx.tracker.nacked(nodeId, { typeUrl, version, nonce, error })
        this.ctx.log.warn('NACK', { proxy: nodeId, typeUrl, version, error })
      } else {
        this.ctx.tracker.acked(nodeId, typeUrl, version)
      }
    } else if (nonce) {
      this.ctx.log.debug('unknown or stale nonce', { proxy: nodeId, typeUrl, nonce })
    }
    for (const n of subscribe) {
      if (n === '*') state.wildcard = true
      else if (!state.names.has(n)) {
        state.names.add(n)
        state.absent.add(n)
      }
    }
    for (const n of req.resource_names_unsubscribe ?? []) {
      if (n === '*') state.wildcard = false
      else state.names.delete(n)
      state.absent.delete(n)
    }
    if (!state.wildcard) {
      for (const n of state.known.keys()) if (!state.names.has(n)) state.known.delete(n)
    }
    if (this.current) this.respond(typeUrl, state)
  }

  protected onSnapshot() {
    for (const typeUrl of pushOrder(this.types.keys()))
      this.respond(typeUrl, this.types.get(typeUrl)!)
  }

  private respond(typeUrl: string, state: TypeState) {
    const cached = this.current!
    const byName = cached.encoded.get(typeUrl) ?? new Map()
    const resources: DeltaResource[] = []
    const removed: string[] = []
    for (const r of byName.values()) {
      if (!state.wildcard && !state.names.has(r.name)) continue
      if (state.known.get(r.name) !== r.version) {
        resources.push({ name: r.name, version: r.version, resource: r.any })
      }
    }
    for (const n of state.known.keys()) if (!byName.has(n)) removed.push(n)
    // A newly subscribed name that does not exist is reported as removed, so the proxy need not
    // wait out its does-not-exist timer.
    for (const n of state.absent) if (!byName.has(n) && !state.known.has(n)) removed.push(n)
    state.absent.clear()
    const initialWildcard = !state.answered && state.wildcard
    if (resources.length === 0 && removed.length === 0 && !initialWildcard) return
    state.answered = true
    for (const r of resources) state.known.set(r.name, r.version)
    for (const n of removed) state.known.delete(n)
    const version = typeVersion(cached.snapshot, typeUrl)
    const nonce = this.ctx.nonce()
    state.outstanding.set(nonce, version)
    if (state.outstanding.size > MAX_OUTSTANDING) {
      state.outstanding.delete(state.outstanding.keys().next().value!)
    }
    resources.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    this.send({
      system_version_info: cached.snapshot.version,
      resources,
      type_url: typeUrl,
      removed_resources: removed.sort(),
      nonce,
      control_plane: { identifier: this.ctx.identifier },
    })
    this.ctx.tracker.pushed(this.nodeId!, typeUrl, version)
    this.ctx.log.debug('pushed delta', {
      proxy: this.nodeId,
      typeUrl,
      nonce,
      resources: resources.length,
      removed: removed.length,
    })
  }
}
