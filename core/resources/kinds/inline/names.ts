/** @module The DNS-1035 name deprecation warning Kuma returns on PUT of Mesh and Zone. */

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/

/** isDNS1035Label returns Kubernetes' error strings (apimachinery IsDNS1035Label), empty when valid. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = []
  if (value.length > 63) errs.push('must be no more than 63 characters')
  if (!DNS1035_LABEL.test(value)) {
    errs.push(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    )
  }
  return errs
}

/**
 * nameDeprecations is Kuma's `Deprecations()` for Mesh and Zone: the display name
 * (`kuma.io/display-name` label, else the name) should be a DNS-1035 label.
 */
export function nameDeprecations(
  kind: string,
  name: string,
  labels: Record<string, string> | undefined,
): string[] {
  const display = labels?.['kuma.io/display-name'] || name
  const errs = isDNS1035Label(display)
  if (errs.length === 0) return []
  return [
    `Invalid ${kind} resource name: '${display}'. It does not conform to the DNS format (RFC 1035). This is deprecated. Errors: ${errs.join('; ')}`,
  ]
}
