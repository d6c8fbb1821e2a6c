/**
 * @module Sync state of each proxy the agent serves: connected streams, the version last ACKed
 * per xDS type and the last NACK with its error. The agent reports it upstream as
 * DataplaneInsight, and `/metrics` reads the counters.
 */

/** ProxyId is Kuma's `<mesh>.<name>` node id, split (Kuma `core_xds.ParseProxyIdFromString`). */
export interface ProxyId {
  mesh: string
  name: string
}

export type ParseResult = { ok: true; id: ProxyId } | { ok: false; message: string }

/** parseProxyId splits a node id at its first dot, with Kuma's messages for a bad one. */
export function parseProxyId(nodeId: string | undefined): ParseResult {
  if (!nodeId) return { ok: false, message: 'Envoy ID must not be nil' }
  const dot = nodeId.indexOf('.')
  if (dot < 0) return { ok: false, message: 'the name should be provided after the dot' }
  const name = nodeId.slice(dot + 1)
  if (name === '') return { ok: false, message: 'name must not be empty' }
  return { ok: true, id: { mesh: nodeId.slice(0, dot), name } }
}

/** Nack is a rejected response: the version the proxy refused and Envoy's error_detail. */
export interface Nack {
  typeUrl: string
  version: string
  nonce: string
  error: string
  at: string
}

/** ProxySyncStatus is one proxy's sync state; `connected` means at least one open ADS stream. */
export interface ProxySyncStatus {
  proxyId: string
  connected: boolean
  streams: number
  connectedAt?: string
  disconnectedAt?: string
  /** lastAckedVersion maps type URL to the version_info the proxy last ACKed. */
  lastAckedVersion: Record<string, string>
  /** lastSentVersion maps type URL to the version last pushed, ACKed or not. */
  lastSentVersion: Record<string, string>
  lastNack?: Nack
  pushes: number
  acks: number
  nacks: number
}

/** SyncTotals are process-wide counters for `/metrics`. */
export interface SyncTotals {
  connectedProxies: number
  streams: number
  pushes: number
  acks: number
  nacks: number
}

type Listener = (status: ProxySyncStatus) => void

/** SyncTracker records stream events per proxy; every change is announced to `onChange`. */
export class SyncTracker {
  private readonly proxies = new Map<string, ProxySyncStatus>()
  private readonly listeners = new Set<Listener>()
  private readonly totals = { pushes: 0, acks: 0, nacks: 0 }

  constructor(private readonly now: () => Date = () => new Date()) {}

  private entry(proxyId: string): ProxySyncStatus {
    let s = this.proxies.get(proxyId)
    if (!s) {
      s = {
        proxyId,
        connected: false,
        streams: 0,
        lastAckedVersion: {},
        lastSentVersion: {},
        pushes: 0,
        acks: 0,
        nacks: 0,
      }
      this.proxies.set(proxyId, s)
    }
    return s
  }

  private changed(s: ProxySyncStatus) {
    const copy = this.copy(s)
    for (const l of this.listeners) l(copy)
  }

  private copy(s: ProxySyncStatus): ProxySyncStatus {
    return {
      ...s,
      lastAckedVersion: { ...s.lastAckedVersion },
      lastSentVersion: { ...s.lastSentVersion },
      lastNack: s.lastNack && { ...s.lastNack },
    }
  }

  connect(proxyId: string) {
    const s = this.entry(proxyId)
    s.streams++
    if (!s.connected) {
      s.connected = true
      s.connectedAt = this.now().toISOString()
    }
    this.changed(s)
  }

  disconnect(proxyId: string) {
    const s = this.entry(proxyId)
    s.streams = Math.max(0, s.streams - 1)
    if (s.streams === 0 && s.connected) {
      s.connected = false
      s.disconnectedAt = this.now().toISOString()
    }
    this.changed(s)
  }

  pushed(proxyId: string, typeUrl: string, version: string) {
    const s = this.entry(proxyId)
    s.pushes++
    this.totals.pushes++
    s.lastSentVersion[typeUrl] = version
    this.changed(s)
  }

  acked(proxyId: string, typeUrl: string, version: string) {
    const s = this.entry(proxyId)
    s.acks++
    this.totals.acks++
    s.lastAckedVersion[typeUrl] = version
    this.changed(s)
  }

  nacked(proxyId: string, nack: Omit<Nack, 'at'>) {
    const s = this.entry(proxyId)
    s.nacks++
    this.totals.nacks++
    s.lastNack = { ...nack, at: this.now().toISOString() }
    this.changed(s)
  }

  /** get returns a copy of one proxy's state, or undefined if it never connected. */
  get(proxyId: string): ProxySyncStatus | undefined {
    const s = this.proxies.get(proxyId)
    return s && this.copy(s)
  }

  all(): ProxySyncStatus[] {
    return [...this.proxies.values()].map((s) => this.copy(s))
  }

  counters(): SyncTotals {
    let connectedProxies = 0
    let streams = 0
    for (const s of this.proxies.values()) {
      if (s.connected) connectedProxies++
      streams += s.streams
    }
    return { connectedProxies, streams, ...this.totals }
  }

  /** onChange subscribes to every state change; returns the unsubscribe function. */
  onChange(fn: Listener): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }
}

/**
 * ackedSnapshotVersion is the snapshot version a proxy runs when it has ACKed every type of
 * `versions` it subscribed to, else undefined (what ZoneInsight/DataplaneInsight report).
 */
export function ackedSnapshotVersion(
  status: ProxySyncStatus,
  snapshot: { version: string; versions: Record<string, string> },
): string | undefined {
  for (const [typeUrl, acked] of Object.entries(status.lastSentVersion)) {
    const want = snapshot.versions[typeUrl]
    if (want !== undefined && status.lastAckedVersion[typeUrl] !== want) return undefined
    if (want === undefined && status.lastAckedVersion[typeUrl] !== acked) return undefined
  }
  return Object.keys(status.lastSentVersion).length > 0 ? snapshot.version : undefined
}
