/** @module Go's URL rules Kuma's validators lean on (net/url's Parse and ParseRequestURI, govalidator.IsURL). */

/** GoURL holds the parts of Go's url.URL Kuma's validators look at; `host` keeps its port. */
export interface GoURL {
  scheme: string
  opaque: string
  user: boolean
  host: string
  path: string
  rawQuery: string
  fragment: string
}

const validPercentEscapes = (s: string): boolean => !/%(?![0-9a-fA-F]{2})/.test(s)

/** validHost is url.parseHost: an optional `:port` of digits, and only characters Go leaves unescaped. */
function validHost(host: string): boolean {
  let port = ''
  if (host.startsWith('[')) {
    const end = host.indexOf(']')
    if (end < 0) return false
    port = host.slice(end + 1)
  } else {
    const colon = host.lastIndexOf(':')
    if (colon >= 0) port = host.slice(colon)
  }
  if (port !== '' && !/^:\d*$/.test(port)) return false
  return (
    !/[^A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"%\u0080-\uffff]/.test(host) && validPercentEscapes(host)
  )
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
  if (rest === '*') return { ...u, path: '*' }
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

/** goURLPort is url.URL.Port(): the digits after the host's last colon. */
export function goURLPort(u: GoURL): string {
  const host = u.host
  const colon = host.lastIndexOf(':')
  if (colon < 0 || host.slice(colon).includes(']')) return ''
  return host.slice(colon + 1)
}

/** ParsedURI is the part of Go's url.URL the proto-kind validators look at. */
export interface ParsedURI {
  scheme: string
  /** host without its port (an IPv6 literal keeps its brackets) */
  host: string
  port: string
}

/** parseRequestURI is Go's url.ParseRequestURI; undefined where Go returns an error. */
export function parseRequestURI(raw: string): ParsedURI | undefined {
  const u = parseGoURL(raw, true)
  if (!u) return undefined
  const colon = u.host.lastIndexOf(':')
  const hasPort = colon >= 0 && !u.host.slice(colon).includes(']')
  return { scheme: u.scheme, host: hasPort ? u.host.slice(0, colon) : u.host, port: goURLPort(u) }
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
