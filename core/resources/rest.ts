/** @module Kuma's REST representations of a resource: universal and Kubernetes, in and out. */
import { formatKri, identifierOf } from '../kri/kri'
import { snisOf } from './sni'
import type { ResourceRecord } from '../store/store'
import type { ResourceKind } from './kind'
import { MESH_LABEL, NAMESPACE_LABEL } from './labels'

/** META_FIELDS are the universal-format keys that are not part of an inline kind's spec. */
const META_FIELDS = new Set([
  'type',
  'name',
  'mesh',
  'labels',
  'creationTime',
  'modificationTime',
  'kri',
])

/** RestResource is a request body after format detection, before validation. */
export interface RestResource {
  type: unknown
  name: unknown
  mesh: unknown
  labels: unknown
  spec: unknown
  status?: unknown
  /** raw is the universal-format object, as Kuma's schema validation sees it. */
  raw: Record<string, unknown>
}

export const K8S_API_VERSION = 'kuma.io/v1alpha1'

/** isKubernetesFormat tells a Kubernetes-style document (`apiVersion`, `kind`, `metadata`). */
export function isKubernetesFormat(doc: Record<string, unknown>): boolean {
  return 'apiVersion' in doc && 'kind' in doc
}

/**
 * fromKubernetes maps a Kubernetes-format document to the universal shape: `kind` -> `type`,
 * `metadata.name`, `metadata.labels` (with `kuma.io/mesh` as the mesh), `spec`. Inline kinds
 * (Mesh, Dataplane, ...) carry their fields under `spec` in Kubernetes and at the top in universal.
 */
export function fromKubernetes(
  doc: Record<string, unknown>,
  kind: ResourceKind | undefined,
): Record<string, unknown> {
  const metadata = (isObject(doc.metadata) ? doc.metadata : {}) as Record<string, unknown>
  const labels = isObject(metadata.labels)
    ? { ...(metadata.labels as Record<string, string>) }
    : undefined
  const out: Record<string, unknown> = { type: doc.kind, name: metadata.name }
  const mesh = labels?.[MESH_LABEL] ?? doc.mesh
  if (kind?.scope !== 'Global' && mesh !== undefined) out.mesh = mesh
  if (labels) out.labels = labels
  if (kind?.specInline) {
    if (isObject(doc.spec)) Object.assign(out, doc.spec)
  } else if ('spec' in doc) {
    out.spec = doc.spec
  }
  if ('status' in doc) out.status = doc.status
  return out
}

/** toRestResource splits a universal document into meta and spec for the kind it is PUT as. */
export function toRestResource(doc: Record<string, unknown>, kind: ResourceKind): RestResource {
  let spec: unknown
  if (kind.specInline) {
    const inline: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(doc)) if (!META_FIELDS.has(k)) inline[k] = v
    spec = inline
  } else {
    spec = doc.spec ?? {}
  }
  return {
    type: doc.type,
    name: doc.name,
    mesh: doc.mesh ?? '',
    labels: doc.labels ?? {},
    spec,
    status: kind.hasStatus ? doc.status : undefined,
    raw: doc,
  }
}

/** toUniversal renders a stored resource as kuma-cp's universal JSON (its key order too). */
export function toUniversal(r: ResourceRecord, kind: ResourceKind): Record<string, unknown> {
  const out: Record<string, unknown> = { type: r.type }
  if (kind.scope === 'Mesh') out.mesh = r.mesh
  out.name = r.name
  out.creationTime = r.creationTime
  out.modificationTime = r.modificationTime
  if (Object.keys(r.labels).length > 0) out.labels = sortKeys(r.labels)
  const id = identifierOf(kind.shortName, r)
  if (id) out.kri = formatKri(id)
  const snis = snisOf(r, id)
  if (snis) out.snis = snis
  if (kind.specInline) Object.assign(out, r.spec)
  else out.spec = r.spec
  if (kind.hasStatus) out.status = statusOf(r, kind)
  return out
}

/** toKubernetes renders a stored resource as the Kubernetes object kumactl would print. */
export function toKubernetes(r: ResourceRecord, kind: ResourceKind): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    name: r.name,
    creationTimestamp: r.creationTime,
  }
  const namespace = r.labels[NAMESPACE_LABEL]
  if (namespace) metadata.namespace = namespace
  if (Object.keys(r.labels).length > 0) metadata.labels = sortKeys(r.labels)
  const out: Record<string, unknown> = { apiVersion: K8S_API_VERSION, kind: kind.name }
  if (kind.specInline && kind.scope === 'Mesh') out.mesh = r.mesh
  out.metadata = metadata
  out.spec = r.spec
  if (kind.hasStatus) out.status = statusOf(r, kind)
  return out
}

/**
 * EMPTY_STATUS is what kuma-cp prints for a status nobody has written yet: Go marshals the
 * non-pointer struct fields of these kinds' status even when empty.
 */
const EMPTY_STATUS: Record<string, Record<string, unknown>> = {
  MeshService: { tls: {}, dataplaneProxies: {} },
  MeshExternalService: { vip: {} },
  Workload: { dataplaneProxies: { connected: 0, healthy: 0, total: 0 } },
}

function statusOf(r: ResourceRecord, kind: ResourceKind): Record<string, unknown> {
  return { ...EMPTY_STATUS[kind.name], ...r.status }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function sortKeys(m: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(m)
      .sort()
      .map((k) => [k, m[k]]),
  )
}
