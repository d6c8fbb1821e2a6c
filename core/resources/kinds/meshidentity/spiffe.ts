/**
 * @module Which MeshIdentity a proxy gets and the SPIFFE ID it renders to (Kuma
 * `meshidentity/api/v1alpha1/helpers.go`: BestMatched, GetTrustDomain, GetSpiffeID).
 */
import { render, TemplateError, TemplateUnsupported } from '../hostnamegenerator/template'
import type { MeshIdentity, MeshIdentityStatus } from './types'

const DEFAULT_TRUST_DOMAIN = '{{ .Mesh }}.{{ .Zone }}.mesh.local'
const DEFAULT_UNIVERSAL_PATH = '/workload/{{ .Workload }}'
const DEFAULT_KUBERNETES_PATH = '/ns/{{ .Namespace }}/sa/{{ .ServiceAccount }}'

const ZONE_LABEL = 'kuma.io/zone'
const NAMESPACE_LABEL = 'k8s.kuma.io/namespace'
const SERVICE_ACCOUNT_LABEL = 'kuma.io/service-account'
const WORKLOAD_LABEL = 'kuma.io/workload'

/** IdentityMeta is the part of a resource a SPIFFE template reads. */
export interface IdentityMeta {
  mesh: string
  labels: Record<string, string>
}

/** MeshIdentityResource is a stored MeshIdentity as these helpers read it. */
export interface MeshIdentityResource extends IdentityMeta {
  name: string
  spec: unknown
  status?: unknown
}

export type Environment = 'universal' | 'kubernetes'

/** matches is LabelSelector.Matches: every matchLabel present with the same value. */
function matches(matchLabels: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(matchLabels).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v)
}

/**
 * bestMatched is Kuma's BestMatched: of the identities whose `selector.dataplane` matches the
 * labels, the one with most matchLabels, ties broken by the smallest name.
 */
export function bestMatched<T extends MeshIdentityResource>(
  labels: Record<string, string>,
  identities: readonly T[],
): T | undefined {
  const scored = identities.flatMap((mi) => {
    const selector = (mi.spec as MeshIdentity).selector?.dataplane
    if (!selector) return []
    const matchLabels = selector.matchLabels ?? {}
    return matches(matchLabels, labels) ? [{ count: Object.keys(matchLabels).length, mi }] : []
  })
  scored.sort((a, b) =>
    a.count !== b.count
      ? b.count - a.count
      : a.mi.name < b.mi.name
        ? -1
        : a.mi.name > b.mi.name
          ? 1
          : 0,
  )
  return scored[0]?.mi
}

/** isInitialized is MeshIdentityStatus.IsInitialized: a `Ready` condition that is `True`. */
export function isInitialized(status: unknown): boolean {
  const conditions = (status as MeshIdentityStatus | undefined)?.conditions ?? []
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True')
}

export type Rendered = { ok: true; value: string } | { ok: false; error: string }

function renderTemplate(
  text: string,
  meta: IdentityMeta,
  data: Record<string, string>,
  typeName: string,
): Rendered {
  const label = (key: string): string => {
    if (!Object.hasOwn(meta.labels, key)) throw new TemplateError(`label ${key} not found`)
    return meta.labels[key]
  }
  try {
    const r = render(text, data, typeName, { label })
    if (r.parseError) return { ok: false, error: `failed compiling Go template: ${r.parseError}` }
    if (r.execError) return { ok: false, error: `executing template failed: ${r.execError}` }
    return { ok: true, value: r.output ?? '' }
  } catch (e) {
    if (e instanceof TemplateUnsupported) return { ok: false, error: 'unsupported template' }
    throw e
  }
}

