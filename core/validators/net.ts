/** @module Go's address rules Kuma's validators lean on (net.ParseIP, net.ParseCIDR, net.SplitHostPort, govalidator.IsDNSName). */
import { byteLength } from './names'

/** parseIP reads an address as Go's net.ParseIP: 16 bytes (IPv4 mapped), or undefined. */
export function parseIP(s: string): number[] | undefined {
  const v4 = parseIPv4(s)
  if (v4) return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4]
  return parseIPv6(s)
}

/** isIP is govalidator.IsIP (Go's `net.ParseIP(s) != nil`). */
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

/** ipEqual is Go's net.IP.Equal on two parsed addresses. */
export function ipEqual(a: number[] | undefined, b: number[] | undefined): boolean {
  return !!a && !!b && a.every((x, i) => x === b[i])
}

/** isCIDR is govalidator.IsCIDR (net.ParseCIDR). */
export function isCIDR(s: string): boolean {
  const slash = s.indexOf('/')
  if (slash < 0) return false
  const addr = s.slice(0, slash)
  const mask = s.slice(slash + 1)
  if (!/^[0-9]{1,3}$/.test(mask)) return false
  const bits = parseIPv4(addr) ? 32 : parseIPv6(addr) ? 128 : -1
  return bits > 0 && Number(mask) <= bits
}

const rxDNSName =
  /^([a-zA-Z0-9_]{1}[a-zA-Z0-9_-]{0,62}){1}(\.[a-zA-Z0-9_]{1}[a-zA-Z0-9_-]{0,62})*[._]?$/

/** isDNSName is govalidator.IsDNSName: a host name that is not an IP address. */
export function isDNSName(s: string): boolean {
  if (s === '' || byteLength(s.replaceAll('.', '')) > 255) return false
  return !isIP(s) && rxDNSName.test(s)
}

/** splitHostPort is Go's net.SplitHostPort; undefined where Go returns an error. */
export function splitHostPort(hostport: string): { host: string; port: string } | undefined {
  const i = hostport.lastIndexOf(':')
  if (i < 0) return undefined
  let host: string
  let j = 0
  let k = 0
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']')
    if (end < 0 || end + 1 === hostport.length || end + 1 !== i) return undefined
    host = hostport.slice(1, end)
    j = 1
    k = end + 1
  } else {
    host = hostport.slice(0, i)
    if (host.includes(':')) return undefined
  }
  if (hostport.slice(j).includes('[') || hostport.slice(k).includes(']')) return undefined
  return { host, port: hostport.slice(i + 1) }
}
