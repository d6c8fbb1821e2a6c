/**
 * @module RBAC filters of MeshTrafficPermission (Kuma `meshtrafficpermission/xds`): the legacy
 * principal-based rules for `from` policies, and the matcher-based config for `rules` policies.
 */
import { kriOfRecord } from '../../matching/resources'
import type { InboundRule, Rule } from '../../matching/types'
import type { Json } from '../../xds/resource-set'
import type { Match } from '../common/types'

const T = (name: string) => `type.googleapis.com/${name}`
const NETWORK_RBAC = 'envoy.filters.network.rbac'
const HCM = 'envoy.filters.network.http_connection_manager'
const POLICY_NAME = 'MeshTrafficPermission'

/** sanitizeMetric is Kuma's `util_xds.SanitizeMetric`: every char outside `[a-zA-Z0-9_-]` becomes `_`. */
export const sanitizeMetric = (s: string) => s.replace(/[^a-zA-Z_\-0-9]/g, '_')

/** RbacConfig is the `rules`/`shadowRules` or `matcher`/`shadowMatcher` pair of an RBAC filter. */
export type RbacConfig = Json

/**
 * configureChain is Kuma's `RBACConfigurer.Configure`/`LegacyRBACConfigurer.Configure`: drop the
 * deny-all network RBAC the inbound generator put first, then put the new config in the HTTP
 * connection manager (as the first HTTP filter) or, for TCP, first among the network filters.
 */
export function configureChain(chain: Json, statsName: string, config: RbacConfig): void {
  const filters = (chain.filters as Json[] | undefined) ?? []
  const idx = filters.findIndex((f) => f.name === NETWORK_RBAC)
  if (idx >= 0) filters.splice(idx, 1)
  const hcm = filters.find((f) => f.name === HCM)
  if (hcm) {
    const tc = hcm.typedConfig as Json
    const httpFilters = (tc.httpFilters as Json[] | undefined) ?? []
    tc.httpFilters = [
      {
        name: 'envoy.filters.http.rbac',
        typedConfig: { '@type': T('envoy.extensions.filters.http.rbac.v3.RBAC'), ...config },
      },
      ...httpFilters,
    ]
    chain.filters = filters
    return
  }
  chain.filters = [
    {
      name: NETWORK_RBAC,
      typedConfig: {
        '@type': T('envoy.extensions.filters.network.rbac.v3.RBAC'),
        // the dot makes `inbound:127.0.0.1:21011.rbac.allowed` rather than `...21011rbac.allowed`
        statPrefix: `${sanitizeMetric(statsName)}.`,
        ...config,
      },
    },
    ...filters,
  ]
}

// ---- legacy rules (from) ----

const exact = (s: string): Json => ({ exact: s })

function principalFromSubset(mesh: string, rule: Rule): Json {
  const principals = rule.subset.map((t) => {
    const name =
      t.key === 'kuma.io/service'
        ? exact(`spiffe://${mesh}/${t.value}`)
        : exact(`kuma://${t.key}/${t.value}`)
    const p: Json = { authenticated: { principalName: name } }
    return t.not ? { notId: p } : p
  })
  if (principals.length === 0) return { any: true }
  if (principals.length === 1) return principals[0]
  return { andIds: { ids: principals } }
}

const policy = (principals: Json[]): Json => ({
  [POLICY_NAME]: { permissions: [{ any: true }], principals },
})

/** legacyRbac is `LegacyRBACConfigurer`'s rules (ALLOW, omitted as the default) and shadow rules. */
export function legacyRbac(mesh: string, rules: readonly Rule[]): RbacConfig {
  const byAction: Record<string, Json[]> = {}
  for (const r of rules) {
    const action = (r.conf.action as string | undefined) ?? ''
    ;(byAction[action] ??= []).push(principalFromSubset(mesh, r))
  }
  const allowed = [...(byAction.Allow ?? []), ...(byAction.AllowWithShadowDeny ?? [])]
  const out: Json = { rules: allowed.length > 0 ? { policies: policy(allowed) } : {} }
  const shadow = byAction.AllowWithShadowDeny ?? []
  if (shadow.length > 0) out.shadowRules = { action: 'DENY', policies: policy(shadow) }
  return out
}

/** DENY_ALL_RULES is the legacy config when no MeshTrafficPermission selects the inbound. */
export const DENY_ALL_RULES: RbacConfig = { rules: {} }

