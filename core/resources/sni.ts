/** @module SNIs of destination kinds (MeshService, MeshExternalService, MeshMultiZoneService), as Kuma's `sni` package names them. */
import type { Identifier } from '../kri/kri'
import type { ResourceRecord } from '../store/store'

/** SNIEntry pairs a destination port with the SNI xDS advertises for it. */
export interface SNIEntry {
  port: number
  sni: string
}

interface Section {
  port: number
  sectionName: string
}

type Port = { port?: number; name?: string }

const portSections = (ports: unknown): Section[] =>
  Array.isArray(ports)
    ? (ports as Port[])
        .filter((p) => typeof p?.port === 'number')
        .map((p) => ({ port: p.port!, sectionName: p.name ?? String(p.port) }))
    : []

/** SECTIONS lists, per SNI-capable kind, the sections its spec contributes. */
const SECTIONS: Record<string, (spec: Record<string, unknown>) => Section[]> = {
  MeshService: (spec) => portSections(spec.ports),
  MeshMultiZoneService: (spec) => portSections(spec.ports),
  MeshExternalService: (spec) => {
    const match = spec.match as Port | undefined
    return typeof match?.port === 'number'
      ? [{ port: match.port, sectionName: match.name ?? String(match.port) }]
      : []
  },
}

/** sniOf is `sni.<short>.<mesh>[.<zone>[.<namespace>]].<name>.<section>`. */
export function sniOf(id: Identifier): string {
  const segments = ['sni', id.shortName, id.mesh]
  if (id.zone) {
    segments.push(id.zone)
    if (id.namespace) segments.push(id.namespace)
  }
  segments.push(id.name, id.sectionName)
  return segments.join('.')
}

/** snisOf returns the SNIs of a destination resource sorted by port, or undefined for other kinds. */
export function snisOf(
  r: ResourceRecord,
  id: Omit<Identifier, 'sectionName'> | undefined,
): SNIEntry[] | undefined {
  const sections = SECTIONS[r.type]?.(r.spec)
  if (!id || !sections || sections.length === 0) return undefined
  return sections
    .map((s) => ({ port: s.port, sni: sniOf({ ...id, sectionName: s.sectionName }) }))
    .sort((a, b) => a.port - b.port)
}
