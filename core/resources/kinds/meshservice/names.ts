/** @module Name checks shared by the service kinds: Kubernetes DNS label rules (apimachinery) and govalidator's IP/DNS tests, with their exact messages. */

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?'
const dns1123LabelErrMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`
const dns1123SubdomainErrMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?'
const dns1035LabelErrMsg =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character"

const dns1123LabelRegexp = new RegExp(`^${dns1123LabelFmt}$`)
const dns1123SubdomainRegexp = new RegExp(`^${dns1123SubdomainFmt}$`)
const dns1035LabelRegexp = new RegExp(`^${dns1035LabelFmt}$`)

const encoder = new TextEncoder()

/** byteLength is Go's `len(s)`: the UTF-8 length, which Kuma's length limits count. */
export function byteLength(s: string): number {
  return encoder.encode(s).length
}

/** maxLenError is apimachinery's MaxLenError. */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`
}

/** regexError is apimachinery's RegexError (its odd `',  or` spacing included). */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`
  let out = `${msg} (e.g. `
  examples.forEach((e, i) => {
    if (i > 0) out += ' or '
    out += `'${e}', `
  })
  return `${out}regex used for validation is '${fmt}')`
}

/** isDNS1123Label returns apimachinery's IsDNS1123Label messages; empty means valid. */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = []
  if (byteLength(value) > 63) errs.push(maxLenError(63))
  if (!dns1123LabelRegexp.test(value)) {
    if (dns1123SubdomainRegexp.test(value)) errs.push('must not contain dots')
    else errs.push(regexError(dns1123LabelErrMsg, dns1123LabelFmt, 'my-name', '123-abc'))
  }
  return errs
}

/** isDNS1123Subdomain returns apimachinery's IsDNS1123Subdomain messages; empty means valid. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = []
  if (byteLength(value) > 253) errs.push(maxLenError(253))
  if (!dns1123SubdomainRegexp.test(value)) {
    errs.push(regexError(dns1123SubdomainErrMsg, dns1123SubdomainFmt, 'example.com'))
  }
  return errs
}

/** isDNS1035Label returns apimachinery's IsDNS1035Label messages; empty means valid. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = []
  if (byteLength(value) > 63) errs.push(maxLenError(63))
  if (!dns1035LabelRegexp.test(value)) {
    errs.push(regexError(dns1035LabelErrMsg, dns1035LabelFmt, 'my-name', 'abc-123'))
  }
  return errs
}

function isIPv4(s: string): boolean {
  const parts = s.split('.')
  if (parts.length !== 4) return false
  // Go's net.ParseIP: 1-3 digits, no leading zeros, at most 255.
  return parts.every(
    (p) => /^\d{1,3}$/.test(p) && (p.length === 1 || p[0] !== '0') && Number(p) <= 255,
  )
}

function isIPv6(s: string): boolean {
  if (s.includes('%')) return false
  let groups = s
  let tail = 0
  const lastColon = s.lastIndexOf(':')
  if (lastColon >= 0 && s.slice(lastColon + 1).includes('.')) {
    if (!isIPv4(s.slice(lastColon + 1))) return false
    groups = s.slice(0, lastColon + 1) + '0'
    tail = 1
  }
  const halves = groups.split('::')
  if (halves.length > 2) return false
  const hex = /^[0-9a-fA-F]{1,4}$/
  const split = (h: string) => (h === '' ? [] : h.split(':'))
  const left = split(halves[0])
  const right = halves.length === 2 ? split(halves[1]) : []
  if (![...left, ...right].every((g) => hex.test(g))) return false
  const count = left.length + right.length + tail
  return halves.length === 2 ? count <= 7 : count === 8
}

/** isIP is govalidator.IsIP (Go's `net.ParseIP(s) != nil`). */
export function isIP(s: string): boolean {
  return s.includes(':') ? isIPv6(s) : isIPv4(s)
}

const rxDNSName =
  /^([a-zA-Z0-9_]{1}[a-zA-Z0-9_-]{0,62}){1}(\.[a-zA-Z0-9_]{1}[a-zA-Z0-9_-]{0,62})*[._]?$/

/** isDNSName is govalidator.IsDNSName: a hostname that is not an IP address. */
export function isDNSName(s: string): boolean {
  if (s === '' || byteLength(s.replaceAll('.', '')) > 255) return false
  return !isIP(s) && rxDNSName.test(s)
}
