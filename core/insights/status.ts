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
