/** @module Deprecation warnings Kuma returns on PUT of MeshService, MeshExternalService and MeshMultiZoneService (their `deprecated.go`). */
import type { ValidateContext } from '../../kind'
import { byteLength, isDNS1035Label, isDNS1123Label } from './names'

/** Labels Kuma reads a resource's KRI from. */
export const displayNameLabel = 'kuma.io/display-name'
export const zoneLabel = 'kuma.io/zone'
export const kubeNamespaceLabel = 'k8s.kuma.io/namespace'

/** displayName is Kuma's model.GetDisplayName: the display-name label, else the name. */
export function displayName(ctx: ValidateContext): string {
  return ctx.labels?.[displayNameLabel] || ctx.name
}

const dnsHostnameLimit = 253

/**
 * validateSNI is Kuma's sni.ValidateKRI for one section of a destination: every reason the SNI
 * `sni.<short>.<mesh>[.<zone>[.<namespace>]].<name>.<section>` breaks DNS naming rules.
 */
export function validateSNI(shortName: string, ctx: ValidateContext, section: string): string[] {
  const mesh = ctx.mesh
  const name = displayName(ctx)
  const zone = ctx.labels?.[zoneLabel] ?? ''
  const namespace = ctx.labels?.[kubeNamespaceLabel] ?? ''
  if (mesh === '' || name === '' || section === '') {
    return ['mesh, name and sectionName must be non-empty']
  }
  const fields: [string, string][] = [
    ['mesh', mesh],
    ['name', name],
  ]
  const segments = ['sni', shortName, mesh]
  if (zone !== '') {
    fields.push(['zone', zone])
    segments.push(zone)
    if (namespace !== '') {
      fields.push(['namespace', namespace])
      segments.push(namespace)
    }
  }
  segments.push(name, section)
  const errs: string[] = []
  for (const [field, value] of fields) {
    const msgs = isDNS1123Label(value)
    if (msgs.length > 0) {
      errs.push(`${field} ${goQuote(value)} does not conform to RFC 1123: ${msgs.join('; ')}`)
    }
  }
  const sectionMsgs = isDNS1123Label(section)
  if (sectionMsgs.length > 0) errs.push(sectionMsgs.join('; '))
  const sni = segments.join('.')
  if (byteLength(sni) > dnsHostnameLimit) {
    errs.push(
      `computed SNI is ${byteLength(sni)} characters which exceeds the DNS hostname limit (${dnsHostnameLimit})`,
    )
  }
  return errs
}

/**
 * destinationDeprecations builds the warnings of a destination kind: its name is not a DNS-1035
 * label, and each port (section) whose SNI would break DNS rules.
 */
export function destinationDeprecations(
  kindName: string,
  shortName: string,
  ctx: ValidateContext,
  sections: string[],
): string[] {
  const out: string[] = []
  const name = displayName(ctx)
  const nameErrs = isDNS1035Label(name)
  if (nameErrs.length > 0) {
    out.push(
      `Invalid ${kindName} resource name: '${name}'. It does not conform to the DNS format (RFC 1035). This is deprecated. Errors: ${nameErrs.join('; ')}`,
    )
  }
  for (const section of sections) {
    for (const err of validateSNI(shortName, ctx, section)) {
      out.push(`Invalid ${kindName} SNI (port ${goQuote(section)}): ${err}. This is deprecated.`)
    }
  }
  return out
}

/** goQuote approximates Go's %q for the printable strings resource names are. */
export function goQuote(s: string): string {
  return JSON.stringify(s)
}
