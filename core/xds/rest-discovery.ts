/**
 * @module REST-JSON xDS (Envoy's `api_type: REST`, docs/envoy-rest-xds.md): reading a
 * DiscoveryRequest as Envoy's JSON parser does, deciding whether a dataplane token may ask for a
 * node, and answering from a snapshot with one type's resources, versioned by their content.
 * Pure: the edge handler (functions/xds-discovery.ts) authenticates, holds and loads.
 */
import { PathBuilder, type Violation } from '../validators/validation-error'
import type { DataplaneMetadata } from './proxy'
import {
  canonicalJson,
  type EnvoyResource,
  fnv1a64,
  type Snapshot,
  TypeUrl,
  typeVersion,
} from './snapshot'

/**
 * REST_XDS_TYPES maps the `:<name>` of `POST /v3/discovery:<name>` (the `google.api.http` rule of
 * each v3 discovery service's Fetch method) to the type it serves.
 */
export const REST_XDS_TYPES: Readonly<Record<string, string>> = {
  listeners: TypeUrl.Listener,
  clusters: TypeUrl.Cluster,
  routes: TypeUrl.RouteConfiguration,
  endpoints: TypeUrl.ClusterLoadAssignment,
  secrets: TypeUrl.Secret,
}

/** DiscoveryRequest is what Kumo reads of Envoy's `envoy.service.discovery.v3.DiscoveryRequest`. */
export interface DiscoveryRequest {
  /** nodeId is `node.id`, Kuma's `<mesh>.<name>`. */
  nodeId: string
  mesh: string
  name: string
  /** versionInfo is the version Envoy last accepted; '' on its first request. */
  versionInfo: string
  /** resourceNames empty asks for every resource of the type (wildcard). */
  resourceNames: string[]
  typeUrl: string
  responseNonce: string
  /** errorDetail is set when Envoy rejected the previous response (a NACK). */
  errorDetail?: { code?: number; message?: string }
  /** metadata is `node.metadata` (a google.protobuf.Struct as JSON). */
  metadata: Record<string, unknown>
  userAgentName?: string
}

export type ParseResult =
  { ok: true; request: DiscoveryRequest } | { ok: false; violations: Violation[] }

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * member reads a field by its proto name or its lowerCamel JSON name, as Envoy's JSON parser
 * accepts both (Envoy itself sends proto names: it prints with `preserve_proto_field_names`).
 */
function member(obj: Json, protoName: string): { key: string; value: unknown } | undefined {
  if (obj[protoName] !== undefined) return { key: protoName, value: obj[protoName] }
  const camel = protoName.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
  if (obj[camel] !== undefined) return { key: camel, value: obj[camel] }
  return undefined
}

/**
 * parseProxyId splits a node id as Kuma's `ParseProxyIdFromString` does: the mesh before the
 * first dot, the name after it. Returns the problem, or the mesh and name.
 */
export function parseProxyId(id: string): { mesh: string; name: string } | string {
  if (id === '') return 'Envoy ID must not be nil'
  const dot = id.indexOf('.')
  if (dot < 0) return 'the name should be provided after the dot'
  const mesh = id.slice(0, dot)
  const name = id.slice(dot + 1)
  if (name === '') return 'name must not be empty'
  // Kuma allows an empty mesh for zone ingresses only; REST xDS serves Dataplanes
  if (mesh === '') return 'mesh must not be empty'
  return { mesh, name }
}

/**
 * parseDiscoveryRequest validates a DiscoveryRequest sent to the endpoint of `typeUrl` and
 * reports every problem, by proto field name.
 */
