/**
 * @module The judge of generated Envoy config: Envoy's v3 protos (as bundled by
 * `@grpc/grpc-js-xds`) loaded once with protobufjs, and a strict proto3 JSON codec over them.
 * The zone agent encodes ADS resources with it; tests run every generated snapshot through
 * `judgeSnapshot` so config Envoy would NACK never leaves Kumo.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import protobuf from 'protobufjs'
import { PathBuilder, type Violation } from '../../core/validators/validation-error'
import { consistent, type Snapshot, TypeUrl } from '../../core/xds/snapshot'
import { addOverlayTypes, applyOverlay } from './envoy-proto-overlay'
import { ProtoJson } from './proto-json'
import { BAD } from './proto-wkt'

/** EnvoyProtoStats says what was loaded and how long it took. */
export interface EnvoyProtoStats {
  files: number
  types: number
  /** overlay lists what envoy-proto-overlay.ts added to the bundled protos. */
  overlay: string[]
  loadMs: number
}

/** EnvoyProtoError carries every violation of a resource that failed to encode or decode. */
export class EnvoyProtoError extends Error {
  constructor(readonly violations: Violation[]) {
    super(violations.map((v) => `${v.field || '(root)'}: ${v.message}`).join('\n'))
    this.name = 'EnvoyProtoError'
  }
}

/** CheckOptions: `rules: false` skips protoc-gen-validate rules and checks the schema only. */
export interface CheckOptions {
  rules?: boolean
}

export type EncodeResult = { ok: true; bytes: Uint8Array } | { ok: false; violations: Violation[] }

/** Any is google.protobuf.Any in protobufjs' field names, ready for a DiscoveryResponse. */
export interface Any {
  type_url: string
  value: Uint8Array
}

// Loaded: the xDS API surface Kuma generates against. Left out: v2 and alpha APIs (they import
// envoy/api/v2, which is not bundled), admin/data protos, and OpenCensus / Prometheus messages
// whose third-party protos are not bundled either.
const LOADED_DIRS = /\/envoy\/(config|extensions|type|service\/discovery)\//
const SKIPPED_IMPORTS = [/^opencensus\//, /^io\/prometheus\//, /\/trace\/v3\/opencensus\.proto$/]

let loaded: { codec: ProtoJson; stats: EnvoyProtoStats } | undefined

function depsDir(): string {
  const require = createRequire(import.meta.url)
  return path.join(path.dirname(require.resolve('@grpc/grpc-js-xds/package.json')), 'deps')
}

function protoFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) protoFiles(p, out)
    else if (e.name.endsWith('.proto')) out.push(p)
  }
  return out
}

function load(): { codec: ProtoJson; stats: EnvoyProtoStats } {
  if (loaded) return loaded
  const started = performance.now()
  const deps = depsDir()
  const includes = ['envoy-api', 'xds', 'googleapis', 'protoc-gen-validate'].map((d) =>
    path.join(deps, d),
  )
  const require = createRequire(import.meta.url)
  const descriptor = path.join(
    path.dirname(require.resolve('protobufjs/package.json')),
    'google/protobuf/descriptor.proto',
  )
  const files = [
    ...protoFiles(path.join(deps, 'envoy-api/envoy')).filter((f) => {
      const slashed = f.split(path.sep).join('/')
      return (
        /\/v3\//.test(slashed) &&
        LOADED_DIRS.test(slashed) &&
        !SKIPPED_IMPORTS.some((re) => re.test(slashed))
      )
    }),
    ...protoFiles(path.join(deps, 'xds/xds')),
    ...protoFiles(path.join(deps, 'xds/udpa')),
  ]
  const root = new protobuf.Root()
  addOverlayTypes(root)
  root.resolvePath = (_origin, target) => {
    if (path.isAbsolute(target)) return target
    if (target.startsWith('opentelemetry/')) return null // declared by the overlay
    if (SKIPPED_IMPORTS.some((re) => re.test(target))) return null
    if (target === 'google/protobuf/descriptor.proto') return descriptor
    for (const dir of includes) {
      const p = path.join(dir, target)
      if (fs.existsSync(p)) return p
    }
    return null
  }
  root.loadSync(files, { keepCase: true })
  const overlay = applyOverlay(root)
  root.resolveAll()
  let types = 0
  const count = (ns: protobuf.NamespaceBase) => {
    for (const n of ns.nestedArray) {
      if (n instanceof protobuf.Type) types++
      if (n instanceof protobuf.Namespace || n instanceof protobuf.Type) count(n)
    }
  }
  count(root)
  const stats = {
    files: root.files.length,
    types,
    overlay,
    loadMs: Math.round(performance.now() - started),
  }
  loaded = { codec: new ProtoJson(root), stats }
  return loaded
}