// ---- matcher rules (rules[].default.allow/deny/allowWithShadowDeny) ----

const input = (name: string, type: string): Json => ({ name, typedConfig: { '@type': T(type) } })

function spiffePredicate(m: NonNullable<Match['spiffeID']>): Json {
  return {
    singlePredicate: {
      input: input(
        'envoy.matching.inputs.uri_san',
        'envoy.extensions.matching.common_inputs.ssl.v3.UriSanInput',
      ),
      valueMatch: m.type === 'Prefix' ? { prefix: m.value } : { exact: m.value },
    },
  }
}

function sniPredicate(m: NonNullable<Match['sni']>): Json {
  return {
    singlePredicate: {
      input: input(
        'envoy.matching.inputs.server_name',
        'envoy.extensions.matching.common_inputs.network.v3.ServerNameInput',
      ),
      valueMatch: { exact: m.value },
    },
  }
}

const oneOrList = (ps: Json[], key: 'andMatcher' | 'orMatcher'): Json =>
  ps.length === 1 ? ps[0] : { [key]: { predicate: ps } }

/** rbacAction is Kuma's `RbacAction`: ALLOW is proto3's default, so only DENY is written. */
function rbacAction(action: 'ALLOW' | 'DENY', name: string): Json {
  const a: Json = { '@type': T('envoy.config.rbac.v3.Action'), name }
  if (action === 'DENY') a.action = 'DENY'
  return { action: { name: 'envoy.filters.rbac.action', typedConfig: a } }
}

/** fieldMatcher is Kuma's `Matches`: OR over matches, AND within one; undefined when empty. */
function fieldMatcher(matches: readonly Match[], onMatch: Json): Json | undefined {
  const predicates: Json[] = []
  for (const m of matches) {
    const ps: Json[] = []
    if (m.spiffeID) ps.push(spiffePredicate(m.spiffeID))
    if (m.sni) ps.push(sniPredicate(m.sni))
    if (ps.length > 0) predicates.push(oneOrList(ps, 'andMatcher'))
  }
  if (predicates.length === 0) return undefined
  return { predicate: oneOrList(predicates, 'orMatcher'), onMatch }
}

function matcher(fieldMatchers: (Json | undefined)[]): Json {
  const list = fieldMatchers.filter((f): f is Json => f !== undefined)
  const m: Json = {}
  if (list.length > 0) m.matcherList = { matchers: list }
  m.onNoMatch = rbacAction('DENY', 'default')
  return m
}

interface RuleConf {
  allow?: Match[]
  deny?: Match[]
  allowWithShadowDeny?: Match[]
}

/**
 * matcherRbac is `RBACConfigurer`'s matcher: every deny before every allow (Envoy stops at the
 * first match), anything else denied; AllowWithShadowDeny clients are also in a shadow matcher.
 */
export function matcherRbac(rules: readonly InboundRule[]): RbacConfig {
  const denies: (Json | undefined)[] = []
  const allows: (Json | undefined)[] = []
  const shadows: (Json | undefined)[] = []
  let shadowEntries = 0
  for (const r of rules) {
    const conf = r.conf as RuleConf
    const name = kriOfRecord(r.origin.resource)
    denies.push(fieldMatcher(conf.deny ?? [], rbacAction('DENY', name)))
    allows.push(
      fieldMatcher(
        [...(conf.allow ?? []), ...(conf.allowWithShadowDeny ?? [])],
        rbacAction('ALLOW', name),
      ),
    )
    if (conf.allowWithShadowDeny !== undefined && conf.allowWithShadowDeny !== null) {
      shadowEntries++
      shadows.push(fieldMatcher(conf.allowWithShadowDeny, rbacAction('DENY', name)))
    }
  }
  const out: Json = { matcher: matcher([...denies, ...allows]) }
  if (shadowEntries > 0) out.shadowMatcher = matcher(shadows)
  return out
}

/** hasSniMatch: some rule matches clients by SNI, so the listener needs the TLS inspector. */
export function hasSniMatch(rules: readonly InboundRule[]): boolean {
  return rules.some((r) => {
    const c = r.conf as RuleConf
    return [...(c.deny ?? []), ...(c.allow ?? []), ...(c.allowWithShadowDeny ?? [])].some(
      (m) => m.sni !== undefined,
    )
  })
}
