/**
 * @module MeshFaultInjection's effect on Envoy resources (Kuma `meshfaultinjection/plugin/v1alpha1`
 * and `plugin/xds`): HTTP fault filters on HTTP inbound listeners, before the router. `from`
 * items become plain `envoy.filters.http.fault` filters matching the client's `x-kuma-tags`;
 * `rules` become fault filters wrapped in an ExtensionWithMatcher that skips them for clients
 * whose SPIFFE ID does not match. Nothing is applied when no policy matches.
 */
import { kriOf } from '../../kri/kri'
import type { InboundRule, Rule, Subset } from '../../matching'
import { matchedOf, PLUGIN_ORDER, type PolicyPlugin } from '../../xds/plugin'
import type { Json } from '../../xds/resource-set'
import { TypeUrl } from '../../xds/snapshot'
import type { Match } from '../common/types'
import {
  decimalOf,
  fractionalPercent,
  hcmsOf,
  insertBeforeRouter,
  protoDuration,
} from '../meshhttproute/xds-util'
import type { Conf, FaultInjectionConf } from './types'

const KIND = 'MeshFaultInjection'
const T = (name: string) => `type.googleapis.com/${name}`
const HTTP_FAULT = T('envoy.extensions.filters.http.fault.v3.HTTPFault')
const FAULT_FILTER = 'envoy.filters.http.fault'
const TAGS_HEADER = 'x-kuma-tags'

const isHttp = (p: string) => p === 'http' || p === 'http2' || p === 'grpc'

/** bandwidthKbps is Kuma's `ConvertBandwidthToKbps` (`10kbps`, `5Mbps`, `1Gbps`). */
export function bandwidthKbps(limit: string): number | undefined {
  const m = /^(\d+)\s?(kbps|Mbps|Gbps)$/.exec(limit)
  if (!m) return undefined
  const factor = { kbps: 1, Mbps: 1000, Gbps: 1_000_000 }[m[2] as 'kbps' | 'Mbps' | 'Gbps']
  return Number(m[1]) * factor
}

/** httpFault is Kuma's `configureFault`: one FaultInjectionConf as an HTTPFault. */
export function httpFault(fault: FaultInjectionConf): Json {
  const out: Json = { '@type': HTTP_FAULT }
  if (fault.delay) {
    out.delay = {
      fixedDelay: protoDuration(fault.delay.value) ?? '0s',
      percentage: fractionalPercent(decimalOf(fault.delay.percentage)),
    }
  }
  if (fault.abort) {
    out.abort = {
      httpStatus: fault.abort.httpStatus,
      percentage: fractionalPercent(decimalOf(fault.abort.percentage)),
    }
  }
  if (fault.responseBandwidth) {
    out.responseRateLimit = {
      fixedLimit: { limitKbps: String(bandwidthKbps(fault.responseBandwidth.limit) ?? 0) },
      percentage: fractionalPercent(decimalOf(fault.responseBandwidth.percentage)),
    }
  }
  return out
}

/** matchingRegex is Kuma's `tags.MatchingRegex` over the `x-kuma-tags` header. */
export function matchingRegex(tags: Readonly<Record<string, string>>): string {
  let re = ''
  for (const key of Object.keys(tags).sort()) {
    const value = tags[key] === '*' ? '' : `[^&]*${tags[key]}[,&]`
    re += `&${key}=` + value.replaceAll('.', '\\.') + '.*'
  }
  return '.*' + re
}

/** subsetHeaders is Kuma's `createHeaders`: one regex matcher for the tags, one inverted for the negated. */
function subsetHeaders(subset: Subset): Json[] {
  const pos: Record<string, string> = {}
  const neg: Record<string, string> = {}
  for (const t of subset) (t.not ? neg : pos)[t.key] = t.value
  const header = (tags: Record<string, string>, invert: boolean): Json => ({
    name: TAGS_HEADER,
    stringMatch: { safeRegex: { regex: matchingRegex(tags) } },
    ...(invert ? { invertMatch: true } : {}),
  })
  const out: Json[] = []
  if (Object.keys(pos).length > 0) out.push(header(pos, false))
  if (Object.keys(neg).length > 0) out.push(header(neg, true))
  return out
}

