/** @module KRI: Kuma Resource Identifiers, `kri_<short>_<mesh>_<zone>_<namespace>_<name>_<section>`. */
import { displayName, NAMESPACE_LABEL, ZONE_LABEL } from '../resources/labels'

export interface Identifier {
  shortName: string
  mesh: string
  zone: string
  namespace: string
  name: string
  sectionName: string
}

/** formatKri renders an identifier; Kuma joins the six parts with '_'. */
export function formatKri(id: Identifier): string {
  return `kri_${id.shortName}_${id.mesh}_${id.zone}_${id.namespace}_${id.name}_${id.sectionName}`
}

/**
 * withoutSection drops the section name of a KRI (`kri_msvc_m_z_ns_name_http` ->
 * `kri_msvc_m_z_ns_name_`): everything up to its sixth `_`; a string with fewer is returned
 * as is. Plugins call it per Envoy resource, so it scans instead of splitting.
 */
export function withoutSection(kri: string): string {
  let i = -1
  for (let n = 0; n < 6; n++) {
    i = kri.indexOf('_', i + 1)
    if (i < 0) return kri
  }
  return i === kri.length - 1 ? kri : kri.slice(0, i + 1)
}

/** identifierOf is the identifier of a stored resource, or undefined for kinds without a short name. */
export function identifierOf(
  shortName: string,
  meta: { mesh: string; name: string; labels: Record<string, string> },
  sectionName = '',
): Identifier | undefined {
  if (!shortName) return undefined
  return {
    shortName,
    mesh: meta.mesh,
    zone: meta.labels[ZONE_LABEL] ?? '',
    namespace: meta.labels[NAMESPACE_LABEL] ?? '',
    name: displayName(meta.name, meta.labels),
    sectionName,
  }
}

/** kriOf is the KRI of a stored resource, or undefined for kinds without a short name. */
export function kriOf(
  shortName: string,
  meta: { mesh: string; name: string; labels: Record<string, string> },
  sectionName = '',
): string | undefined {
  const id = identifierOf(shortName, meta, sectionName)
  return id && formatKri(id)
}

export type ParseResult = { ok: true; id: Identifier } | { ok: false; reason: string }

/** parseKri reads a KRI string as Kuma's kri.FromString does (section may contain '_'). */
export function parseKri(s: string): ParseResult {
  const parts = s.split('_')
  if (parts.length < 7)
    return { ok: false, reason: `invalid identifier string: ${JSON.stringify(s)}` }
  if (parts[0] !== 'kri') {
    return { ok: false, reason: `identifier must start with 'kri': ${JSON.stringify(s)}` }
  }
  return {
    ok: true,
    id: {
      shortName: parts[1],
      mesh: parts[2],
      zone: parts[3],
      namespace: parts[4],
      name: parts[5],
      sectionName: parts.slice(6).join(''),
    },
  }
}