/** trustDomainOf is GetTrustDomain: the identity's template for the resource's mesh and zone. */
export function trustDomainOf(
  identity: MeshIdentity,
  identityMeta: IdentityMeta,
  localZone: string,
): Rendered {
  const template = identity.spiffeID?.trustDomain ?? DEFAULT_TRUST_DOMAIN
  const zone = identityMeta.labels[ZONE_LABEL] || localZone
  return renderTemplate(
    template,
    identityMeta,
    { Mesh: identityMeta.mesh, Zone: zone },
    'struct { Mesh string; Zone string }',
  )
}

/** spiffeIdPathTemplate is SpiffeIDPathTemplate: the identity's path or the environment's default. */
export function spiffeIdPathTemplate(identity: MeshIdentity, env: Environment): string {
  const fallback = env === 'kubernetes' ? DEFAULT_KUBERNETES_PATH : DEFAULT_UNIVERSAL_PATH
  return identity.spiffeID?.path ?? fallback
}

/** spiffeIdOf is GetSpiffeID: the rendered `spiffe://<trust domain><path>` of a proxy, checked. */
export function spiffeIdOf(
  identity: MeshIdentity,
  trustDomain: string,
  proxy: IdentityMeta,
  env: Environment,
): Rendered {
  const template = `spiffe://{{ .TrustDomain }}${spiffeIdPathTemplate(identity, env)}`
  const rendered = renderTemplate(
    template,
    proxy,
    {
      TrustDomain: trustDomain,
      Namespace: proxy.labels[NAMESPACE_LABEL] ?? '',
      ServiceAccount: proxy.labels[SERVICE_ACCOUNT_LABEL] ?? '',
      Workload: proxy.labels[WORKLOAD_LABEL] ?? '',
    },
    'struct { TrustDomain string; Namespace string; ServiceAccount string; Workload string }',
  )
  if (!rendered.ok)
    return { ok: false, error: `failed to render SPIFFE ID template: ${rendered.error}` }
  const problem = spiffeIdProblem(rendered.value)
  if (problem)
    return { ok: false, error: `failed to parse SPIFFE ID "${rendered.value}": ${problem}` }
  return rendered
}

const TRUST_DOMAIN_CHARS = /^[a-z0-9._-]+$/
const PATH_SEGMENT_CHARS = /^[a-zA-Z0-9._-]+$/

/** spiffeIdProblem is go-spiffe's spiffeid.FromString check: scheme, trust domain, path segments. */
export function spiffeIdProblem(id: string): string | undefined {
  const scheme = 'spiffe://'
  if (id === '') return 'cannot be empty'
  if (!id.startsWith(scheme)) return 'scheme is missing or invalid'
  const rest = id.slice(scheme.length)
  const slash = rest.indexOf('/')
  const td = slash < 0 ? rest : rest.slice(0, slash)
  if (td === '') return 'trust domain is missing'
  if (!TRUST_DOMAIN_CHARS.test(td))
    return 'trust domain characters are limited to lowercase letters, numbers, dots, dashes, and underscores'
  if (slash < 0) return undefined
  const segments = rest.slice(slash + 1).split('/')
  for (const s of segments) {
    if (s === '') return 'path cannot contain empty segments'
    if (s === '.' || s === '..') return 'path cannot contain dot segments'
    if (!PATH_SEGMENT_CHARS.test(s))
      return 'path segment characters are limited to letters, numbers, dots, dashes, and underscores'
  }
  return undefined
}

/**
 * proxySpiffeId is what the `_layout` endpoint prints: the SPIFFE ID the best-matching,
 * initialized MeshIdentity gives a proxy, or undefined when there is none or it cannot render.
 */
export function proxySpiffeId(
  proxy: IdentityMeta,
  identities: readonly MeshIdentityResource[],
  localZone: string,
  env: Environment = 'universal',
): string | undefined {
  const identity = bestMatched(proxy.labels, identities)
  if (!identity || !isInitialized(identity.status)) return undefined
  const spec = identity.spec as MeshIdentity
  const td = trustDomainOf(spec, identity, localZone)
  if (!td.ok) return undefined
  const id = spiffeIdOf(spec, td.value, proxy, env)
  return id.ok ? id.value : undefined
}
