/**
 * @module Proxyless gRPC clusters and endpoints: EDS clusters with the load balancing, circuit
 * breaking and outlier detection gRPC's xDS client reads (gRFC A42 ring hash / round robin, A32
 * `maxRequests`, A50 success-rate and failure-percentage ejection), and ClusterLoadAssignments
 * with a locality on every group and IP addresses only, as gRPC requires.
 */
import type { Conf as CircuitBreakerConf } from '../../policies/meshcircuitbreaker/types'
import type { Conf as LbConf } from '../../policies/meshloadbalancingstrategy/types'
import { isIp } from '../../policies/meshtrace/collector'
import { edsCluster } from '../generator/envoy'
import type { Endpoint } from '../generator/outbound'
import { durationOr } from '../policy-conf'
import type { Json } from '../resource-set'

const ZONE_TAG = 'kuma.io/zone'
const SECOND = 1_000_000_000n

/** lbPolicy sets `lbPolicy` (and ring hash sizes); what gRPC cannot do becomes a warning. */
function applyLoadBalancer(cluster: Json, conf: LbConf | undefined, warn: (w: string) => void) {
  const lb = conf?.loadBalancer
  cluster.lbPolicy = 'ROUND_ROBIN'
  if (!lb || lb.type === 'RoundRobin') return
  if (lb.type !== 'RingHash') {
    warn(`load balancer ${lb.type} is not supported by gRPC clients; ROUND_ROBIN is used`)
    return
  }
  cluster.lbPolicy = 'RING_HASH'
  const ring: Json = { hashFunction: 'XX_HASH' }
  if (lb.ringHash?.hashFunction === 'MurmurHash2') {
    warn('gRPC clients hash rings with XX_HASH only; MurmurHash2 is ignored')
  }
  const max = 8_388_608
  if (lb.ringHash?.minRingSize !== undefined)
    ring.minimumRingSize = Math.min(lb.ringHash.minRingSize, max)
  if (lb.ringHash?.maxRingSize !== undefined)
    ring.maximumRingSize = Math.min(lb.ringHash.maxRingSize, max)
  cluster.ringHashLbConfig = ring
}

const num = (v: number | string | undefined) => (v === undefined ? undefined : Number(v))

/** applyCircuitBreaker sets `maxRequests` (A32) and outlier detection (A50). */
function applyCircuitBreaker(
  cluster: Json,
  conf: CircuitBreakerConf | undefined,
  warn: (w: string) => void,
) {
  const limits = conf?.connectionLimits
  if (limits?.maxRequests !== undefined) {
    cluster.circuitBreakers = { thresholds: [{ maxRequests: limits.maxRequests }] }
  }
  const od = conf?.outlierDetection
  if (!od || od.disabled) return
  const out: Json = {}
  if (od.interval) out.interval = durationOr(od.interval, 10n * SECOND)
  if (od.baseEjectionTime) out.baseEjectionTime = durationOr(od.baseEjectionTime, 30n * SECOND)
  if (od.maxEjectionPercent !== undefined) out.maxEjectionPercent = od.maxEjectionPercent
  const d = od.detectors ?? {}
  if (d.totalFailures || d.gatewayFailures || d.localOriginFailures) {
    warn(
      'gRPC clients eject by success rate and failure percentage only; consecutive detectors are ignored',
    )
  }
  if (d.successRate) {
    out.enforcingSuccessRate = 100
    if (d.successRate.minimumHosts !== undefined)
      out.successRateMinimumHosts = d.successRate.minimumHosts
    if (d.successRate.requestVolume !== undefined)
      out.successRateRequestVolume = d.successRate.requestVolume
    const factor = num(d.successRate.standardDeviationFactor)
    if (factor !== undefined) out.successRateStdevFactor = Math.round(factor * 1000)
  } else {
    // gRPC ejects by success rate unless told not to
    out.enforcingSuccessRate = 0
  }
  if (d.failurePercentage) {
    out.enforcingFailurePercentage = 100
    const fp = d.failurePercentage
    if (fp.minimumHosts !== undefined) out.failurePercentageMinimumHosts = fp.minimumHosts
    if (fp.requestVolume !== undefined) out.failurePercentageRequestVolume = fp.requestVolume
    if (fp.threshold !== undefined) out.failurePercentageThreshold = fp.threshold
  }
  cluster.outlierDetection = out
}

/** proxylessCluster is an EDS cluster with the policies gRPC understands. */
export function proxylessCluster(
  name: string,
  lb: LbConf | undefined,
  cb: CircuitBreakerConf | undefined,
  warn: (w: string) => void,
): Json {
  const cluster = edsCluster(name)
  applyLoadBalancer(cluster, lb, warn)
  applyCircuitBreaker(cluster, cb, warn)
  return cluster
}

/**
 * proxylessLoadAssignment groups endpoints by zone (the proxy's own zone when an endpoint has
 * none), each group a weighted locality; endpoints that are not IPs or repeat an address are
 * left out, since gRPC would reject the whole assignment.
 */
export function proxylessLoadAssignment(
  name: string,
  endpoints: readonly Endpoint[],
  localZone: string,
  warn: (w: string) => void,
): Json {
  const byZone = new Map<string, Json[]>()
  const seen = new Set<string>()
  for (const e of endpoints) {
    const key = `${e.address}:${e.port}`
    if (!isIp(e.address)) {
      warn(`${name}: endpoint ${key} is not an IP address; gRPC clients cannot use it`)
      continue
    }
    if (seen.has(key)) continue
    seen.add(key)
    const zone = e.tags[ZONE_TAG] || localZone
    const lb: Json = {
      endpoint: { address: { socketAddress: { address: e.address, portValue: e.port } } },
      loadBalancingWeight: e.weight,
    }
    byZone.set(zone, [...(byZone.get(zone) ?? []), lb])
  }
  const cla: Json = { clusterName: name }
  const zones = [...byZone.keys()].sort()
  if (zones.length > 0) {
    cla.endpoints = zones.map((zone) => ({
      locality: { zone },
      loadBalancingWeight: byZone.get(zone)!.length,
      lbEndpoints: byZone.get(zone),
    }))
  }
  return cla
}
