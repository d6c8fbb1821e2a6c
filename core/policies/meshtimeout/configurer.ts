/**
 * @module How a MeshTimeout conf changes Envoy listeners, routes and clusters (Kuma
 * `meshtimeout/plugin/xds/configurer.go`), with Kuma's defaults for every absent field.
 */
import type { Protocol } from '../../xds/proxy'
import type { Json } from '../../xds/resource-set'
import {
  filterChainsOf,
  hcmOf,
  routesOf,
  tcpProxyOf,
  updateHttpProtocolOptions,
} from '../../xds/envoy-edit'
import { computeRule, durationOr, HOUR, MINUTE, SECOND } from '../../xds/policy-conf'
import type { Rule } from '../../matching'
import type { Conf } from './types'

/** DEFAULTS are Kuma's `policies_defaults` timeouts, in nanoseconds (0 disables). */
export const DEFAULTS = {
  connectTimeout: 5n * SECOND,
  idleTimeout: HOUR,
  streamIdleTimeout: 30n * MINUTE,
  requestTimeout: 15n * SECOND,
  requestHeadersTimeout: 0n,
  maxStreamDuration: 0n,
  maxConnectionDuration: 0n,
} as const

const isHttp = (p: Protocol | undefined) => p === 'http' || p === 'http2' || p === 'grpc'

/**
 * configureRouteAction is Kuma's `ConfigureRouteAction`: the request timeout (default 15s), and
 * the stream idle timeout when set, else 30m unless the route already has one.
 */
export function configureRouteAction(
  action: Json | undefined,
  requestTimeout: string | undefined,
  streamIdleTimeout: string | undefined,
): void {
  if (!action) return
  action.timeout = durationOr(requestTimeout, DEFAULTS.requestTimeout)
  if (streamIdleTimeout !== undefined) {
    action.idleTimeout = durationOr(streamIdleTimeout, DEFAULTS.streamIdleTimeout)
  } else if (action.idleTimeout === undefined) {
    action.idleTimeout = durationOr(undefined, DEFAULTS.streamIdleTimeout)
  }
}

function hcmIdleTimeoutOff(hcm: Json): void {
  // the legacy Timeout policy set idleTimeout on the listener; MeshTimeout sets it on the cluster
  hcm.commonHttpProtocolOptions = {
    ...((hcm.commonHttpProtocolOptions as Json) ?? {}),
    idleTimeout: '0s',
  }
}

/**
 * configureFilterChain is Kuma's `ConfigureFilterChain`: every route's timeouts, the request
 * headers timeout and no HCM idle timeout on HTTP; the idle timeout on TCP.
 */
export function configureFilterChain(conf: Conf, fc: Json): void {
  const hcm = hcmOf(fc)
  if (hcm) {
    for (const route of routesOf(hcm)) {
      configureRouteAction(
        route.route as Json | undefined,
        conf.http?.requestTimeout,
        conf.http?.streamIdleTimeout,
      )
    }
    hcm.requestHeadersTimeout = durationOr(
      conf.http?.requestHeadersTimeout,
      DEFAULTS.requestHeadersTimeout,
    )
    hcmIdleTimeoutOff(hcm)
  }
  const tcp = tcpProxyOf(fc)
  if (tcp) tcp.idleTimeout = durationOr(conf.idleTimeout, DEFAULTS.idleTimeout)
}

/**
 * configureCluster is Kuma's `ClusterConfigurer.Configure`: the connect timeout, and for HTTP and
 * HTTP/2 (not gRPC, as in Kuma) the upstream idle, max stream and max connection durations.
 */
export function configureCluster(conf: Conf, protocol: Protocol | undefined, cluster: Json): void {
  cluster.connectTimeout = durationOr(conf.connectionTimeout, DEFAULTS.connectTimeout)
  if (protocol !== 'http' && protocol !== 'http2') return
  updateHttpProtocolOptions(cluster, (options) => {
    const common = (options.commonHttpProtocolOptions ??= {}) as Json
    common.idleTimeout = durationOr(conf.idleTimeout, DEFAULTS.idleTimeout)
    common.maxStreamDuration = durationOr(conf.http?.maxStreamDuration, DEFAULTS.maxStreamDuration)
    common.maxConnectionDuration = durationOr(
      conf.http?.maxConnectionDuration,
      DEFAULTS.maxConnectionDuration,
    )
  })
}

/** RULE_MATCHES_HASH_TAG is the tag legacy rules use for a MeshHTTPRoute rule (`__rule-matches-hash__`). */
const RULE_MATCHES_HASH_TAG = '__rule-matches-hash__'

/**
 * configureLegacyOutboundListener is Kuma's `DeprecatedListenerConfigurer` for a
 * `kuma.io/service` outbound: per-route timeouts from the legacy rules (a MeshHTTPRoute rule's
 * conf first), and the TCP idle timeout, only where some rule matches the service.
 */
export function configureLegacyOutboundListener(
  rules: readonly Rule[],
  service: string,
  protocol: Protocol,
  listener: Json,
): void {
  const element = { 'kuma.io/service': service }
  const confOf = (el: Record<string, string>) => computeRule(rules, el)?.conf as Conf | undefined
  const serviceConf = confOf(element)
  for (const fc of filterChainsOf(listener)) {
    if (isHttp(protocol)) {
      const hcm = hcmOf(fc)
      if (!hcm) continue
      for (const route of routesOf(hcm)) {
        const name = typeof route.name === 'string' ? route.name : ''
        const conf = confOf({ ...element, [RULE_MATCHES_HASH_TAG]: name }) ?? serviceConf
        if (!conf) continue
        configureRouteAction(
          route.route as Json | undefined,
          conf.http?.requestTimeout,
          conf.http?.streamIdleTimeout,
        )
      }
      if (serviceConf) {
        hcm.requestHeadersTimeout = durationOr(
          serviceConf.http?.requestHeadersTimeout,
          DEFAULTS.requestHeadersTimeout,
        )
      }
      hcmIdleTimeoutOff(hcm)
    } else if (protocol === 'tcp' || protocol === 'kafka') {
      const tcp = tcpProxyOf(fc)
      if (tcp && serviceConf)
        tcp.idleTimeout = durationOr(serviceConf.idleTimeout, DEFAULTS.idleTimeout)
    }
  }
}
