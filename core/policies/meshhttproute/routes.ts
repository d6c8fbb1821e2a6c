/**
 * @module MeshHTTPRoute rules as Envoy routes (Kuma `meshhttproute/xds` RoutesConfigurer, match.go
 * and filters/): matches, the route action over weighted splits, and the five filters.
 */
import type { Json } from '../../xds/resource-set'
import { decimalOf, fractionalPercent } from './xds-util'
import type { Split } from './backends'
import type { Filter, HeaderModifier, Match, PathMatch } from './types'

/** compareMatch is Kuma's `CompareMatch`: Gateway API precedence, most specific first. */
export function compareMatch(a: Match, b: Match): number {
  const p = comparePath(a.path, b.path)
  if (p !== 0) return p
  if (a.method && !b.method) return -1
  if (!a.method && b.method) return 1
  const h = (b.headers?.length ?? 0) - (a.headers?.length ?? 0)
  if (h !== 0) return Math.sign(h)
  return Math.sign((b.queryParams?.length ?? 0) - (a.queryParams?.length ?? 0))
}

const PATH_RANK = { Exact: 0, PathPrefix: 1, RegularExpression: 2 }

function comparePath(a: PathMatch | undefined, b: PathMatch | undefined): number {
  if (a && !b) return -1
  if (!a && b) return 1
  if (!a || !b) return 0
  if (a.type === b.type) return a.type === 'Exact' ? 0 : Math.sign(b.value.length - a.value.length)
  return Math.sign(PATH_RANK[a.type] - PATH_RANK[b.type])
}

interface EnvoyMatch {
  match: Json
  prefixMatch: boolean
}

function pathMatches(p: PathMatch): Json[] {
  if (p.type === 'Exact') return [{ path: p.value }]
  if (p.type === 'RegularExpression') return [{ safeRegex: { regex: p.value } }]
  if (p.value === '/') return [{ prefix: '/' }]
  // "path-separated prefixes only": /prefix exactly, or anything under /prefix/
  const trimmed = p.value.replace(/\/$/, '')
  return [{ path: trimmed }, { prefix: trimmed + '/' }]
}

function headerMatchers(match: Match): Json[] {
  const out: Json[] = []
  if (match.method) out.push({ name: ':method', stringMatch: { exact: match.method } })
  const seen = new Set<string>()
  for (const h of match.headers ?? []) {
    if (seen.has(h.name)) continue
    seen.add(h.name)
    const value = h.value ?? ''
    switch (h.type ?? 'Exact') {
      case 'Exact':
        out.push({ name: h.name, stringMatch: { exact: value } })
        break
      case 'Present':
        out.push({ name: h.name, presentMatch: true })
        break
      case 'RegularExpression':
        out.push({ name: h.name, stringMatch: { safeRegex: { regex: value } } })
        break
      case 'Absent':
        out.push({ name: h.name, presentMatch: false })
        break
      case 'Prefix':
        out.push(
          value
            ? { name: h.name, stringMatch: { prefix: value } }
            : { name: h.name, presentMatch: true },
        )
        break
    }
  }
  return out
}

function queryMatchers(match: Match): Json[] {
  const seen = new Set<string>()
  const out: Json[] = []
  for (const q of match.queryParams ?? []) {
    if (seen.has(q.name)) continue
    seen.add(q.name)
    out.push({
      name: q.name,
      stringMatch: q.type === 'Exact' ? { exact: q.value } : { safeRegex: { regex: q.value } },
    })
  }
  return out
}

/** envoyMatches is Kuma's `routeMatch`: a prefix other than `/` becomes two Envoy matches. */
export function envoyMatches(match: Match): EnvoyMatch[] {
  const paths = match.path ? pathMatches(match.path) : [{}]
  return paths.map((m) => {
    const headers = headerMatchers(match)
    const query = queryMatchers(match)
    return {
      match: {
        ...m,
        ...(headers.length > 0 ? { headers } : {}),
        ...(query.length > 0 ? { queryParameters: query } : {}),
      },
      prefixMatch: match.path?.type === 'PathPrefix',
    }
  })
}

function routeAction(splits: readonly Split[]): Json {
  const action: Json = { timeout: '0s' }
  if (splits.length === 1) action.cluster = splits[0]!.clusterName
  else {
    action.weightedClusters = {
      clusters: splits.map((s) => ({ name: s.clusterName, weight: s.weight })),
    }
  }
  if (splits.some((s) => s.external)) action.autoHostRewrite = true
  return action
}