export function parseDiscoveryRequest(body: unknown, typeUrl: string): ParseResult {
  const problems: Violation[] = []
  const bad = (field: string, message: string) => problems.push({ field, message })
  if (!isObject(body)) {
    return { ok: false, violations: [{ field: '', message: 'must be a DiscoveryRequest object' }] }
  }
  const str = (obj: Json, name: string, at: PathBuilder): string => {
    const m = member(obj, name)
    if (m === undefined) return ''
    if (typeof m.value !== 'string') {
      bad(at.field(m.key).toString(), 'must be a string')
      return ''
    }
    return m.value
  }
  const root = PathBuilder.root()
  let nodeId = ''
  let mesh = ''
  let name = ''
  let metadata: Json = {}
  let userAgentName: string | undefined
  const node = member(body, 'node')
  if (node === undefined) bad('node', 'must be present: it carries the id "<mesh>.<name>"')
  else if (!isObject(node.value)) bad('node', 'must be an object')
  else {
    const at = root.field(node.key)
    const id = member(node.value, 'id')
    if (id === undefined) bad(at.field('id').toString(), 'Envoy ID must not be nil')
    else if (typeof id.value !== 'string') bad(at.field(id.key).toString(), 'must be a string')
    else {
      nodeId = id.value
      const parsed = parseProxyId(id.value)
      if (typeof parsed === 'string') bad(at.field(id.key).toString(), parsed)
      else ({ mesh, name } = parsed)
    }
    const md = member(node.value, 'metadata')
    if (md !== undefined && !isObject(md.value))
      bad(at.field(md.key).toString(), 'must be an object')
    else if (md !== undefined) metadata = md.value as Json
    userAgentName = str(node.value, 'user_agent_name', at) || undefined
  }
  const versionInfo = str(body, 'version_info', root)
  const requestedType = str(body, 'type_url', root)
  if (requestedType !== '' && requestedType !== typeUrl) {
    bad(
      member(body, 'type_url')!.key,
      `must be "${typeUrl}" at this endpoint, got "${requestedType}"`,
    )
  }
  const responseNonce = str(body, 'response_nonce', root)
  const resourceNames: string[] = []
  const names = member(body, 'resource_names')
  if (names !== undefined && !Array.isArray(names.value))
    bad(names.key, 'must be a list of strings')
  else if (names !== undefined) {
    ;(names.value as unknown[]).forEach((n, i) => {
      if (typeof n === 'string') resourceNames.push(n)
      else bad(root.field(names.key).index(i).toString(), 'must be a string')
    })
  }
  let errorDetail: DiscoveryRequest['errorDetail']
  const detail = member(body, 'error_detail')
  if (detail !== undefined && !isObject(detail.value)) bad(detail.key, 'must be an object')
  else if (detail !== undefined) {
    const d = detail.value as Json
    errorDetail = {
      code: typeof d.code === 'number' ? d.code : undefined,
      message: typeof d.message === 'string' ? d.message : undefined,
    }
  }
  if (problems.length > 0) return { ok: false, violations: problems }
  return {
    ok: true,
    request: {
      nodeId,
      mesh,
      name,
      versionInfo,
      resourceNames,
      typeUrl,
      responseNonce,
      errorDetail,
      metadata,
      userAgentName,
    },
  }
}

/** NODE_TOKEN_FIELD is the node metadata key that may carry the dataplane token (Kumo's own). */
export const NODE_TOKEN_FIELD = 'dataplane.token'

/**
 * nodeToken reads a dataplane token from `node.metadata`: the flat key `dataplane.token` (Kuma's
 * node metadata keys are flat and dotted, as `dataplane.admin.port`) or nested
 * `{dataplane: {token}}`. Tolerant: the body has not been validated yet.
 */
export function nodeToken(body: unknown): string | undefined {
  if (!isObject(body)) return undefined
  const node = member(body, 'node')?.value
  if (!isObject(node)) return undefined
  const md = member(node, 'metadata')?.value
  if (!isObject(md)) return undefined
  const flat = md[NODE_TOKEN_FIELD]
  if (typeof flat === 'string' && flat !== '') return flat
  const nested = isObject(md.dataplane) ? md.dataplane.token : undefined
  return typeof nested === 'string' && nested !== '' ? nested : undefined
}

/**
 * dataplaneMetadataOf reads what the generator needs from node metadata, under the keys
 * kuma-dp's bootstrap uses (`dataplane.admin.port`, `dataplane.admin.address`, `features`).
 */
export function dataplaneMetadataOf(req: DiscoveryRequest): DataplaneMetadata {
  const md = req.metadata
  const port = Number(md['dataplane.admin.port'])
  const address = md['dataplane.admin.address']
  const features = md.features
  return {
    adminPort: Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined,
    adminAddress: typeof address === 'string' && address !== '' ? address : undefined,
    features: Array.isArray(features)
      ? features.filter((f): f is string => typeof f === 'string')
      : undefined,
    userAgentName: req.userAgentName,
  }
}

/**
 * tokenRefusal says why a dataplane token's claims may not fetch the config of Dataplane
 * `mesh/name` (Kuma's universal authenticator, same messages), or undefined when they may.
 * Without `dataplane` only the name and mesh are checked; with it, the token's tags too.
 */
export function tokenRefusal(
  claims: Record<string, unknown>,
  mesh: string,
  name: string,
  dataplane?: { spec: Record<string, unknown> },
): string | undefined {
  const type = claims.type
  if (type !== undefined && type !== '' && type !== 'dataplane') {
    return `this is a ${String(type)} token; REST xDS serves Dataplanes only`
  }
  const tokenName = typeof claims.name === 'string' ? claims.name : ''
  const tokenMesh = typeof claims.mesh === 'string' ? claims.mesh : ''
  if (tokenName !== '' && tokenName !== name) {
    return `proxy name from requestor: ${name} is different than in token: ${tokenName}`
  }
  if (tokenMesh !== '' && tokenMesh !== mesh) {
    return `proxy mesh from requestor: ${mesh} is different than in token: ${tokenMesh}`
  }
  if (!dataplane) return undefined
  const have = tagSetOf(dataplane.spec)
  const want = isObject(claims.tags) ? claims.tags : {}
  for (const tag of Object.keys(want).sort()) {
    const allowed = Array.isArray(want[tag]) ? (want[tag] as unknown[]).map(String) : []
    const values = have.get(tag)
    if (!values) return `dataplane has no tag "${tag}" required by the token`
    for (const v of [...values].sort()) {
      if (!allowed.includes(v)) {
        return (
          `dataplane contains tag "${tag}" with value "${v}" which is not allowed with this ` +
          `token. Allowed values in token are ${goQuoted(allowed)}`
        )
      }
    }
  }
  return undefined
}

