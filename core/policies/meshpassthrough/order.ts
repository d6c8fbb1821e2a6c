/**
 * @module The filter chain matchers of MeshPassthrough, grouped and ordered as Kuma does
 * (`meshpassthrough/plugin/xds/order.go`): most specific first, since Envoy picks a filter chain
 * by port, then address, then server name.
 */
import type { Conf, Match } from './types'

/** MatchType is Kuma's enum; its numeric order matters for sorting (higher is more specific). */
export const MatchType = {
  WildcardDomain: 1,
  Domain: 2,
  CIDR: 3,
  CIDRV6: 4,
  IP: 5,
  IPV6: 6,
} as const
export type MatchType = (typeof MatchType)[keyof typeof MatchType]

/** Protocol of a passthrough match (`mysql` is carried over TCP). */
export type Protocol = 'tcp' | 'tls' | 'http' | 'http2' | 'grpc' | 'mysql'

const PROTOCOL_ORDER: Readonly<Record<string, number>> = {
  tls: 0,
  tcp: 1,
  http: 2,
  http2: 3,
  grpc: 4,
}
const L7 = ['http', 'http2', 'grpc']

export interface Route {
  value: string
  matchType: MatchType
}

/** FilterChainMatch is one filter chain to build: what it matches and, for HTTP domains, its routes. */
export interface FilterChainMatch {
  protocol: Protocol
  port: number
  matchType: MatchType
  value: string
  routes: Route[]
}

const isIPv6 = (s: string) => s.includes(':')

/** parseProtocol is Kuma's `ParseProtocol` for the protocols MeshPassthrough accepts. */
const parseProtocol = (p: string | undefined): Protocol =>
  (['tls', 'http', 'http2', 'grpc', 'mysql'] as const).find((x) => x === p) ?? 'tcp'

function matchTypeOf(m: Match, protocol: Protocol): { type: MatchType; wildcard: boolean } {
  if (m.type === 'IP')
    return { type: isIPv6(m.value) ? MatchType.IPV6 : MatchType.IP, wildcard: false }
  if (m.type === 'CIDR') {
    return {
      type: isIPv6(m.value.split('/')[0]) ? MatchType.CIDRV6 : MatchType.CIDR,
      wildcard: false,
    }
  }
  if (m.value.startsWith('*')) {
    // L7 domains become routes of one chain; the wildcard only matters to the route
    if (L7.includes(protocol)) return { type: MatchType.Domain, wildcard: true }
    return { type: MatchType.WildcardDomain, wildcard: false }
  }
  return { type: MatchType.Domain, wildcard: false }
}

const keyOf = (protocol: string, port: number, type: number, value: string) =>
  JSON.stringify([protocol, port, type, value])

export type OrderResult =
  { ok: true; matches: FilterChainMatch[] } | { ok: false; errors: string[] }

/**
 * orderedMatchers is Kuma's `GetOrderedMatchers`. HTTP domains on one port share a chain (one
 * virtual host each); a match for every port is repeated on each port some other match names,
 * since Envoy would otherwise pick the port-specific chains and miss it.
 */
export function orderedMatchers(conf: Conf): OrderResult {
  const groups = new Map<string, FilterChainMatch>()
  const portProtocols = new Map<number, Set<Protocol>>()
  for (const m of conf.appendMatch ?? []) {
    const port = m.port ?? 0
    const protocol = parseProtocol(m.protocol)
    const { type, wildcard } = matchTypeOf(m, protocol)
    portProtocols.set(port, (portProtocols.get(port) ?? new Set()).add(protocol))
    const l7Domain = L7.includes(protocol) && type === MatchType.Domain
    const value = l7Domain ? '' : m.value
    const key = keyOf(protocol, port, type, value)
    const g = groups.get(key) ?? { protocol, port, matchType: type, value, routes: [] }
    if (l7Domain) {
      const route = { value: m.value, matchType: wildcard ? MatchType.WildcardDomain : type }
      if (!g.routes.some((r) => r.value === route.value && r.matchType === route.matchType)) {
        g.routes.push(route)
      }
    } else g.routes = []
    groups.set(key, g)
  }
  const errors: string[] = []
  for (const [port, protocols] of [...portProtocols].sort((a, b) => a[0] - b[0])) {
    if (L7.filter((p) => protocols.has(p as Protocol)).length > 1) {
      errors.push(`you cannot configure http, http2, grpc on the same port ${port}`)
    }
  }
  if (errors.length > 0) return { ok: false, errors }
  const out = new Map<string, FilterChainMatch>()
  const addRoutes = (target: FilterChainMatch, routes: Route[]) => {
    for (const r of routes) {
      if (!target.routes.some((x) => x.value === r.value && x.matchType === r.matchType)) {
        target.routes.push({ ...r })
      }
    }
  }
  const upsert = (m: FilterChainMatch, port: number) => {
    const key = keyOf(m.protocol, port, m.matchType, m.value)
    const existing = out.get(key)
    if (existing) addRoutes(existing, m.routes)
    else out.set(key, { ...m, port, routes: m.routes.map((r) => ({ ...r })) })
  }
  // a deterministic order before the stable sort, where Kuma iterates a Go map
  const sortedGroups = [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, g]) => g)
  for (const g of sortedGroups) {
    upsert(g, g.port)
    if (g.port === 0) for (const port of portProtocols.keys()) if (port !== 0) upsert(g, port)
  }
  const matches = [...out.values()]
  for (const m of matches) m.routes = orderedRoutes(m.routes)
  return { ok: true, matches: stableSort(matches, matcherLess) }
}

