/** @module Go-compatible value printing and kube-openapi's string formats (strfmt.Default), for schema messages. */

/**
 * goFloat prints a float64 as Go's `%v` does: shortest digits, exponent form (`1e+06`)
 * when the decimal exponent is below -4 or at least 6.
 */
export function goFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN'
  if (v === Infinity) return '+Inf'
  if (v === -Infinity) return '-Inf'
  if (v === 0) return Object.is(v, -0) ? '-0' : '0'
  const [mantissa, expPart] = v.toExponential().split('e')
  const exp = Number(expPart)
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+'
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`
  }
  return String(v)
}

/** goValue prints a JSON value as Go's `%v` prints the decoded `interface{}` (maps with sorted keys). */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>'
  if (typeof v === 'number') return goFloat(v)
  if (typeof v === 'string') return v
  if (typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`
  if (typeof v === 'object') {
    const entries = Object.keys(v)
      .sort()
      .map((k) => `${k}:${goValue((v as Record<string, unknown>)[k])}`)
    return `map[${entries.join(' ')}]`
  }
  return String(v)
}

/** goQuote quotes a string as Go's `%q` (strconv.Quote) does for the characters JSON input can carry. */
export function goQuote(s: string): string {
  let out = '"'
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0
    if (ch === '"') out += '\\"'
    else if (ch === '\\') out += '\\\\'
    else if (ch === '\n') out += '\\n'
    else if (ch === '\t') out += '\\t'
    else if (ch === '\r') out += '\\r'
    else if (c === 7) out += '\\a'
    else if (c === 8) out += '\\b'
    else if (c === 12) out += '\\f'
    else if (c === 11) out += '\\v'
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`
    else out += ch
  }
  return out + '"'
}

/** isDate accepts `YYYY-MM-DD` with a day that exists in that month (Go time.Parse("2006-01-02")). */
export function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1) return false
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate()
  return d <= days
}

const rxDateTime = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/

/** isDateTime mirrors strfmt.IsDateTime: date, `t`, then time with `z` or an offset. */
export function isDateTime(s: string): boolean {
  if (s.length < 4) return false
  const parts = s.toLowerCase().split('t')
  if (parts.length < 2 || !isDate(parts[0])) return false
  const m = rxDateTime.exec(parts[1])
  if (!m) return false
  return m[1] <= '23' && m[2] <= '59' && m[3] <= '59'
}

const goDuration = /^[-+]?(0|([0-9]*(\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+)$/
const timeUnits = [
  ['ns', 'nano'],
  ['us', 'µs', 'micro'],
  ['ms', 'milli'],
  ['s', 'sec'],
  ['m', 'min'],
  ['h', 'hr', 'hour'],
  ['d', 'day'],
  ['w', 'wk', 'week'],
]

/** isDuration mirrors strfmt.ParseDuration: Go's time.ParseDuration, or `<n> <unit>` phrases. */
export function isDuration(s: string): boolean {
  if (goDuration.test(s) && /[0-9]/.test(s)) {
    return s.split(/ns|us|µs|μs|ms|s|m|h/).every((n) => n === '' || /[0-9]/.test(n))
  }
  for (const match of s.matchAll(/(\d+)\s*([A-Za-zµ]+)/g)) {
    const unit = match[2].toLowerCase()
    for (const variants of timeUnits) {
      const last = variants.length - 1
      if (variants.some((v, i) => (i === last && unit.startsWith(v)) || v === unit)) return true
    }
  }
  return false
}

function isIPv4(s: string): boolean {
  const parts = s.split('.')
  return (
    parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)
  )
}

function isIPv6(s: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(s) || !s.includes(':')) return false
  let rest = s
  let groups = 0
  const lastColon = s.lastIndexOf(':')
  if (s.slice(lastColon + 1).includes('.')) {
    if (!isIPv4(s.slice(lastColon + 1))) return false
    rest = s.slice(0, lastColon + 1) + '0'
    groups += 1
  }
  const halves = rest.split('::')
  if (halves.length > 2) return false
  const count = (h: string) => (h === '' ? [] : h.split(':'))
  const all = halves.flatMap(count)
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false
  const total = all.length + groups
  return halves.length === 2 ? total <= 7 : total === 8
}

/** FORMATS are the kube-openapi strfmt.Default checkers Kumo knows; other names are not checked. */
const FORMATS: Record<string, (s: string) => boolean> = {
  date: isDate,
  datetime: isDateTime,
  duration: isDuration,
  byte: (s) =>
    /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/.test(s),
  password: () => true,
  uuid: (s) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(s),
  uuid3: (s) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(s),
  uuid4: (s) =>
    /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i.test(s),
  uuid5: (s) =>
    /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i.test(s),
  ipv4: isIPv4,
  ipv6: isIPv6,
  cidr: (s) => {
    const [ip, bits, extra] = s.split('/')
    if (extra !== undefined || bits === undefined || !/^[0-9]+$/.test(bits)) return false
    if (isIPv4(ip)) return Number(bits) <= 32
    return isIPv6(ip) && Number(bits) <= 128
  },
  hostname: (s) =>
    s.length <= 255 &&
    /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$/u.test(
      s,
    ),
  email: (s) => /^[^\s@<>]+@[^\s@<>]+$/.test(s),
  uri: (s) => /^([a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*|\/[^\s]*)$/.test(s),
  mac: (s) =>
    /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/.test(s) ||
    /^([0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}$/.test(s),
  hexcolor: (s) => /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(s),
}

function normalizeFormat(name: string): string {
  return name.toLowerCase().replace(/[-_ ]/g, '')
}

/** formatChecker returns the checker of a known format name (`date-time` = `datetime`), if any. */
export function formatChecker(format: string | undefined): ((s: string) => boolean) | undefined {
  if (!format) return undefined
  return FORMATS[normalizeFormat(format)]
}
