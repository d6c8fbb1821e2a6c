/**
 * @module Snapshot: the immutable set of Envoy resources served to one proxy, keyed by xDS type URL
 * and resource name, with content-derived versions (go-control-plane `pkg/cache/v3`).
 */
import { PathBuilder, type Violation } from '../validators/validation-error'

const TYPE_PREFIX = 'type.googleapis.com/'

/** TypeUrl names every xDS resource type Kumo serves (go-control-plane `pkg/resource/v3`). */
export const TypeUrl = {
  Listener: `${TYPE_PREFIX}envoy.config.listener.v3.Listener`,
  Cluster: `${TYPE_PREFIX}envoy.config.cluster.v3.Cluster`,
  RouteConfiguration: `${TYPE_PREFIX}envoy.config.route.v3.RouteConfiguration`,
  ScopedRouteConfiguration: `${TYPE_PREFIX}envoy.config.route.v3.ScopedRouteConfiguration`,
  VirtualHost: `${TYPE_PREFIX}envoy.config.route.v3.VirtualHost`,
  ClusterLoadAssignment: `${TYPE_PREFIX}envoy.config.endpoint.v3.ClusterLoadAssignment`,
  Secret: `${TYPE_PREFIX}envoy.extensions.transport_sockets.tls.v3.Secret`,
  Runtime: `${TYPE_PREFIX}envoy.service.runtime.v3.Runtime`,
  ExtensionConfig: `${TYPE_PREFIX}envoy.config.core.v3.TypedExtensionConfig`,
} as const

export type TypeUrl = (typeof TypeUrl)[keyof typeof TypeUrl]

/**
 * XDS_TYPE_ORDER is the order an ADS server pushes types in so Envoy never sees a reference before
 * its target: clusters before endpoints, listeners before routes (Envoy's "make before break").
 */
export const XDS_TYPE_ORDER: readonly string[] = [
  TypeUrl.Cluster,
  TypeUrl.ClusterLoadAssignment,
  TypeUrl.Listener,
  TypeUrl.RouteConfiguration,
  TypeUrl.ScopedRouteConfiguration,
  TypeUrl.VirtualHost,
  TypeUrl.Secret,
  TypeUrl.Runtime,
  TypeUrl.ExtensionConfig,
]

/**
 * EnvoyResource is one resource in Envoy's proto3 JSON form: camelCase field names, `@type` on
 * every Any, durations as `"5s"`, 64-bit integers as strings.
 */
export type EnvoyResource = { readonly [field: string]: unknown }

/** Resources maps type URL, then resource name, to the resource. */
export type Resources = { readonly [typeUrl: string]: { readonly [name: string]: EnvoyResource } }

/** Hashes maps type URL, then resource name, to the resource's content hash (`resourceHash`). */
export type Hashes = { readonly [typeUrl: string]: { readonly [name: string]: string } }

/**
 * Snapshot is what an xDS server sends one proxy. Invariant: `hashes`, `versions` and `version`
 * are pure functions of `resources` (same resources, same versions), so replicas that build the
 * same config agree and a proxy that reconnects is not sent an update it already has. They are
 * built bottom-up: each resource's content hash (its delta-xDS version and the key the zone sync
 * de-duplicates bodies by), each type's version from its names and hashes, the snapshot's
 * version from the types' versions. So a holder of the hashes (the zone agent) derives the same
 * versions without serialising a body again.
 */
export interface Snapshot {
  /** version changes whenever any resource of any type changes. */
  readonly version: string
  /** versions holds the per-type version an xDS SotW response carries as `version_info`. */
  readonly versions: { readonly [typeUrl: string]: string }
  /** hashes holds each resource's content hash. */
  readonly hashes: Hashes
  readonly resources: Resources
}

/** newSnapshot versions resources by content hash; empty types are dropped. */
export function newSnapshot(resources: Resources): Snapshot {
  return versioned(resources, resourceHash)
}

/**
 * snapshotOfHashes builds a snapshot from resources whose content hashes the caller already
 * knows and has checked (the zone agent verifies each body against its hash once, on arrival).
 */
export function snapshotOfHashes(resources: Resources, hashes: Hashes): Snapshot {
  return versioned(resources, (_, typeUrl, name) => {
    const h = hashes[typeUrl]?.[name]
    if (h === undefined) throw new Error(`no hash for ${typeUrl} ${name}`)
    return h
  })
}

