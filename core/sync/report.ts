/**
 * @module What a zone agent reports upstream (`PUT /zone/v1/dataplanes`): its zone's Dataplanes,
 * written through the resource API's own validation as the zone's (origin `zone`, `kuma.io/zone`),
 * their sync state as DataplaneInsight, and the agent's subscription as ZoneInsight.
 */
import { EDGE_INSTANCE_ID } from '../insights/status'
import { KumaError } from '../api/errors'
import { ORIGIN_LABEL, ZONE_LABEL } from '../resources/labels'
import { kindByName } from '../resources/registry'
import { deleteResource, putResource, type RequestScope } from '../resources/service'
import type { ResourceRecord } from '../store/store'
import { canonicalJson, contentHash, fnv1a64 } from '../xds/snapshot'
import {
  type DataplanesReport,
  type DataplanesReportResult,
  nodeIdOf,
  type ProxySyncReport,
  type Revisions,
} from './protocol'

/**
 * REPORTED_LABEL marks a Dataplane the zone's agent reported, with the hash of what it reported:
 * the agent owns it (a full report deletes the ones it no longer lists) and an unchanged report
 * writes nothing. Dataplanes created through the edge API lack it and are never deleted by a report.
 */
export const REPORTED_LABEL = 'kumo.io/reported-hash'

/** MAX_SUBSCRIPTIONS is how many subscriptions an insight keeps, newest last (as Kuma). */
const MAX_SUBSCRIPTIONS = 5

/** zoneScope is the scope a zone's writes run in: the zone's own name and actor. */
export function zoneScope(scope: RequestScope, zone: string): RequestScope {
  return { ...scope, zone, mode: 'zone', actor: `zone:${zone}` }
}

/**
 * KNOWN_ZONES remembers, per isolate and for ZONE_SEEN_MS, the zones found to exist, so an
 * agent's every long-poll does not read its Zone again. A Zone deleted meanwhile is created
 * again at the first call after that.
 */
const KNOWN_ZONES = new Map<string, number>()
const ZONE_SEEN_MS = 60_000
const KNOWN_ZONES_MAX = 1000

/** ensureZone creates the Zone resource the first time a zone's agent calls. */
export async function ensureZone(scope: RequestScope, zone: string): Promise<boolean> {
  const key = { type: 'Zone', mesh: '', name: zone }
  const known = `${scope.tenant}\u0000${zone}`
  const now = Date.parse(scope.now())
  if ((KNOWN_ZONES.get(known) ?? 0) > now) return false
  const seen = () => {
    if (KNOWN_ZONES.size >= KNOWN_ZONES_MAX) KNOWN_ZONES.clear()
    KNOWN_ZONES.set(known, now + ZONE_SEEN_MS)
  }
  if (await scope.store.get(scope.tenant, key)) {
    seen()
    return false
  }
  const res = await scope.store.put(scope.tenant, {
    key,
    labels: { [ORIGIN_LABEL]: 'zone' },
    spec: { enabled: true },
    expectedVersion: 0,
    actor: `zone:${zone}`,
    now: scope.now(),
  })
  if (res.ok) seen()
  return res.ok
}

type Json = Record<string, unknown>
type Subscription = Json & { id: string; connectTime?: string; disconnectTime?: string }

/** withSubscription puts `current` last, closing every other open subscription at `now`. */
function withSubscription(prev: unknown, current: Subscription, now: string): Subscription[] {
  const old = (Array.isArray(prev) ? (prev as Subscription[]) : []).filter(
    (s) => s.id !== current.id,
  )
  const closed = old.map((s) => (s.disconnectTime ? s : { ...s, disconnectTime: now }))
  return [...closed, current].slice(-MAX_SUBSCRIPTIONS)
}

/** sameIgnoringTime compares two insight specs without their `lastUpdateTime`s. */
function sameIgnoringTime(a: unknown, b: unknown): boolean {
  const strip = (v: unknown) => canonicalJson(v).replace(/"lastUpdateTime":"[^"]*",?/g, '')
  return strip(a) === strip(b)
}

async function putInsight(
  scope: RequestScope,
  type: string,
  mesh: string,
  name: string,
  build: (current: ResourceRecord | undefined) => Json,
): Promise<boolean> {
  const key = { type, mesh, name }
  const current = await scope.store.get(scope.tenant, key)
  const spec = build(current)
  if (current && sameIgnoringTime(current.spec, spec)) return false
  const labels: Record<string, string> = { [ORIGIN_LABEL]: 'zone', [ZONE_LABEL]: scope.zone }
  if (mesh) labels['kuma.io/mesh'] = mesh
  const res = await scope.store.put(scope.tenant, {
    key,
    labels: current?.labels ?? labels,
    spec,
    expectedVersion: current?.version ?? 0,
    actor: scope.actor,
    now: scope.now(),
  })
  return res.ok
}