function legacyFilters(rules: readonly Rule[]): Json[] {
  return rules.flatMap((rule) =>
    ((rule.conf as Conf).http ?? []).map((fault) => {
      const config = httpFault(fault)
      if (rule.subset.length > 0) config.headers = subsetHeaders(rule.subset)
      return { name: FAULT_FILTER, typedConfig: config }
    }),
  )
}

/** spiffePredicate is Kuma's `SpiffeIDPredicate` on the client certificate's URI SAN. */
function matchPredicate(match: Match): Json | undefined {
  const preds: Json[] = []
  if (match.spiffeID) {
    const m = match.spiffeID
    preds.push({
      singlePredicate: {
        input: {
          name: 'envoy.matching.inputs.uri_san',
          typedConfig: { '@type': T('envoy.extensions.matching.common_inputs.ssl.v3.UriSanInput') },
        },
        valueMatch: m.type === 'Exact' ? { exact: m.value } : { prefix: m.value },
      },
    })
  }
  if (match.sni) {
    preds.push({
      singlePredicate: {
        input: {
          name: 'envoy.matching.inputs.server_name',
          typedConfig: {
            '@type': T('envoy.extensions.matching.common_inputs.network.v3.ServerNameInput'),
          },
        },
        valueMatch: { exact: match.sni.value },
      },
    })
  }
  if (preds.length === 0) return undefined
  return preds.length === 1 ? preds[0] : { andMatcher: { predicate: preds } }
}

/** skipUnlessMatches is Kuma's matcher `NotMatches(matches, SkipFilter)`: empty when no match. */
function skipUnlessMatches(matches: readonly Match[]): Json {
  const preds = matches.map(matchPredicate).filter((p): p is Json => p !== undefined)
  if (matches.length === 0 || preds.length === 0) return {}
  const combined = preds.length === 1 ? preds[0] : { orMatcher: { predicate: preds } }
  return {
    matcherList: {
      matchers: [
        {
          predicate: { notMatcher: combined },
          onMatch: {
            action: {
              name: 'skip',
              typedConfig: {
                '@type': T('envoy.extensions.filters.common.matcher.action.v3.SkipFilter'),
              },
            },
          },
        },
      ],
    },
  }
}

function ruleFilters(rules: readonly InboundRule[]): Json[] {
  return rules.flatMap((rule) => {
    const matches = rule.match ? [rule.match as Match] : []
    const name = kriOf('mfi', rule.origin.resource) ?? FAULT_FILTER
    return ((rule.conf as Conf).http ?? []).map((fault) => ({
      name,
      typedConfig: {
        '@type': T('envoy.extensions.common.matching.v3.ExtensionWithMatcher'),
        xdsMatcher: skipUnlessMatches(matches),
        extensionConfig: { name: FAULT_FILTER, typedConfig: httpFault(fault) },
      },
    }))
  })
}

/** plugin is MeshFaultInjection's PolicyPlugin. */
export const plugin: PolicyPlugin = {
  kind: KIND,
  order: PLUGIN_ORDER[KIND]!,
  apply(rs, _ctx, proxy) {
    const matched = matchedOf(proxy, KIND)
    for (const inbound of proxy.inbounds) {
      if (!isHttp(inbound.protocol)) continue
      const listener = rs.get(TypeUrl.Listener, inbound.listenerName)
      if (!listener) continue
      const key = `${inbound.address}:${inbound.port}`
      const inboundRules = matched.fromRules.inboundRules[key] ?? []
      let filters: Json[]
      if (inboundRules.length > 0) filters = ruleFilters(inboundRules)
      else if (matched.fromRules.rules[key]) filters = legacyFilters(matched.fromRules.rules[key])
      else continue
      for (const hcm of hcmsOf(listener.resource)) insertBeforeRouter(hcm, structuredClone(filters))
    }
  },
}
