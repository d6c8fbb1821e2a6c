/** @module Kubernetes' RFC 1123 and RFC 1035 name rules (apimachinery `validation`), with their exact messages. */

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
/** DNS1123_SUBDOMAIN matches a lowercase RFC 1123 subdomain (apimachinery's dns1123SubdomainFmt). */
export const DNS1123_SUBDOMAIN = new RegExp(`^${dns1123SubdomainFmt}$`)
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
    if (DNS1123_SUBDOMAIN.test(value)) errs.push('must not contain dots')
    else errs.push(regexError(dns1123LabelErrMsg, dns1123LabelFmt, 'my-name', '123-abc'))
  }
  return errs
}

/** isDNS1123Subdomain returns apimachinery's IsDNS1123Subdomain messages; empty means valid. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = []
  if (byteLength(value) > 253) errs.push(maxLenError(253))
  if (!DNS1123_SUBDOMAIN.test(value)) {
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