/** ZoneConnection is what the edge knows of one agent process. */
export interface ZoneConnection {
  instanceId: string
  agentVersion: string
  configRevisions?: Revisions
  /** disconnected: the agent said goodbye. */
  disconnected?: boolean
}

/** recordZoneInsight keeps the zone's ZoneInsight subscription of this agent process current. */
export async function recordZoneInsight(
  scope: RequestScope,
  zone: string,
  conn: ZoneConnection,
): Promise<boolean> {
  const now = scope.now()
  return putInsight(scope, 'ZoneInsight', '', zone, (current) => {
    const prev = ((current?.spec.subscriptions as Subscription[] | undefined) ?? []).find(
      (s) => s.id === conn.instanceId,
    )
    const sub: Subscription = {
      id: conn.instanceId,
      globalInstanceId: EDGE_INSTANCE_ID,
      connectTime: prev?.connectTime ?? now,
      ...(conn.disconnected ? { disconnectTime: now } : {}),
      status: {
        lastUpdateTime: now,
        configRevisions: conn.configRevisions ?? (prev?.status as Json)?.configRevisions ?? {},
      },
      version: { kumaCp: { version: conn.agentVersion, kumaCpGlobalCompatible: true } },
      authenticationType: 'zoneToken',
    }
    return { subscriptions: withSubscription(current?.spec.subscriptions, sub, now) }
  })
}

/** dataplaneInsightSpec turns the agent's sync state into Kuma's DataplaneInsight subscription. */
function dataplaneSubscription(
  instanceId: string,
  sync: ProxySyncReport,
  now: string,
): Subscription {
  return {
    id: `${instanceId}/${sync.connectedAt ?? 'never'}`,
    controlPlaneInstanceId: instanceId,
    ...(sync.connectedAt ? { connectTime: sync.connectedAt } : {}),
    ...(sync.disconnectedAt && !sync.connected ? { disconnectTime: sync.disconnectedAt } : {}),
    status: {
      lastUpdateTime: now,
      total: {
        responsesSent: String(sync.responsesSent ?? 0),
        responsesAcknowledged: String(sync.responsesAcknowledged ?? 0),
        responsesRejected: String(sync.responsesRejected ?? 0),
      },
      ...(sync.ackedSnapshotVersion ? { ackedVersion: sync.ackedSnapshotVersion } : {}),
      lastAckedVersion: sync.lastAckedVersion ?? {},
      ...(sync.lastNack ? { lastNack: sync.lastNack } : {}),
    },
  }
}

const reportHash = (labels: Record<string, string>, spec: Json) =>
  fnv1a64(canonicalJson({ labels, spec }))

/**
 * applyDataplanesReport makes the zone's reported Dataplanes what the report lists: creates and
 * updates them through putResource (Kuma's validation, labels stamped for the zone), deletes
 * those it reported before and no longer lists, and records each one's sync state.
 */
export async function applyDataplanesReport(
  edge: RequestScope,
  zone: string,
  report: DataplanesReport,
): Promise<DataplanesReportResult> {
  const scope = zoneScope(edge, zone)
  const result: DataplanesReportResult = { created: [], updated: [], deleted: [], rejected: [] }
  // a report equal to the last one applied (an idle zone's heartbeat) only refreshes the
  // ZoneInsight: re-reading every Dataplane of the zone to find nothing to do is what an idle
  // zone cost. Applied in full at least every REPORT_FULL_EVERY_MS all the same.
  const key = `${scope.tenant}\u0000${zone}\u0000${report.instanceId}`
  const digest = contentHash(canonicalJson(report.dataplanes))
  const now = Date.parse(scope.now())
  const last = LAST_REPORTS.get(key)
  if (last?.digest !== digest || now - last.at >= REPORT_FULL_EVERY_MS) {
    await applyReported(scope, zone, report, result)
    if (result.rejected.length === 0) {
      if (LAST_REPORTS.size >= LAST_REPORTS_MAX) LAST_REPORTS.clear()
      LAST_REPORTS.set(key, { digest, at: now })
    } else LAST_REPORTS.delete(key)
  }
  await ensureZone(scope, zone)
  await recordZoneInsight(scope, zone, {
    instanceId: report.instanceId,
    agentVersion: report.agentVersion,
    configRevisions: report.configRevisions,
  })
  return result
}

