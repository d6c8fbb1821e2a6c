/** @module The registry of every resource kind Kumo serves, as kuma-cp 2.14 defines them. */
import { kind as meshAccessLog } from '../policies/meshaccesslog'
import { kind as meshCircuitBreaker } from '../policies/meshcircuitbreaker'
import { kind as meshFaultInjection } from '../policies/meshfaultinjection'
import { kind as meshHealthCheck } from '../policies/meshhealthcheck'
import { kind as meshHTTPRoute } from '../policies/meshhttproute'
import { kind as meshLoadBalancingStrategy } from '../policies/meshloadbalancingstrategy'
import { kind as meshMetric } from '../policies/meshmetric'
import { kind as meshPassthrough } from '../policies/meshpassthrough'
import { kind as meshProxyPatch } from '../policies/meshproxypatch'
import { kind as meshRateLimit } from '../policies/meshratelimit'
import { kind as meshRetry } from '../policies/meshretry'
import { kind as meshTCPRoute } from '../policies/meshtcproute'
import { kind as meshTimeout } from '../policies/meshtimeout'
import { kind as meshTLS } from '../policies/meshtls'
import { kind as meshTrace } from '../policies/meshtrace'
import { kind as meshTrafficPermission } from '../policies/meshtrafficpermission'
import type { ResourceKind } from './kind'
import { kind as dataplane } from './kinds/dataplane'
import { kind as dataplaneInsight } from './kinds/dataplaneinsight'
import { kind as globalSecret } from './kinds/globalsecret'
import { kind as hostnameGenerator } from './kinds/hostnamegenerator'
import { kind as mesh } from './kinds/mesh'
import { kind as meshExternalService } from './kinds/meshexternalservice'
import { kind as meshGateway } from './kinds/meshgateway'
import { kind as meshIdentity } from './kinds/meshidentity'
import { kind as meshInsight } from './kinds/meshinsight'
import { kind as meshMultiZoneService } from './kinds/meshmultizoneservice'
import { kind as meshOpenTelemetryBackend } from './kinds/meshopentelemetrybackend'
import { kind as meshService } from './kinds/meshservice'
import { kind as meshTrust } from './kinds/meshtrust'
import { kind as secret } from './kinds/secret'
import { kind as serviceInsight } from './kinds/serviceinsight'
import { kind as workload } from './kinds/workload'
import { kind as zone } from './kinds/zone'
import { kind as zoneEgress } from './kinds/zoneegress'
import { kind as zoneEgressInsight } from './kinds/zoneegressinsight'
import { kind as zoneIngress } from './kinds/zoneingress'
import { kind as zoneIngressInsight } from './kinds/zoneingressinsight'
import { kind as zoneInsight } from './kinds/zoneinsight'

/** KINDS in Kuma's `/_resources` order (by name). Adding a kind is one line here. */
export const KINDS: readonly ResourceKind[] = [
  dataplane,
  dataplaneInsight,
  globalSecret,
  hostnameGenerator,
  mesh,
  meshAccessLog,
  meshCircuitBreaker,
  meshExternalService,
  meshFaultInjection,
  meshGateway,
  meshHealthCheck,
  meshHTTPRoute,
  meshIdentity,
  meshInsight,
  meshLoadBalancingStrategy,
  meshMetric,
  meshMultiZoneService,
  meshOpenTelemetryBackend,
  meshPassthrough,
  meshProxyPatch,
  meshRateLimit,
  meshRetry,
  meshService,
  meshTCPRoute,
  meshTimeout,
  meshTLS,
  meshTrace,
  meshTrafficPermission,
  meshTrust,
  secret,
  serviceInsight,
  workload,
  zone,
  zoneEgress,
  zoneEgressInsight,
  zoneIngress,
  zoneIngressInsight,
  zoneInsight,
].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))

/** ALTERNATIVE_PLURALS are older paths kuma-cp still serves (`/global-secrets`). */
const ALTERNATIVE_PLURALS: Record<string, string> = {
  'global-secrets': 'GlobalSecret',
  'zone-ingresses': 'ZoneIngress',
}

const byPlural = new Map<string, ResourceKind>(KINDS.map((k) => [k.plural, k]))
for (const [alias, name] of Object.entries(ALTERNATIVE_PLURALS)) {
  byPlural.set(
    alias,
    KINDS.find((k) => k.name === name)!,
  )
}
const byName = new Map(KINDS.map((k) => [k.name, k]))
const byShortName = new Map(KINDS.filter((k) => k.shortName).map((k) => [k.shortName, k]))
const byArg = new Map(KINDS.filter((k) => k.kumactlArg).map((k) => [k.kumactlArg, k]))

/** kindByPlural finds a kind by its REST path segment (`meshtimeouts`). */
export const kindByPlural = (plural: string) => byPlural.get(plural)
/** kindByName finds a kind by its type (`MeshTimeout`). */
export const kindByName = (name: string) => byName.get(name)
/** kindByShortName finds a kind by its KRI short name (`mt`). */
export const kindByShortName = (short: string) => byShortName.get(short)
/** kindByArg finds a kind by kumactl's singular (`meshtimeout`). */
export const kindByArg = (arg: string) => byArg.get(arg)
