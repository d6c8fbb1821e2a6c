/** @module Whether a proxy is online, as Kuma's DataplaneInsight.IsOnline and DataplaneOverview.Status decide. */

/** Status is Kuma's `core_mesh.Status` of a Dataplane. */
export type Status = 'Online' | 'Offline' | 'Partially degraded'

interface Subscription {
  connectTime?: string
  disconnectTime?: string
  version?: { kumaDp?: { version?: string }; envoy?: { version?: string } }
}

/** InsightSpec is the part of a Dataplane/ZoneIngress/ZoneEgress insight read here. */
export interface InsightSpec {
  subscriptions?: Subscription[]
  mTLS?: { issuedBackend?: string; supportedBackends?: string[] }
}

interface NetworkingSpec {
  gateway?: { type?: string; tags?: Record<string, string> }
  inbound?: {
    port?: number
    state?: string
    health?: { ready?: boolean }
    tags?: Record<string, string>
  }[]
  listeners?: { state?: string }[]
}

/** isOnline: some subscription has connected and not disconnected. */
export function isOnline(insight: InsightSpec | undefined): boolean {
  return (insight?.subscriptions ?? []).some((s) => !!s.connectTime && !s.disconnectTime)
}

/** lastSubscription is the newest subscription (the last one), if any. */
export function lastSubscription(insight: InsightSpec | undefined): Subscription | undefined {
  const subs = insight?.subscriptions ?? []
  return subs[subs.length - 1]
}

/**
 * dataplaneStatus is DataplaneOverview.Status: a gateway is as online as its proxy; otherwise
 * the proxy must be online and some inbound or listener ready (all ready: Online).
 */
export function dataplaneStatus(
  networking: NetworkingSpec | undefined,
  insight: InsightSpec | undefined,
): Status {
  const online = isOnline(insight)
  if (networking?.gateway) return online ? 'Online' : 'Offline'
  const inbounds = networking?.inbound ?? []
  const listeners = networking?.listeners ?? []
  const total = inbounds.length + listeners.length
  let ready = 0
  for (const i of inbounds) {
    if (!((i.health && !i.health.ready) || i.state === 'NotReady')) ready++
  }
  for (const l of listeners) if (l.state === 'Ready') ready++
  if (!online || ready === 0) return 'Offline'
  return ready < total ? 'Partially degraded' : 'Online'
}

/**
 * ZONE_AGENT_STALE_MS: a zone agent refreshes its ZoneInsight subscription with every report, at
 * least every 30 s; one silent for three of those has stopped (crashed, or lost its network)
 * without saying goodbye, and is shown disconnected from then on.
 */
export const ZONE_AGENT_STALE_MS = 90_000

/** EDGE_INSTANCE_ID is the `globalInstanceId` of the ZoneInsight subscriptions the edge writes. */
export const EDGE_INSTANCE_ID = 'kumo-edge'

type ZoneSubscription = Record<string, unknown> & {
  globalInstanceId?: string
  disconnectTime?: string
  status?: { lastUpdateTime?: string }
}

/**
 * closeStaleZoneSubscriptions presents a ZoneInsight as of `now`: a subscription of a zone agent
 * (written by the edge) that is open but was last refreshed more than ZONE_AGENT_STALE_MS ago
 * gets a disconnectTime (its last refresh plus the allowance). Kuma's global CP learns this from
 * the KDS stream ending; a long-poll has no stream, so silence is the signal. Other
 * subscriptions (imported from kuma-cp) are left as stored.
 */
export function closeStaleZoneSubscriptions<T extends { spec: Record<string, unknown> }>(
  insight: T,
  now: number,
): T {
  const subs = insight.spec.subscriptions as ZoneSubscription[] | undefined
  if (!Array.isArray(subs)) return insight
  let changed = false
  const out = subs.map((s) => {
    const last = Date.parse(s.status?.lastUpdateTime ?? '')
    if (s.globalInstanceId !== EDGE_INSTANCE_ID || s.disconnectTime || !Number.isFinite(last)) {
      return s
    }
    if (now - last <= ZONE_AGENT_STALE_MS) return s
    changed = true
    return { ...s, disconnectTime: new Date(last + ZONE_AGENT_STALE_MS).toISOString() }
  })
  return changed ? { ...insight, spec: { ...insight.spec, subscriptions: out } } : insight
}