/** envoyProtoStats loads the protos if needed and says how many and how long. */
export function envoyProtoStats(): EnvoyProtoStats {
  return load().stats
}

/** envoyRoot is the loaded protobufjs Root (keepCase field names), e.g. for DiscoveryResponse. */
export function envoyRoot(): protobuf.Root {
  return load().codec.root
}

function resourceType(
  typeUrl: string,
  at: PathBuilder,
  problems: Violation[],
): protobuf.Type | undefined {
  const type = load().codec.resolveTypeUrl(typeUrl)
  if (!type) problems.push({ field: at.toString(), message: `unknown type URL "${typeUrl}"` })
  return type
}

/**
 * checkResource converts a proto3 JSON resource to its wire bytes, or lists every problem.
 * A top-level `@type` (Kuma's golden files carry one) is allowed when it equals typeUrl.
 */
export function checkResource(
  typeUrl: string,
  json: unknown,
  options: CheckOptions = {},
  at = PathBuilder.root(),
): EncodeResult {
  const problems: Violation[] = []
  const type = resourceType(typeUrl, at, problems)
  if (!type) return { ok: false, violations: problems }
  let body = json
  if (typeof json === 'object' && json !== null && '@type' in json) {
    const { '@type': declared, ...rest } = json as Record<string, unknown>
    if (declared !== typeUrl) {
      problems.push({
        field: at.field('@type').toString(),
        message: `"${String(declared)}" does not match the resource type ${typeUrl}`,
      })
    }
    body = rest
  }
  const codec = load().codec
  codec.rules = options.rules ?? true
  let msg
  try {
    msg = codec.fromJson(type, body, at, problems)
  } finally {
    codec.rules = true
  }
  if (msg === BAD || problems.length > 0) return { ok: false, violations: problems }
  return { ok: true, bytes: type.encode(msg).finish() }
}

/** encodeResource is checkResource that throws EnvoyProtoError with every violation. */
export function encodeResource(typeUrl: string, json: unknown, options?: CheckOptions): Uint8Array {
  const r = checkResource(typeUrl, json, options)
  if (!r.ok) throw new EnvoyProtoError(r.violations)
  return r.bytes
}

/** toAny packs a resource as google.protobuf.Any, as ADS responses carry it. */
export function toAny(typeUrl: string, json: unknown, options?: CheckOptions): Any {
  return { type_url: typeUrl, value: encodeResource(typeUrl, json, options) }
}

/** decodeResource renders wire bytes as proto3 JSON (Go protojson's form, defaults omitted). */
export function decodeResource(typeUrl: string, bytes: Uint8Array): Record<string, unknown> {
  const problems: Violation[] = []
  const type = resourceType(typeUrl, PathBuilder.root(), problems)
  if (!type) throw new EnvoyProtoError(problems)
  const msg = type.decode(bytes) as unknown as Record<string, unknown>
  const json = load().codec.toJson(type, msg, PathBuilder.root(), problems)
  if (problems.length > 0) throw new EnvoyProtoError(problems)
  return json as Record<string, unknown>
}

/** fromAny unpacks what toAny packed. */
export function fromAny(any: Any): Record<string, unknown> {
  return decodeResource(any.type_url, any.value)
}

const NAME_FIELD: Record<string, string> = {
  [TypeUrl.ClusterLoadAssignment]: 'clusterName',
}

/**
 * judgeSnapshot returns every problem Envoy would reject the snapshot for: each resource must
 * encode strictly against the protos and PGV rules, be keyed by its own name, and the snapshot
 * must be consistent. Paths start with the resource: `Listener["inbound:10.0.0.1:80"].name`.
 */
export function judgeSnapshot(snapshot: Snapshot, options?: CheckOptions): Violation[] {
  const problems: Violation[] = []
  for (const [typeUrl, byName] of Object.entries(snapshot.resources)) {
    const short = typeUrl.slice(typeUrl.lastIndexOf('.') + 1)
    for (const [name, resource] of Object.entries(byName)) {
      const at = PathBuilder.rootedAt(short).key(name)
      const r = checkResource(typeUrl, resource, options, at)
      if (!r.ok) problems.push(...r.violations)
      const nameField = NAME_FIELD[typeUrl] ?? 'name'
      const own = (resource as Record<string, unknown>)[nameField]
      if (own !== name) {
        problems.push({
          field: at.field(nameField).toString(),
          message: `must equal the resource's key "${name}", got ${JSON.stringify(own)}`,
        })
      }
    }
  }
  problems.push(...consistent(snapshot))
  return problems
}
