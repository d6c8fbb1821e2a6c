/**
 * @module Go library checks Kuma's policy validators lean on (govalidator, net, net/url), redone
 * in TypeScript so the same inputs pass or fail. Kept beside MeshAccessLog until hoisted to
 * `core/policies/common/`.
 */

/** parseIPv4 accepts dotted decimal without leading zeros, as Go's net.ParseIP does. */
function isIPv4(s: string): boolean {
  const parts = s.split('.')
  if (parts.length !== 4) return false
  return parts.every(
    (p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255 && !(p.length > 1 && p[0] === '0'),
  )
}

function isIPv6(s: string): boolean {
  if (s.includes('%')) return false
  let groups = 0
  let rest = s
  const lastColon = s.lastIndexOf(':')
  if (lastColon >= 0 && s.slice(lastColon + 1).includes('.')) {
    if (!isIPv4(s.slice(lastColon + 1))) return false
    rest = s.slice(0, lastColon + 1) + '0:0'
  }
  const halves = rest.split('::')
  if (halves.length > 2) return false
  for (const half of halves) {
    if (half === '') continue
    for (const g of half.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return false
      groups++
    }
  }
  return halves.length === 2 ? groups < 8 : groups === 8
}

/** isIP is govalidator.IsIP (net.ParseIP(s) != nil). */
export function isIP(s: string): boolean {
  return isIPv4(s) || (s.includes(':') && isIPv6(s))
}

/** isCIDR is govalidator.IsCIDR (net.ParseCIDR). */
export function isCIDR(s: string): boolean {
  const slash = s.indexOf('/')
  if (slash < 0) return false
  const addr = s.slice(0, slash)
  const mask = s.slice(slash + 1)
  if (!/^[0-9]{1,3}$/.test(mask)) return false
  const bits = isIPv4(addr) ? 32 : addr.includes(':') && isIPv6(addr) ? 128 : -1
  return bits > 0 && Number(mask) <= bits
}

const dnsNameRegexp =
  /^([a-zA-Z0-9_]{1}[a-zA-Z0-9_-]{0,62}){1}(\.[a-zA-Z0-9_]{1}[a-zA-Z0-9_-]{0,62})*[._]?$/

/** isDNSName is govalidator.IsDNSName: a host name that is not an IP. */
export function isDNSName(s: string): boolean {
  if (s === '' || s.replaceAll('.', '').length > 255) return false
  return !isIP(s) && dnsNameRegexp.test(s)
}

/** isFilePath is govalidator.IsFilePath: a Windows or Unix path. */
export function isFilePath(s: string): boolean {
  if (/^[a-zA-Z]:\\(?:[^\\/:*?"<>|\r\n]+\\)*[^\\/:*?"<>|\r\n]*$/.test(s)) {
    return s.length - 3 <= 32767
  }
  return /^(\/[^/\x00]*)+\/?$/.test(s)
}

/** isJSON is govalidator.IsJSON: the text parses as JSON. */
export function isJSON(s: string): boolean {
  try {
    JSON.parse(s)
    return true
  } catch {
    return false
  }
}

/** GoURL holds the parts of Go's url.URL Kuma's validators look at. */
export interface GoURL {
  scheme: string
  opaque: string
  user: boolean
  host: string
  path: string
  rawQuery: string
  fragment: string
}

/** goURLPort is url.URL.Port(): the digits after the host's last colon. */
export function goURLPort(u: GoURL): string {
  const host = u.host
  const colon = host.lastIndexOf(':')
  if (colon < 0 || host.slice(colon).includes(']')) return ''
  return host.slice(colon + 1)
}

function validPercentEscapes(s: string): boolean {
  return !/%(?![0-9a-fA-F]{2})/.test(s)
}

/**
 * parseGoURL follows Go's url.Parse (viaRequest false) or url.ParseRequestURI (true) closely
 * enough to accept and reject the same strings; it returns undefined where Go returns an error.
 */
export function parseGoURL(raw: string, viaRequest = false): GoURL | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(raw)) return undefined
  const u: GoURL = {
    scheme: '',
    opaque: '',
    user: false,
    host: '',
    path: '',
    rawQuery: '',
    fragment: '',
  }
  let rest = raw
  if (!viaRequest) {
    const hash = rest.indexOf('#')
    if (hash >= 0) {
      u.fragment = rest.slice(hash + 1)
      if (!validPercentEscapes(u.fragment)) return undefined
      rest = rest.slice(0, hash)
    }
  }
  if (rest === '' && viaRequest) return undefined
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest)
  if (schemeMatch) {
    u.scheme = schemeMatch[1].toLowerCase()
    rest = rest.slice(schemeMatch[0].length)
  } else if (rest.startsWith(':')) {
    return undefined
  }
  const q = rest.indexOf('?')
  if (q >= 0) {
    u.rawQuery = rest.slice(q + 1)
    rest = rest.slice(0, q)
  }
  if (!rest.startsWith('/')) {
    if (u.scheme !== '') {
      u.opaque = rest
      return u
    }
    if (viaRequest) return undefined
    const colon = rest.indexOf(':')
    const slash = rest.indexOf('/')
    if (colon >= 0 && (slash < 0 || colon < slash)) return undefined
  }
  if ((u.scheme !== '' || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
    const end = rest.indexOf('/', 2)
    let authority = end < 0 ? rest.slice(2) : rest.slice(2, end)
    rest = end < 0 ? '' : rest.slice(end)
    const at = authority.lastIndexOf('@')
    if (at >= 0) {
      u.user = true
      authority = authority.slice(at + 1)
    }
    if (!validHost(authority)) return undefined
    u.host = authority
  }
  if (!validPercentEscapes(rest)) return undefined
  u.path = rest
  return u
}