const goQuoted = (vs: string[]) => `[${vs.map((v) => JSON.stringify(v)).join(' ')}]`

/** tagSetOf is Kuma's `Dataplane.TagSet()`: every value of every tag on inbounds and gateway. */
function tagSetOf(spec: Record<string, unknown>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  const add = (tags: unknown) => {
    if (!isObject(tags)) return
    for (const [k, v] of Object.entries(tags)) {
      if (!out.has(k)) out.set(k, new Set())
      out.get(k)!.add(String(v))
    }
  }
  const networking = isObject(spec.networking) ? spec.networking : {}
  if (Array.isArray(networking.inbound)) {
    for (const inbound of networking.inbound) if (isObject(inbound)) add(inbound.tags)
  }
  if (isObject(networking.gateway)) add(networking.gateway.tags)
  return out
}

/** AnyJson is a resource packed as google.protobuf.Any in proto3 JSON: its fields and `@type`. */
export type AnyJson = { '@type': string } & Record<string, unknown>

/** DiscoveryResponse is `envoy.service.discovery.v3.DiscoveryResponse` in proto3 JSON. */
export interface DiscoveryResponse {
  versionInfo: string
  resources: AnyJson[]
  typeUrl: string
  nonce: string
}

/** RestSourceOptions say how served resources point Envoy back at Kumo for their dependencies. */
export interface RestSourceOptions {
  /** cluster is the name of the Envoy cluster that reaches the edge (its `Host`, see docs). */
  cluster: string
  /** refreshDelay between two fetches of one subscription; default 1s (Envoy adds jitter). */
  refreshDelay?: string
  /** requestTimeout must outlast the edge's hold; default 30s. */
  requestTimeout?: string
}

/**
 * selectVersion picks the resources of `typeUrl` a request names (all of them for an empty list;
 * unknown names are left out, as a SotW server does) and their version. The version is a hash
 * of exactly what is sent, so a change to other types, or to resources of the type that another
 * subscription asked for, leaves it unchanged.
 */
export function selectVersion(
  snapshot: Snapshot,
  typeUrl: string,
  resourceNames: readonly string[],
): { version: string; resources: Record<string, EnvoyResource> } {
  const byName = snapshot.resources[typeUrl] ?? {}
  if (resourceNames.length === 0) {
    return { version: typeVersion(snapshot, typeUrl), resources: { ...byName } }
  }
  const picked: Record<string, EnvoyResource> = {}
  for (const n of [...new Set(resourceNames)].sort()) if (byName[n]) picked[n] = byName[n]
  return { version: fnv1a64(canonicalJson(picked)), resources: picked }
}

/**
 * discoveryResponse answers a request from a snapshot. Each resource's ADS config sources
 * (`{ads: {}}`: EDS of a cluster, SDS of a TLS context, RDS of a listener) are turned into REST
 * ones aimed at `opts.cluster`, since Envoy without an ADS stream cannot use them.
 */
export function discoveryResponse(
  snapshot: Snapshot,
  typeUrl: string,
  resourceNames: readonly string[],
  opts: RestSourceOptions,
): DiscoveryResponse {
  const { version, resources } = selectVersion(snapshot, typeUrl, resourceNames)
  const source = restConfigSource(opts)
  return {
    versionInfo: version,
    resources: Object.keys(resources)
      .sort()
      .map((n) => {
        const { '@type': _, ...fields } = withRestSources(resources[n], source) as Json
        return { '@type': typeUrl, ...fields }
      }),
    typeUrl,
    nonce: version,
  }
}

/** restConfigSource is the `api_config_source` that replaces `ads: {}` in served resources. */
export function restConfigSource(opts: RestSourceOptions): Json {
  return {
    apiType: 'REST',
    transportApiVersion: 'V3',
    clusterNames: [opts.cluster],
    refreshDelay: opts.refreshDelay ?? '1s',
    requestTimeout: opts.requestTimeout ?? '30s',
  }
}

/** withRestSources copies `value`, replacing every ConfigSource's `ads` with `apiConfigSource`. */
export function withRestSources(value: unknown, source: Json): unknown {
  if (Array.isArray(value)) return value.map((v) => withRestSources(v, source))
  if (!isObject(value)) return value
  const out: Json = {}
  for (const [k, v] of Object.entries(value)) {
    // `ads` is a field of envoy.config.core.v3.ConfigSource only (an AggregatedConfigSource)
    if (k === 'ads' && isObject(v)) out.apiConfigSource = source
    else out[k] = withRestSources(v, source)
  }
  return out
}