function versioned(
  resources: Resources,
  hashOf: (r: EnvoyResource, typeUrl: string, name: string) => string,
): Snapshot {
  const kept: Record<string, Record<string, EnvoyResource>> = {}
  const hashes: Record<string, Record<string, string>> = {}
  const versions: Record<string, string> = {}
  for (const typeUrl of Object.keys(resources).sort()) {
    const byName = resources[typeUrl]
    if (!byName) continue
    const names = Object.keys(byName).sort()
    if (names.length === 0) continue
    kept[typeUrl] = byName as Record<string, EnvoyResource>
    const h: Record<string, string> = {}
    for (const name of names) h[name] = hashOf(byName[name], typeUrl, name)
    hashes[typeUrl] = h
    versions[typeUrl] = typeVersionOf(h)
  }
  return { version: contentHash(JSON.stringify(versions)), versions, hashes, resources: kept }
}

/** typeVersionOf is a type's version from its resources' hashes (names in sorted order). */
const typeVersionOf = (hashes: { readonly [name: string]: string }) =>
  contentHash(JSON.stringify(hashes))

/**
 * resourceHash is a resource's content hash: its delta-xDS version, and its zone-sync key. It
 * hashes the resource's JSON as sent (keys in the order they were built), which the generator
 * makes deterministic, and which a receiver that parses the JSON and serialises it again gets
 * back byte for byte. Bodies of objects shared by many snapshots are hashed once.
 */
export function resourceHash(r: EnvoyResource): string {
  let h = HASHED.get(r)
  if (h === undefined) {
    h = contentHash(JSON.stringify(r))
    // only frozen bodies can be remembered: a mutable one may change under its hash
    if (Object.isFrozen(r)) HASHED.set(r, h)
  }
  return h
}

const HASHED = new WeakMap<object, string>()

/** typeVersion is a type's version; a type the snapshot lacks has the version of no resources. */
export function typeVersion(snapshot: Snapshot, typeUrl: string): string {
  return snapshot.versions[typeUrl] ?? EMPTY_VERSION
}

/** resourceNames lists a type's resource names, sorted. */
export function resourceNames(snapshot: Snapshot, typeUrl: string): string[] {
  return Object.keys(snapshot.resources[typeUrl] ?? {}).sort()
}

/**
 * canonicalJson serialises with object keys sorted at every level (code-unit order) and array
 * order kept, so equal values give equal strings whatever order their keys were built in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null'
  }
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ','
      out += value[i] === undefined ? 'null' : canonicalJson(value[i])
    }
    return out + ']'
  }
  const obj = value as Record<string, unknown>
  let out = '{'
  let first = true
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k]
    if (v === undefined) continue
    out += (first ? '' : ',') + JSON.stringify(k) + ':' + canonicalJson(v)
    first = false
  }
  return out + '}'
}

const utf8 = new TextEncoder()

/**
 * fnv1a64 is 64-bit FNV-1a over the UTF-8 bytes of s, as 16 hex digits. Chosen over SHA-256
 * because it is synchronous and dependency-free in Workers, Node and browsers; versions only
 * need to change when content changes, not to resist an adversary. Arithmetic is done in two
 * 32-bit halves: the prime is 2^40 + 0x1b3, so h*p = h*0x1b3 + (lo << 40).
 */
export function fnv1a64(s: string): string {
  const bytes = utf8.encode(s)
  let hi = 0xcbf29ce4
  let lo = 0x84222325
  for (let i = 0; i < bytes.length; i++) {
    lo = (lo ^ bytes[i]) >>> 0
    const l = lo * 0x1b3
    const carry = Math.floor(l / 0x100000000)
    hi = (Math.imul(hi, 0x1b3) + (lo << 8) + carry) >>> 0
    lo = l >>> 0
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0')
}

/**
 * contentHash is a 64-bit non-cryptographic hash of a string's UTF-16 code units, as 16 hex
 * digits: two multiply-xorshift lanes (cyrb53's mixing, widened), a few times faster than
 * `fnv1a64` because it needs no UTF-8 encoding and no carries. Content versions only need to
 * change when content does; names Kuma derives by FNV keep using `fnv1a64`.
 */
export function contentHash(s: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  h1 ^= s.length
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0')
}

const EMPTY_VERSION = typeVersionOf({})

// ---------------------------------------------------------------------------------------------
// Consistency

const T = (name: string) => `${TYPE_PREFIX}${name}`
const TCP_PROXY = T('envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy')
const HCM = T('envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager')
const AGGREGATE_CLUSTER = T('envoy.extensions.clusters.aggregate.v3.ClusterConfig')

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

class Checker {
  readonly problems: Violation[] = []
  constructor(private readonly snapshot: Snapshot) {}

  has(typeUrl: string, name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.snapshot.resources[typeUrl] ?? {}, name)
  }

  need(typeUrl: string, name: string | undefined, at: PathBuilder, what: string) {
    if (name === undefined || name === '' || this.has(typeUrl, name)) return
    this.problems.push({
      field: at.toString(),
      message: `${what} "${name}" is not in the snapshot`,
    })
  }

  /** hasCluster is true when `name` needs no report (absent, empty or present). */
  hasCluster(name: unknown): boolean {
    const n = str(name)
    return n === undefined || n === '' || this.has(TypeUrl.Cluster, n)
  }

  hasSecret(name: unknown): boolean {
    const n = str(name)
    return n === undefined || n === '' || this.has(TypeUrl.Secret, n)
  }

  cluster(name: unknown, at: PathBuilder) {
    this.need(TypeUrl.Cluster, str(name), at, 'cluster')
  }
}

