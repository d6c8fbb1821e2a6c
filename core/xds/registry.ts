/**
 * @module The registered policy plugins, one line per kind; the generator runs them in Kuma's
 * order. Adding a kind is one import and one entry here.
 */
import { plugin as meshAccessLog } from '../policies/meshaccesslog/plugin'
import { plugin as meshCircuitBreaker } from '../policies/meshcircuitbreaker/plugin'
import { plugin as meshFaultInjection } from '../policies/meshfaultinjection/plugin'
import { plugin as meshHealthCheck } from '../policies/meshhealthcheck/plugin'
import { plugin as meshHTTPRoute } from '../policies/meshhttproute/plugin'
import { plugin as meshLoadBalancingStrategy } from '../policies/meshloadbalancingstrategy/plugin'
import { plugin as meshMetric } from '../policies/meshmetric/plugin'
import { plugin as meshPassthrough } from '../policies/meshpassthrough/plugin'
import { plugin as meshProxyPatch } from '../policies/meshproxypatch/plugin'
import { plugin as meshRateLimit } from '../policies/meshratelimit/plugin'
import { plugin as meshRetry } from '../policies/meshretry/plugin'
import { plugin as meshTCPRoute } from '../policies/meshtcproute/plugin'
import { plugin as meshTimeout } from '../policies/meshtimeout/plugin'
import { plugin as meshTLS } from '../policies/meshtls/plugin'
import { plugin as meshTrace } from '../policies/meshtrace/plugin'
import { plugin as meshTrafficPermission } from '../policies/meshtrafficpermission/plugin'
import { sortPlugins, type PolicyPlugin } from './plugin'

/** POLICY_PLUGINS are every registered plugin, sorted by Kuma's order. */
export const POLICY_PLUGINS: readonly PolicyPlugin[] = sortPlugins([
  meshHTTPRoute,
  meshTCPRoute,
  meshTLS,
  meshLoadBalancingStrategy,
  meshPassthrough,
  meshAccessLog,
  meshTrace,
  meshFaultInjection,
  meshRateLimit,
  meshTimeout,
  meshTrafficPermission,
  meshHealthCheck,
  meshCircuitBreaker,
  meshRetry,
  meshMetric,
  meshProxyPatch,
])