/** applyReported writes the report's Dataplanes and sync state and deletes those it no longer lists. */
async function applyReported(
  scope: RequestScope,
  zone: string,
  report: DataplanesReport,
  result: DataplanesReportResult,
): Promise<void> {
  const kind = kindByName('Dataplane')!
  const listed = new Set<string>()
  for (const dp of report.dataplanes) {
    const id = nodeIdOf(dp.mesh, dp.name)
    listed.add(id)
    const labels = { ...(dp.labels ?? {}) }
    const hash = reportHash(labels, dp.spec)
    try {
      const current = await scope.store.get(scope.tenant, {
        type: 'Dataplane',
        mesh: dp.mesh,
        name: dp.name,
      })
      if (current?.labels[REPORTED_LABEL] !== hash) {
        const doc = {
          ...dp.spec,
          type: 'Dataplane',
          mesh: dp.mesh,
          name: dp.name,
          labels: { ...labels, [REPORTED_LABEL]: hash },
        }
        const out = await putResource(scope, kind, dp.mesh, dp.name, doc, undefined)
        ;(out.created ? result.created : result.updated).push(id)
      }
      if (dp.sync) {
        const sync = dp.sync
        await putInsight(scope, 'DataplaneInsight', dp.mesh, dp.name, (cur) => {
          const sub = dataplaneSubscription(report.instanceId, sync, scope.now())
          const subs = withSubscription(cur?.spec.subscriptions, sub, scope.now())
          return { ...(cur?.spec ?? {}), subscriptions: subs }
        })
      }
    } catch (e) {
      const reason = e instanceof KumaError ? JSON.stringify(e.toEnvelope()) : (e as Error).message
      result.rejected.push({ dataplane: id, reason })
    }
  }
  for (const old of await reportedDataplanes(scope, zone)) {
    const id = nodeIdOf(old.mesh, old.name)
    if (listed.has(id)) continue
    await deleteResource(scope, kind, old.mesh, old.name, undefined).catch(() => undefined)
    await scope.store
      .delete(scope.tenant, {
        key: { type: 'DataplaneInsight', mesh: old.mesh, name: old.name },
        actor: scope.actor,
        now: scope.now(),
      })
      .catch(() => undefined)
    result.deleted.push(id)
  }
}

/**
 * LAST_REPORTS remembers, per isolate, the digest of each agent's last report applied without
 * rejections. Losing it costs one full apply.
 */
const LAST_REPORTS = new Map<string, { digest: string; at: number }>()
const LAST_REPORTS_MAX = 1000
/** REPORT_FULL_EVERY_MS bounds how long an unchanged report is trusted to match the store. */
const REPORT_FULL_EVERY_MS = 5 * 60_000

/** reportedDataplanes lists the Dataplanes zone `zone`'s agent reported, in every mesh. */
async function reportedDataplanes(scope: RequestScope, zone: string): Promise<ResourceRecord[]> {
  const out: ResourceRecord[] = []
  let offset: string | undefined
  do {
    const page = await scope.store.list(scope.tenant, 'Dataplane', {
      labels: { [ZONE_LABEL]: zone },
      size: 1000,
      offset,
    })
    out.push(...page.items.filter((d) => REPORTED_LABEL in d.labels))
    offset = page.nextOffset
  } while (offset)
  return out
}

/** parseDataplanesReport checks the report's shape; Dataplane specs are validated on write. */
export function parseDataplanesReport(body: unknown): DataplanesReport | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'request body must be a JSON object {"instanceId", "agentVersion", "dataplanes": [...]}'
  }
  const b = body as Json
  if (typeof b.instanceId !== 'string' || b.instanceId === '') return 'instanceId must be a string'
  if (typeof b.agentVersion !== 'string') return 'agentVersion must be a string'
  if (!Array.isArray(b.dataplanes)) return 'dataplanes must be a list'
  for (const [i, d] of (b.dataplanes as Json[]).entries()) {
    if (typeof d !== 'object' || d === null) return `dataplanes[${i}] must be an object`
    if (typeof d.mesh !== 'string' || typeof d.name !== 'string')
      return `dataplanes[${i}] needs mesh and name`
    if (typeof d.spec !== 'object' || d.spec === null)
      return `dataplanes[${i}].spec must be an object`
  }
  return b as unknown as DataplanesReport
}
