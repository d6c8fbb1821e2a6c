/**
 * @module Helpers every policy plugin uses to find its conf for an Envoy resource (Kuma
 * `rules.Compute`, `outbound.ResourceRules.Compute`, `tags.ServiceFromClusterName`) and to write
 * Go durations as proto3 JSON.
 */
import type { Conf, MatchedPolicies, Rule } from '../matching'
import { withoutSection } from '../kri/kri'
import { kriOfRecord } from '../matching/resources'
import { containsElement } from '../matching/subset'
import type { MeshContext } from '../meshcontext'
import { parseGoDuration } from '../policies/common/durations'

/** SERVICE_TAG is `kuma.io/service`, the element legacy rules are computed for. */
export const SERVICE_TAG = 'kuma.io/service'

/**
 * computeRule is Kuma's `Rules.Compute`: the first rule (rules are most specific first) whose
 * subset contains the element, else undefined.
 */
export function computeRule(
  rules: readonly Rule[],
  element: Readonly<Record<string, string>>,
): Rule | undefined {
  return rules.find((r) => containsElement(r.subset, element as Record<string, string>))
}

/** computeServiceConf is the legacy conf of a `kuma.io/service` (Kuma `KumaServiceTagElement`). */
export function computeServiceConf(rules: readonly Rule[], service: string): Conf | undefined {
  return computeRule(rules, { [SERVICE_TAG]: service })?.conf
}

/** SERVICE_KRI_SHORT_NAMES are the KRI kinds Kuma's `HasAssociatedServiceResource` accepts. */
const SERVICE_SHORT_NAMES = new Set(['msvc', 'extsvc', 'mzsvc'])
/** COMPUTED_SHORT_NAMES fall back to their section-less form then the mesh (`ResourceRules.Compute`). */
const COMPUTED_SHORT_NAMES = new Set(['msvc', 'extsvc', 'mzsvc', 'mhttpr'])

const shortNameOf = (kri: string) => {
  if (!kri.startsWith('kri_')) return ''
  const end = kri.indexOf('_', 4)
  return end < 0 ? kri.slice(4) : kri.slice(4, end)
}

/** isServiceKri tells whether a resource origin is a MeshService, MeshExternalService or MeshMultiZoneService. */
export const isServiceKri = (kri: string | undefined): kri is string =>
  kri !== undefined && SERVICE_SHORT_NAMES.has(shortNameOf(kri))

/** isKriName tells whether a name (a route's, say) is a KRI, as Kuma's `kri.IsValid`. */
export const isKriName = (s: unknown): s is string =>
  typeof s === 'string' && /^kri_[^_]*(_[^_]*){5,}$/.test(s)

/** noSectionName drops the section of a KRI (`kri_msvc_m_z_ns_n_http` -> `kri_msvc_m_z_ns_n_`). */
export const noSectionName = (kri: string): string => withoutSection(kri)

/**
 * computeResourceConf is Kuma's `ResourceRules.Compute(kri).Conf[0]`: the resource rule of the
 * KRI, else (for services and routes) of the KRI without its section, else of the mesh.
 */
export function computeResourceConf(
  m: MatchedPolicies,
  kri: string,
  mesh: MeshContext,
): Conf | undefined {
  const rules = m.toRules.resourceRules
  const exact = rules[kri]
  if (exact) return exact.conf[0]
  if (!COMPUTED_SHORT_NAMES.has(shortNameOf(kri))) return undefined
  const section = noSectionName(kri)
  if (section !== kri && rules[section]) return rules[section].conf[0]
  return rules[meshKriOf(mesh)]?.conf[0]
}

const MESH_KRI = new WeakMap<object, string>()
const meshKriOf = (mesh: MeshContext) => {
  let k = MESH_KRI.get(mesh.mesh)
  if (k === undefined) MESH_KRI.set(mesh.mesh, (k = kriOfRecord(mesh.mesh)))
  return k
}

const SPLIT_CLUSTER = /^(.*)-[0-9a-fA-F]{16}$/

/** serviceFromClusterName is Kuma's `tags.ServiceFromClusterName`: a split cluster's service. */
export function serviceFromClusterName(name: string): string {
  return SPLIT_CLUSTER.exec(name)?.[1] ?? name
}

const NS_PER_S = 1_000_000_000n

/**
 * protoDuration renders nanoseconds as proto3 JSON (Go's protojson): whole seconds, or 3, 6 or
 * 9 fraction digits, then `s` (`3600s`, `0.500s`, `0s`).
 */
export function protoDuration(ns: bigint): string {
  const neg = ns < 0n
  const abs = neg ? -ns : ns
  let out = `${abs / NS_PER_S}.${(abs % NS_PER_S).toString().padStart(9, '0')}`
  for (const suffix of ['000', '000', '.000'])
    if (out.endsWith(suffix)) out = out.slice(0, -suffix.length)
  return `${neg ? '-' : ''}${out}s`
}

/** durationOr is a conf's Go duration as proto3 JSON, or the default when absent or unparsable. */
export function durationOr(goDuration: unknown, defaultNs: bigint): string {
  const ns = typeof goDuration === 'string' ? parseGoDuration(goDuration) : undefined
  return protoDuration(ns ?? defaultNs)
}

/** SECOND and friends are nanosecond constants for defaults. */
export const MILLISECOND = 1_000_000n
export const SECOND = 1_000n * MILLISECOND
export const MINUTE = 60n * SECOND
export const HOUR = 60n * MINUTE