function stableSort<T>(xs: T[], less: (a: T, b: T) => boolean): T[] {
  return xs
    .map((x, i) => ({ x, i }))
    .sort((a, b) => (less(a.x, b.x) ? -1 : less(b.x, a.x) ? 1 : a.i - b.i))
    .map((e) => e.x)
}

/** domainLess is Kuma's `sortDomains`: more labels first, then alphabetical. */
function domainLess(a: string, b: string): boolean {
  const la = a.split('.').length
  const lb = b.split('.').length
  if (la !== lb) return la > lb
  return a < b
}

function orderedRoutes(routes: Route[]): Route[] {
  const sorted = [...routes].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
  return stableSort(sorted, (a, b) => {
    if (a.matchType !== b.matchType) return a.matchType > b.matchType
    if (a.matchType === MatchType.Domain || a.matchType === MatchType.WildcardDomain) {
      return domainLess(a.value, b.value)
    }
    return false
  })
}

function matcherLess(a: FilterChainMatch, b: FilterChainMatch): boolean {
  const pa = PROTOCOL_ORDER[a.protocol] ?? 0
  const pb = PROTOCOL_ORDER[b.protocol] ?? 0
  if (pa !== pb) return pa < pb
  if (a.matchType !== b.matchType) return a.matchType > b.matchType
  if (a.port !== b.port) return a.port > b.port
  if (a.matchType === MatchType.Domain || a.matchType === MatchType.WildcardDomain) {
    return domainLess(a.value, b.value)
  }
  if (a.matchType === MatchType.CIDR || a.matchType === MatchType.CIDRV6) {
    const [ipA, maskA] = ipAndMask(a.value)
    const [ipB, maskB] = ipAndMask(b.value)
    if (maskA === maskB) return ipA > ipB
    return maskA > maskB
  }
  if (a.matchType === MatchType.IP || a.matchType === MatchType.IPV6) return a.value > b.value
  return a.routes.length > b.routes.length
}

// ---- CIDRs, as Go's net.ParseCIDR gives them back (the network address and prefix length) ----

function parseIPv6(s: string): number[] | undefined {
  const halves = s.split('::')
  if (halves.length > 2) return undefined
  const part = (h: string) => (h === '' ? [] : h.split(':'))
  const head = part(halves[0])
  const tail = halves.length === 2 ? part(halves[1]) : []
  const words: number[] = []
  const push = (groups: string[]) => {
    for (const g of groups) {
      if (g.includes('.')) {
        const v4 = g.split('.').map(Number)
        words.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3])
      } else words.push(parseInt(g, 16))
    }
  }
  push(head)
  const fill = 8 - words.length - tail.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0)
  if (halves.length === 2) for (let i = 0; i < fill; i++) words.push(0)
  push(tail)
  return words.length === 8 && words.every((w) => w >= 0 && w <= 0xffff) ? words : undefined
}

/** formatIPv6 is Go's `net.IP.String` for IPv6: the longest run of 2+ zero words becomes `::`. */
function formatIPv6(w: number[]): string {
  let best = -1
  let bestLen = 0
  for (let i = 0; i < 8;) {
    if (w[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && w[j] === 0) j++
    if (j - i > bestLen && j - i >= 2) {
      best = i
      bestLen = j - i
    }
    i = j
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(':')
  if (best < 0) return hex(w)
  return `${hex(w.slice(0, best))}::${hex(w.slice(best + bestLen))}`
}

/** ipAndMask is Kuma's `getIpAndMask`: the CIDR's network address and prefix length. */
export function ipAndMask(cidr: string): [string, number] {
  const [ip, maskText] = cidr.split('/')
  const mask = Number(maskText)
  if (!Number.isInteger(mask) || mask < 0) return ['', 0]
  if (!isIPv6(ip)) {
    const octets = ip.split('.').map(Number)
    if (octets.length !== 4 || mask > 32 || octets.some((o) => !(o >= 0 && o <= 255)))
      return ['', 0]
    const bits = octets.reduce((n, o) => n * 256 + o, 0)
    const net = mask === 0 ? 0 : Math.floor(bits / 2 ** (32 - mask)) * 2 ** (32 - mask)
    return [[24, 16, 8, 0].map((s) => Math.floor(net / 2 ** s) % 256).join('.'), mask]
  }
  const words = parseIPv6(ip)
  if (!words || mask > 128) return ['', 0]
  const masked = words.map((w, i) => {
    const keep = Math.max(0, Math.min(16, mask - i * 16))
    return keep === 0 ? 0 : w & (0xffff << (16 - keep)) & 0xffff
  })
  return [formatIPv6(masked), mask]
}