function validHost(host: string): boolean {
  let port = ''
  if (host.startsWith('[')) {
    const end = host.indexOf(']')
    if (end < 0) return false
    port = host.slice(end + 1)
    if (port !== '' && !port.startsWith(':')) return false
  } else {
    const colon = host.lastIndexOf(':')
    if (colon >= 0) port = host.slice(colon)
    if (/[ <>"{}|\\^`]/.test(host)) return false
  }
  return port === '' || /^:[0-9]*$/.test(port)
}

const IPV6 =
  '(([0-9a-fA-F]{1,4}:){7,7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:)|fe80:(:[0-9a-fA-F]{0,4}){0,4}%[0-9a-zA-Z]{1,}|::(ffff(:0{1,4}){0,1}:){0,1}((25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])\\.){3,3}(25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])|([0-9a-fA-F]{1,4}:){1,4}:((25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])\\.){3,3}(25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9]))'
const URL_IP =
  '([1-9]\\d?|1\\d\\d|2[01]\\d|22[0-3]|24\\d|25[0-5])(\\.(\\d{1,2}|1\\d\\d|2[0-4]\\d|25[0-5])){2}(?:\\.([0-9]\\d?|1\\d\\d|2[0-4]\\d|25[0-5]))'
const URL_SUBDOMAIN = '((www\\.)|([a-zA-Z0-9]+([-_.]?[a-zA-Z0-9])*[a-zA-Z0-9]\\.[a-zA-Z0-9]+))'
const rxURL = new RegExp(
  '^((ftp|tcp|udp|wss?|https?):\\/\\/)?(\\S+(:\\S*)?@)?((' +
    URL_IP +
    '|(\\[' +
    IPV6 +
    '\\])|(([a-zA-Z0-9]([a-zA-Z0-9-_]+)?[a-zA-Z0-9]([-.][a-zA-Z0-9]+)*)|(' +
    URL_SUBDOMAIN +
    '?))?(([a-zA-Z\\u00a1-\\uffff0-9]+-?-?)*[a-zA-Z\\u00a1-\\uffff0-9]+)(?:\\.([a-zA-Z\\u00a1-\\uffff]{1,}))?))\\.?(:(\\d{1,5}))?((\\/|\\?|#)[^\\s]*)?$',
  'u',
)

/** isURL is govalidator.IsURL. */
export function isURL(s: string): boolean {
  if (s === '' || [...s].length >= 2083 || s.length <= 3 || s.startsWith('.')) return false
  const candidate = s.includes(':') && !s.includes('://') ? 'http://' + s : s
  const u = parseGoURL(candidate)
  if (!u) return false
  if (u.host.startsWith('.')) return false
  if (u.host === '' && u.path !== '' && !u.path.includes('.')) return false
  return rxURL.test(s)
}

/** splitHostPort reports whether Go's net.SplitHostPort accepts the address. */
export function splitHostPort(hostport: string): boolean {
  const i = hostport.lastIndexOf(':')
  if (i < 0) return false
  let j = 0
  let k = 0
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']')
    if (end < 0) return false
    if (end + 1 === hostport.length) return false
    if (end + 1 !== i) return false
    j = 1
    k = end + 1
  } else if (hostport.slice(0, i).includes(':')) {
    return false
  }
  return !hostport.slice(j).includes('[') && !hostport.slice(k).includes(']')
}

/**
 * isRE2 reports whether Go's regexp.Compile would accept the pattern: JavaScript must compile it
 * and it must not use what RE2 leaves out (lookaround, backreferences, possessive quantifiers).
 */
export function isRE2(pattern: string): boolean {
  if (/\(\?<?[=!]|\\[1-9]|\\k<|[*+?}]\+/.test(pattern)) return false
  try {
    new RegExp(pattern.replace(/\(\?P</g, '(?<'), 'u')
    return true
  } catch {
    return false
  }
}

/** isDNS1123Subdomain returns Kubernetes' IsDNS1123Subdomain messages for the value. */
export function dns1123SubdomainErrors(value: string): string[] {
  const errs: string[] = []
  const fmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'
  if (value.length > 253) errs.push('must be no more than 253 characters')
  if (!new RegExp(`^${fmt}$`).test(value)) {
    errs.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '" +
        fmt +
        "')",
    )
  }
  return errs
}

/** spiffeIDError is go-spiffe's spiffeid.FromString error text, or undefined for a valid ID. */
export function spiffeIDError(id: string): string | undefined {
  const prefix = 'spiffe://'
  if (id === '') return 'cannot be empty'
  if (!id.startsWith(prefix)) return 'scheme is missing or invalid'
  let i = prefix.length
  for (; i < id.length && id[i] !== '/'; i++) {
    if (!/[a-z0-9._-]/.test(id[i])) {
      return 'trust domain characters are limited to lowercase letters, numbers, dots, dashes, and underscores'
    }
  }
  if (i === prefix.length) return 'trust domain is missing'
  const path = id.slice(i)
  if (path === '') return undefined
  const segments = path.split('/').slice(1)
  for (const [n, seg] of segments.entries()) {
    const last = n === segments.length - 1
    if (seg === '')
      return last ? 'path cannot have a trailing slash' : 'path cannot contain empty segments'
    if (seg === '.' || seg === '..') return 'path cannot contain dot segments'
    if (!/^[a-zA-Z0-9._-]+$/.test(seg)) {
      return 'path segment characters are limited to letters, numbers, dots, dashes, and underscores'
    }
  }
  return undefined
}