function checkListener(c: Checker, listener: Json, at: PathBuilder) {
  const chains = list(listener.filterChains).map((fc, i) => [fc, at.field('filterChains').index(i)])
  if (isObject(listener.defaultFilterChain)) {
    chains.push([listener.defaultFilterChain, at.field('defaultFilterChain')])
  }
  for (const [chain, chainAt] of chains as [unknown, PathBuilder][]) {
    if (!isObject(chain)) continue
    list(chain.filters).forEach((f, i) => {
      const typed = isObject(f) ? f.typedConfig : undefined
      if (!isObject(typed)) return
      const typedAt = chainAt.field('filters').index(i).field('typedConfig')
      if (typed['@type'] === TCP_PROXY) checkTcpProxy(c, typed, typedAt)
      if (typed['@type'] === HCM) checkHcm(c, typed, typedAt)
    })
  }
}

function checkTcpProxy(c: Checker, tcp: Json, at: PathBuilder) {
  if (tcp.cluster !== undefined) c.cluster(tcp.cluster, at.field('cluster'))
  checkWeighted(c, tcp.weightedClusters, at.field('weightedClusters'))
}

function checkWeighted(c: Checker, weighted: unknown, at: PathBuilder) {
  if (!isObject(weighted)) return
  list(weighted.clusters).forEach((wc, i) => {
    if (isObject(wc)) c.cluster(wc.name, at.field('clusters').index(i).field('name'))
  })
}

function checkHcm(c: Checker, hcm: Json, at: PathBuilder) {
  if (isObject(hcm.rds)) {
    const name = str(hcm.rds.routeConfigName)
    c.need(TypeUrl.RouteConfiguration, name, at.field('rds').field('routeConfigName'), 'route')
  }
  if (isObject(hcm.routeConfig))
    checkRouteConfiguration(c, hcm.routeConfig, at.field('routeConfig'))
}

function checkRouteConfiguration(c: Checker, rc: Json, at: PathBuilder) {
  list(rc.virtualHosts).forEach((vh, i) => {
    if (!isObject(vh)) return
    const vhAt = at.field('virtualHosts').index(i)
    list(vh.routes).forEach((r, j) => {
      if (!isObject(r) || !isObject(r.route)) return
      const actionAt = vhAt.field('routes').index(j).field('route')
      if (r.route.cluster !== undefined) c.cluster(r.route.cluster, actionAt.field('cluster'))
      checkWeighted(c, r.route.weightedClusters, actionAt.field('weightedClusters'))
      list(r.route.requestMirrorPolicies).forEach((m, k) => {
        const mirrorAt = actionAt.field('requestMirrorPolicies').index(k).field('cluster')
        if (isObject(m) && m.cluster !== undefined) c.cluster(m.cluster, mirrorAt)
      })
    })
  })
}

function checkCluster(c: Checker, name: string, cluster: Json, at: PathBuilder) {
  if (cluster.type === 'EDS') {
    const eds = isObject(cluster.edsClusterConfig) ? cluster.edsClusterConfig : {}
    const serviceName = str(eds.serviceName) || str(cluster.name) || name
    const edsAt = eds.serviceName ? at.field('edsClusterConfig').field('serviceName') : at
    c.need(TypeUrl.ClusterLoadAssignment, serviceName, edsAt, 'endpoints of EDS cluster')
  }
  const typed = isObject(cluster.clusterType) ? cluster.clusterType.typedConfig : undefined
  if (isObject(typed) && typed['@type'] === AGGREGATE_CLUSTER) {
    list(typed.clusters).forEach((n, i) => {
      c.cluster(n, at.field('clusterType').field('typedConfig').field('clusters').index(i))
    })
  }
}

