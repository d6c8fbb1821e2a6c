/** @module Go's address and URL parsing rules that Kuma's validators lean on (net, net/url, govalidator). */

/** parseIP reads an address as Go's net.ParseIP: 16 bytes (IPv4 mapped), or undefined. */
export function parseIP(s: string): number[] | undefined {
  const v4 = parseIPv4(s)
  if (v4) return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4]
  return parseIPv6(s)
}

export function isIP(s: string): boolean {
  return parseIP(s) !== undefined
}

function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.')
  if (parts.length !== 4) return undefined
  const out: number[] = []
  for (const p of parts) {
    // Go rejects leading zeros since 1.17
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined
    const n = Number(p)
    if (n > 255) return undefined
    out.push(n)
  }
  return out
}

function parseIPv6(s: string): number[] | undefined {
  if (s.includes('%')) return undefined
  const halves = s.split('::')
  if (halves.length > 2) return undefined
  const groups = (h: string): number[] | undefined => {
    if (h === '') return []
    const out: number[] = []
    const parts = h.split(':')
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIPv4(p)
        if (!v4) return undefined
        out.push(...v4)
        continue
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined
      const n = parseInt(p, 16)
      out.push(n >> 8, n & 0xff)
    }
    return out
  }
  const head = groups(halves[0])
  const tail = halves.length === 2 ? groups(halves[1]) : []
  if (!head || !tail) return undefined
  if (halves.length === 1) return head.length === 16 ? head : undefined
  if (halves[0] !== '' && halves[0].split(':').at(-1)?.includes('.')) return undefined
  const fill = 16 - head.length - tail.length
  if (fill < 2) return undefined
  return [...head, ...new Array<number>(fill).fill(0), ...tail]
}

/** isUnspecified is true for 0.0.0.0 and ::. */
export function isUnspecified(ip: number[] | undefined): boolean {
  if (!ip) return false
  const v4 = ip.slice(0, 12).every((b, i) => (i < 10 ? b === 0 : b === 0xff))
  return v4 ? ip.slice(12).every((b) => b === 0) : ip.every((b) => b === 0)
}

export function ipEqual(a: number[] | undefined, b: number[] | undefined): boolean {
  return !!a && !!b && a.every((x, i) => x === b[i])
}

const DNS_NAME = /^([a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})(\.[a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})*[._]?$/

/** isDNSName is govalidator.IsDNSName. */
export function isDNSName(s: string): boolean {
  if (s === '' || s.replaceAll('.', '').length > 255) return false
  return !isIP(s) && DNS_NAME.test(s)
}

/** ParsedURI is the part of Go's url.URL that validators look at. */
export interface ParsedURI {
  scheme: string
  host: string
  port: string
}

/** parseRequestURI follows Go's url.ParseRequestURI; undefined where Go returns an error. */
export function parseRequestURI(raw: string): ParsedURI | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(raw) || raw === '') return undefined
  if (raw === '*') return { scheme: '', host: '', port: '' }
  let scheme = ''
  let rest = raw
  const m = /^[a-zA-Z][a-zA-Z0-9+\-.]*:/.exec(raw)
  if (m) {
    scheme = m[0].slice(0, -1).toLowerCase()
    rest = raw.slice(m[0].length)
  } else if (raw.startsWith(':')) {
    return undefined
  }
  rest = rest.split('?')[0]
  if (!rest.startsWith('/')) {
    return scheme !== '' ? { scheme, host: '', port: '' } : undefined
  }
  let host = ''
  let port = ''
  if (scheme !== '' && rest.startsWith('//')) {
    const end = rest.indexOf('/', 2)
    const authority = end < 0 ? rest.slice(2) : rest.slice(2, end)
    rest = end < 0 ? '' : rest.slice(end)
    const hostPort = authority.slice(authority.lastIndexOf('@') + 1)
    const parsed = parseHostPort(hostPort)
    if (!parsed) return undefined
    ;({ host, port } = parsed)
  }
  if (/%(?![0-9a-fA-F]{2})/.test(rest)) return undefined
  return { scheme, host, port }
}

function parseHostPort(hostPort: string): { host: string; port: string } | undefined {
  let host = hostPort
  let portPart = ''
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']')
    if (close < 0) return undefined
    host = hostPort.slice(0, close + 1)
    portPart = hostPort.slice(close + 1)
  } else {
    const colon = hostPort.lastIndexOf(':')
    if (colon >= 0) {
      host = hostPort.slice(0, colon)
      portPart = hostPort.slice(colon)
    }
  }
  if (portPart !== '' && !/^:\d*$/.test(portPart)) return undefined
  if (/[^A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"%\u0080-\uffff]/.test(host)) return undefined
  return { host, port: portPart.slice(1) }
}

/** splitHostPort is Go's net.SplitHostPort; undefined on error. */
export function splitHostPort(hostport: string): { host: string; port: string } | undefined {
  const last = hostport.lastIndexOf(':')
  if (last < 0) return undefined
  let host: string
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']')
    if (end < 0) return undefined
    if (end + 1 === hostport.length || end + 1 !== last) return undefined
    host = hostport.slice(1, end)
    if (host.includes('[') || host.includes(']')) return undefined
  } else {
    host = hostport.slice(0, last)
    if (host.includes(':') || host.includes('[') || host.includes(']')) return undefined
  }
  if (hostport.slice(last + 1).includes(']')) return undefined
  return { host, port: hostport.slice(last + 1) }
}
