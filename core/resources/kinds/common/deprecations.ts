/** @module Name rules and deprecation warnings Kuma shares across resource kinds (their `deprecated.go`, `sni.ValidateKRI`, `ValidateLength` on names). */
import { goQuote } from '../../../schema/formats'
import { validateLength } from '../../../validators/common'
import { byteLength, isDNS1035Label, isDNS1123Label } from '../../../validators/names'
import type { ValidationError } from '../../../validators/validation-error'
import type { ValidateContext } from '../../kind'
import { displayName, NAMESPACE_LABEL, ZONE_LABEL } from '../../labels'

/** displayNameOf is Kuma's model.GetDisplayName for the resource being validated. */
export function displayNameOf(ctx: ValidateContext): string {
  return displayName(ctx.name, ctx.labels ?? {})
}

const MAX_DESTINATION_NAME_LENGTH = 63

/** validateDestinationName is Kuma's ValidateLength(63) on a destination's display name, at `name`. */
export function validateDestinationName(ctx: ValidateContext): ValidationError {
  return validateLength('name', MAX_DESTINATION_NAME_LENGTH, displayNameOf(ctx))
}

/**
 * nameDeprecations is Kuma's `Deprecations()` name check: the display name (`kuma.io/display-name`
 * label, else the name) should be a DNS-1035 label.
 */
export function nameDeprecations(
  kind: string,
  name: string,
  labels: Record<string, string> | undefined,
): string[] {
  const display = displayName(name, labels ?? {})
  const errs = isDNS1035Label(display)
  if (errs.length === 0) return []
  return [
    `Invalid ${kind} resource name: '${display}'. It does not conform to the DNS format (RFC 1035). This is deprecated. Errors: ${errs.join('; ')}`,
  ]
}

const DNS_HOSTNAME_LIMIT = 253

/**
 * validateSNI is Kuma's sni.ValidateKRI for one section of a destination: every reason the SNI
 * `sni.<short>.<mesh>[.<zone>[.<namespace>]].<name>.<section>` breaks DNS naming rules.
 */
export function validateSNI(shortName: string, ctx: ValidateContext, section: string): string[] {
  const mesh = ctx.mesh
  const name = displayNameOf(ctx)
  const zone = ctx.labels?.[ZONE_LABEL] ?? ''
  const namespace = ctx.labels?.[NAMESPACE_LABEL] ?? ''
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
  if (byteLength(sni) > DNS_HOSTNAME_LIMIT) {
    errs.push(
      `computed SNI is ${byteLength(sni)} characters which exceeds the DNS hostname limit (${DNS_HOSTNAME_LIMIT})`,
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
  const out = nameDeprecations(kindName, ctx.name, ctx.labels)
  for (const section of sections) {
    for (const err of validateSNI(shortName, ctx, section)) {
      out.push(`Invalid ${kindName} SNI (port ${goQuote(section)}): ${err}. This is deprecated.`)
    }
  }
  return out
}