function headerOptions(mod: HeaderModifier): { add: Json[]; remove: string[] } {
  const add: Json[] = [
    ...(mod.set ?? []).map((h) => ({
      appendAction: 'OVERWRITE_IF_EXISTS_OR_ADD',
      header: { key: h.name, value: h.value },
    })),
    // APPEND_IF_EXISTS_OR_ADD is proto3's default
    ...(mod.add ?? []).map((h) => ({ header: { key: h.name, value: h.value } })),
  ]
  return { add, remove: [...(mod.remove ?? [])] }
}

const regexRewrite = (s: string): Json => ({ pattern: { regex: '.*' }, substitution: s })

const REDIRECT_CODE: Readonly<Record<number, string | undefined>> = {
  301: 'MOVED_PERMANENTLY',
  302: undefined, // FOUND is proto3's default
  303: 'SEE_OTHER',
  307: 'TEMPORARY_REDIRECT',
  308: 'PERMANENT_REDIRECT',
}

function applyFilter(
  route: Json,
  m: EnvoyMatch,
  f: Filter,
  mirrorCluster: (f: Filter) => string | undefined,
): void {
  const action = route.route as Json | undefined
  const exactPrefix = typeof m.match.path === 'string'
  const prefixPrefix = typeof m.match.prefix === 'string'
  switch (f.type) {
    case 'RequestHeaderModifier':
    case 'ResponseHeaderModifier': {
      const mod =
        f.type === 'RequestHeaderModifier' ? f.requestHeaderModifier : f.responseHeaderModifier
      if (!mod) break
      const { add, remove } = headerOptions(mod)
      const dir = f.type === 'RequestHeaderModifier' ? 'request' : 'response'
      if (add.length > 0) {
        route[`${dir}HeadersToAdd`] = [...((route[`${dir}HeadersToAdd`] as Json[]) ?? []), ...add]
      }
      if (remove.length > 0) {
        route[`${dir}HeadersToRemove`] = [
          ...((route[`${dir}HeadersToRemove`] as string[]) ?? []),
          ...remove,
        ]
      }
      break
    }
    case 'RequestRedirect': {
      const r = f.requestRedirect
      if (!r) break
      const redirect: Json = {}
      if (r.hostname) redirect.hostRedirect = r.hostname
      if (r.port) redirect.portRedirect = r.port
      if (r.scheme) redirect.schemeRedirect = r.scheme
      if (r.path?.type === 'ReplaceFullPath')
        redirect.regexRewrite = regexRewrite(r.path.replaceFullPath ?? '')
      if (r.path?.type === 'ReplacePrefixMatch' && m.prefixMatch) {
        if (exactPrefix) redirect.regexRewrite = regexRewrite(r.path.replacePrefixMatch ?? '')
        else if (prefixPrefix) redirect.prefixRewrite = r.path.replacePrefixMatch ?? ''
      }
      const code = REDIRECT_CODE[r.statusCode ?? 302]
      if (code) redirect.responseCode = code
      delete route.route
      route.redirect = redirect
      break
    }
    case 'URLRewrite': {
      const r = f.urlRewrite
      if (!r || !action) break
      if (r.hostname) {
        delete action.autoHostRewrite
        action.hostRewriteLiteral = r.hostname
      }
      if (r.path?.type === 'ReplaceFullPath')
        action.regexRewrite = regexRewrite(r.path.replaceFullPath ?? '')
      if (r.path?.type === 'ReplacePrefixMatch' && m.prefixMatch) {
        if (exactPrefix) action.regexRewrite = regexRewrite(r.path.replacePrefixMatch ?? '')
        else if (prefixPrefix) action.prefixRewrite = r.path.replacePrefixMatch ?? ''
      }
      break
    }
    case 'RequestMirror': {
      const r = f.requestMirror
      const cluster = mirrorCluster(f)
      if (!r || !action || !cluster) break
      const policy: Json = { cluster }
      if (r.percentage !== undefined) {
        policy.runtimeFraction = { defaultValue: fractionalPercent(decimalOf(r.percentage)) }
      }
      action.requestMirrorPolicies = [...((action.requestMirrorPolicies as Json[]) ?? []), policy]
      break
    }
  }
}

/** OutboundRoute is one rule's match with its filters and splits (Kuma `xds.OutboundRoute`). */
export interface OutboundRoute {
  name: string
  match: Match
  filters: readonly Filter[]
  splits: readonly Split[]
}

/** envoyRoutes is Kuma's `RoutesConfigurer.Configure` for one OutboundRoute. */
export function envoyRoutes(
  r: OutboundRoute,
  mirrorCluster: (f: Filter) => string | undefined,
): Json[] {
  return envoyMatches(r.match).map((m) => {
    const route: Json = { name: r.name, match: m.match, route: routeAction(r.splits) }
    for (const f of r.filters) applyFilter(route, m, f, mirrorCluster)
    return route
  })
}