/**
 * checkSideReferences finds clusters named from anywhere (gRPC services of access loggers,
 * tracers, ext_authz; tracing collectors) and SDS secrets fetched over ADS: Envoy rejects a
 * gRPC service on an unknown cluster and keeps a listener warming until its secrets arrive.
 */
function checkSideReferences(c: Checker, v: unknown, at: PathBuilder) {
  walkSideReferences(c, v, at, [])
}

/** pathAt builds the PathBuilder of `path` then `more`, only when a problem is reported. */
function pathAt(
  root: PathBuilder,
  path: readonly (string | number)[],
  ...more: (string | number)[]
) {
  let p = root
  for (const seg of [...path, ...more]) p = typeof seg === 'number' ? p.index(seg) : p.field(seg)
  return p
}

/** walkSideReferences keeps the path as segments and builds a PathBuilder only for a problem. */
function walkSideReferences(c: Checker, v: unknown, root: PathBuilder, path: (string | number)[]) {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      path.push(i)
      walkSideReferences(c, v[i], root, path)
      path.pop()
    }
    return
  }
  if (!isObject(v)) return
  for (const k of Object.keys(v)) {
    const child = v[k]
    if (k === 'envoyGrpc' && isObject(child)) {
      if (!c.hasCluster(child.clusterName))
        c.cluster(child.clusterName, pathAt(root, path, k, 'clusterName'))
    } else if (k === 'collectorCluster') {
      if (!c.hasCluster(child)) c.cluster(child, pathAt(root, path, k))
    } else if (isSdsSecretConfig(k, child)) {
      if (!c.hasSecret(child.name))
        c.need(TypeUrl.Secret, str(child.name), pathAt(root, path, k, 'name'), 'secret')
    } else if (k === 'tlsCertificateSdsSecretConfigs') {
      list(child).forEach((s, i) => {
        if (isSdsSecretConfig(k, s) && !c.hasSecret(s.name))
          c.need(TypeUrl.Secret, str(s.name), pathAt(root, path, k, i, 'name'), 'secret')
      })
    }
    if (child !== null && typeof child === 'object') {
      path.push(k)
      walkSideReferences(c, child, root, path)
      path.pop()
    }
  }
}

function isSdsSecretConfig(key: string, v: unknown): v is Json {
  return (
    (key.endsWith('SdsSecretConfig') || key === 'tlsCertificateSdsSecretConfigs') &&
    isObject(v) &&
    isObject(v.sdsConfig) &&
    isObject(v.sdsConfig.ads)
  )
}

/** shortName roots problem paths at the type's message name: `Listener["inbound:10.0.0.1:80"]`. */
const shortName = (typeUrl: string) => typeUrl.slice(typeUrl.lastIndexOf('.') + 1)

/**
 * consistent lists every dangling reference in a snapshot: clusters named by listeners
 * (tcp_proxy, inline route configs) and routes (cluster, weighted_clusters, mirrors), route
 * configurations named by RDS, endpoints of EDS clusters, clusters of aggregate clusters, gRPC
 * service and tracing collector clusters, and ADS-served SDS secrets. Empty means consistent
 * (go-control-plane `Snapshot.Consistent`, which Envoy relies on to converge).
 */
export function consistent(snapshot: Snapshot): Violation[] {
  const c = new Checker(snapshot)
  const each = (typeUrl: string, fn: (name: string, r: Json, at: PathBuilder) => void) => {
    for (const [name, r] of Object.entries(snapshot.resources[typeUrl] ?? {})) {
      if (isObject(r)) fn(name, r, PathBuilder.rootedAt(shortName(typeUrl)).key(name))
    }
  }
  each(TypeUrl.Listener, (_, l, at) => checkListener(c, l, at))
  each(TypeUrl.RouteConfiguration, (_, rc, at) => checkRouteConfiguration(c, rc, at))
  each(TypeUrl.Cluster, (name, cl, at) => checkCluster(c, name, cl, at))
  for (const typeUrl of [TypeUrl.Listener, TypeUrl.Cluster]) {
    each(typeUrl, (_, r, at) => checkSideReferences(c, r, at))
  }
  return c.problems
}
