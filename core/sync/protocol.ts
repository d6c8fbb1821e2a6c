/**
 * @module The zone sync protocol between the edge and a zone agent (docs/zone-protocol.md): wire
 * types only, shared by the edge handlers (functions/zone-sync.ts) and the agent.
 */
import type { EnvoyResource } from '../xds/snapshot'

/** ZONE_API is the path prefix of every zone sync endpoint. */
export const ZONE_API = '/zone/v1'

/** DEFAULT_HOLD_SECONDS and MAX_HOLD_SECONDS bound how long the edge holds a long-poll. */
export const DEFAULT_HOLD_SECONDS = 25
export const MAX_HOLD_SECONDS = 25

/** Revisions maps each mesh to its store revision; a mesh absent from it does not exist. */
export type Revisions = Record<string, number>

/** ProxyConfig is one proxy's snapshot by reference: type URL -> resource name -> content hash. */
export interface ProxyConfig {
  /** version is the snapshot version (core/xds/snapshot `newSnapshot`) of these resources. */
  version: string
  resources: Record<string, Record<string, string>>
}

/** ConfigRequest is what the agent holds: `POST /zone/v1/config` and `GET .../config/stream`. */
export interface ConfigRequest {
  /** revisions the agent's config was computed from ({} after a restart). */
  revisions: Revisions
  /** proxies maps node id (`<mesh>.<name>`) to the snapshot version the agent serves it. */
  proxies: Record<string, string>
  /** hashes of the resource bodies the agent already holds (any proxy). */
  hashes: string[]
}

/**
 * ConfigResponse is one complete revision of the zone's config, as a change against what the
 * request said the agent holds. Invariant: every hash named in `proxies` is either in
 * `resources` or in the request's `hashes`, so the agent can apply it all or nothing.
 */
export interface ConfigResponse {
  /** changed false: nothing the zone's proxies depend on changed before the hold expired. */
  changed: boolean
  revisions: Revisions
  /** proxies whose snapshot changed (or is new), each whole by reference. */
  proxies: Record<string, ProxyConfig>
  /** removed lists node ids the agent must stop serving. */
  removed: string[]
  /** resources are the bodies, by hash, the agent lacks. */
  resources: Record<string, EnvoyResource>
  /** errors name proxies whose config could not be generated; they keep their last good one. */
  errors: { proxy: string; reason: string }[]
}

/** StreamEvent is one NDJSON line of `GET /zone/v1/config/stream`. */
export type StreamEvent =
  | { type: 'config'; config: ConfigResponse }
  | { type: 'heartbeat'; revisions: Revisions; at: string }

/** ProxySyncReport is a proxy's xDS sync state as the agent's ADS server tracks it. */
export interface ProxySyncReport {
  connected: boolean
  connectedAt?: string
  disconnectedAt?: string
  /** lastAckedVersion maps type URL to the version last ACKed. */
  lastAckedVersion?: Record<string, string>
  /** snapshotVersion is the snapshot version the proxy has ACKed in full, when it has. */
  ackedSnapshotVersion?: string
  lastNack?: { typeUrl: string; version: string; error: string; at: string }
  responsesSent?: number
  responsesAcknowledged?: number
  responsesRejected?: number
}

/** ReportedDataplane is one Dataplane of the zone, as defined on the agent. */
export interface ReportedDataplane {
  mesh: string
  name: string
  labels?: Record<string, string>
  /** spec is the Dataplane's inline part (`networking`, ...). */
  spec: Record<string, unknown>
  sync?: ProxySyncReport
}

/** DataplanesReport is the body of `PUT /zone/v1/dataplanes`: the zone's whole set. */
export interface DataplanesReport {
  /** instanceId names this agent process; a new one opens a new ZoneInsight subscription. */
  instanceId: string
  agentVersion: string
  /** configRevisions are the revisions of the config the agent serves (acked by the agent). */
  configRevisions?: Revisions
  dataplanes: ReportedDataplane[]
}

/** DataplanesReportResult answers a report. */
export interface DataplanesReportResult {
  created: string[]
  updated: string[]
  deleted: string[]
  rejected: { dataplane: string; reason: string }[]
}

/** nodeIdOf is Kuma's xDS node id of a Dataplane. */
export const nodeIdOf = (mesh: string, name: string) => `${mesh}.${name}`
