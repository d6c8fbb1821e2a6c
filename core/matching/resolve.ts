/** @module Resolving a targetRef to the real resources (and ports) it names (Kuma `rules/resolve`). */
import { NAMESPACE_LABEL, DISPLAY_NAME_LABEL } from '../resources/labels'
import type { TargetRef } from '../policies/common/targetref'
import type { ResourceRecord } from '../store/store'
import { kriOfMeta, kriOfRecord, type MeshResources } from './resources'
import { isRealResource } from './targetref'

/** ResourceSection is a resolved resource, narrowed to one port when a section was asked for. */
export interface ResourceSection {
  resource: ResourceRecord
  sectionName: string
}

/** sectionKri is the KRI of a resolved resource with its section name. */
export const sectionKri = (rs: ResourceSection) => kriOfRecord(rs.resource, rs.sectionName)

/**
 * targetRefToKri is Kuma's `TargetRefToKRI`: the ref's name in the policy's mesh, zone and (unless
 * given) namespace; '' when the kind has no KRI.
 */
export function targetRefToKri(policy: ResourceRecord, ref: TargetRef): string {
  if (!kriOfMeta(ref.kind, policy)) return ''
  if (ref.kind === 'Mesh') return kriOfMeta('Mesh', { mesh: '', name: policy.mesh, labels: {} })
  const labels: Record<string, string> = {}
  for (const [k, v] of Object.entries(policy.labels ?? {})) {
    if (k === 'kuma.io/zone' || k === NAMESPACE_LABEL) labels[k] = v
  }
  if (ref.namespace) labels[NAMESPACE_LABEL] = ref.namespace
  return kriOfMeta(ref.kind, { mesh: policy.mesh, name: ref.name ?? '', labels })
}

interface Port {
  name: string
  value: number
}

/** portsOf lists the ports of destination kinds; undefined for kinds without ports. */
function portsOf(r: ResourceRecord): Port[] | undefined {
  const spec = r.spec as Record<string, any>
  switch (r.type) {
    case 'MeshService':
    case 'MeshMultiZoneService':
      return ((spec.ports as any[]) ?? []).map((p) => ({
        name: p.name ? String(p.name) : String(p.port),
        value: Number(p.port),
      }))
    case 'MeshExternalService':
      return [{ name: String(spec.match?.port), value: Number(spec.match?.port) }]
    default:
      return undefined
  }
}

/** parseService reads a legacy `name_namespace_svc_port` service name (port 0 when absent). */
function parseService(host: string): { name: string; namespace: string; port: number } | undefined {
  const s = host.split('_')
  if (s.length === 4) {
    if (!/^[+-]?\d+$/.test(s[3])) return undefined
    return { name: s[0], namespace: s[1], port: Number(s[3]) }
  }
  if (s.length === 3) return { name: s[0], namespace: s[1], port: 0 }
  return undefined
}

const labelsMatch = (want: Record<string, string>, have: Record<string, string>) =>
  Object.entries(want).every(([k, v]) => have?.[k] === v)

/** resolveTargetRef lists the resources a targetRef names, empty for tag-based kinds. */
export function resolveTargetRef(
  ref: TargetRef,
  policy: ResourceRecord,
  reader: MeshResources,
): ResourceSection[] {
  if (!isRealResource(ref.kind)) return []
  let byLabels: Record<string, string> | undefined
  let byKri: string | undefined
  let port = 0
  let sectionName = ref.sectionName ?? ''
  if (ref.labels && Object.keys(ref.labels).length > 0) byLabels = ref.labels
  else byKri = targetRefToKri(policy, ref)
  if (ref.kind === 'MeshService' && !ref.sectionName) {
    const svc = parseService(ref.name ?? '')
    if (svc) {
      byLabels = { [NAMESPACE_LABEL]: svc.namespace, [DISPLAY_NAME_LABEL]: svc.name }
      byKri = undefined
      port = svc.port
      sectionName = ''
    }
  }
  let resources: ResourceRecord[] = []
  if (byLabels) {
    const want = byLabels
    resources = reader.list(ref.kind).filter((r) => labelsMatch(want, r.labels))
  } else if (byKri) {
    const r = reader.get(byKri)
    if (r) resources = [r]
  }
  if (port === 0 && sectionName === '')
    return resources.map((resource) => ({ resource, sectionName: '' }))
  const out: ResourceSection[] = []
  for (const r of resources) {
    const ports = portsOf(r)
    if (!ports) {
      out.push({ resource: r, sectionName: '' })
      continue
    }
    const p =
      port !== 0 ? ports.find((x) => x.value === port) : ports.find((x) => x.name === sectionName)
    if (p) out.push({ resource: r, sectionName: p.name })
  }
  return out
}
