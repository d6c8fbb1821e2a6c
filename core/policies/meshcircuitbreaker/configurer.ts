/**
 * @module How a MeshCircuitBreaker conf changes a cluster (Kuma
 * `meshcircuitbreaker/plugin/xds/configurer.go`): the DEFAULT-priority thresholds, always with
 * `trackRemaining`, and outlier detection unless disabled.
 */
import { durationOr } from '../../xds/policy-conf'
import type { Json } from '../../xds/resource-set'
import type { Conf, ConnectionLimits, Detectors, IntOrString, OutlierDetection } from './types'

/** ensureDefaultThreshold finds (or appends) the thresholds of priority DEFAULT. */
function ensureDefaultThreshold(cluster: Json): Json {
  const cb = (cluster.circuitBreakers ??= {}) as Json
  const thresholds = (cb.thresholds ??= []) as Json[]
  const found = thresholds.find(
    (t) => t.priority === undefined || t.priority === 'DEFAULT' || t.priority === 0,
  )
  if (found) return found
  const t: Json = {}
  thresholds.push(t)
  return t
}

/** ensureTrackRemaining is Kuma's `EnsureTrackRemaining`, applied to every cluster of a proxy. */
export function ensureTrackRemaining(cluster: Json): void {
  ensureDefaultThreshold(cluster).trackRemaining = true
}

const LIMITS: readonly (keyof ConnectionLimits)[] = [
  'maxConnectionPools',
  'maxConnections',
  'maxPendingRequests',
  'maxRetries',
  'maxRequests',
]

function configureCircuitBreakers(cluster: Json, limits: ConnectionLimits | undefined): void {
  const t = ensureDefaultThreshold(cluster)
  t.trackRemaining = true
  for (const f of LIMITS) if (limits?.[f] !== undefined) t[f] = limits[f]
}

/** decimalOf reads an IntOrString as Kuma's `NewDecimalFromIntOrString`; undefined when not a number. */
function decimalOf(v: IntOrString): number | undefined {
  if (typeof v === 'number') return v
  const n = Number(v.trim())
  return v.trim() !== '' && Number.isFinite(n) ? n : undefined
}

function configureDetectors(od: Json, d: Detectors | undefined): void {
  const consecutive = (
    c: { consecutive?: number } | undefined,
    enforcing: string,
    field: string,
  ) => {
    if (c?.consecutive === undefined) {
      od[enforcing] = 0
      return
    }
    od[enforcing] = 100
    od[field] = c.consecutive
  }
  consecutive(d?.totalFailures, 'enforcingConsecutive5xx', 'consecutive5xx')
  consecutive(
    d?.localOriginFailures,
    'enforcingConsecutiveLocalOriginFailure',
    'consecutiveLocalOriginFailure',
  )
  consecutive(d?.gatewayFailures, 'enforcingConsecutiveGatewayFailure', 'consecutiveGatewayFailure')
  if (!d) return

  const sr = d.successRate
  od.enforcingSuccessRate = sr ? 100 : 0
  od.enforcingLocalOriginSuccessRate = sr ? 100 : 0
  if (sr?.minimumHosts !== undefined) od.successRateMinimumHosts = sr.minimumHosts
  if (sr?.requestVolume !== undefined) od.successRateRequestVolume = sr.requestVolume
  if (sr?.standardDeviationFactor !== undefined) {
    const dec = decimalOf(sr.standardDeviationFactor)
    // Kuma truncates factor * 1000 to an integer
    if (dec !== undefined) od.successRateStdevFactor = Math.trunc(Math.round(dec * 1e6) / 1e3)
  }

  const fp = d.failurePercentage
  od.enforcingFailurePercentage = fp ? 100 : 0
  od.enforcingFailurePercentageLocalOrigin = fp ? 100 : 0
  if (fp?.minimumHosts !== undefined) od.failurePercentageMinimumHosts = fp.minimumHosts
  if (fp?.requestVolume !== undefined) od.failurePercentageRequestVolume = fp.requestVolume
  if (fp?.threshold !== undefined) od.failurePercentageThreshold = fp.threshold
}

function configureOutlierDetection(cluster: Json, conf: OutlierDetection | undefined): void {
  if (!conf || conf.disabled) return
  const od: Json = {}
  cluster.outlierDetection = od
  if (conf.interval !== undefined) od.interval = durationOr(conf.interval, 0n)
  if (conf.baseEjectionTime !== undefined) {
    od.baseEjectionTime = durationOr(conf.baseEjectionTime, 0n)
  }
  // proto3 JSON leaves a false bool out, as Kuma's output does
  if (conf.splitExternalAndLocalErrors) od.splitExternalLocalOriginErrors = true
  if (conf.maxEjectionPercent !== undefined) od.maxEjectionPercent = conf.maxEjectionPercent
  configureDetectors(od, conf.detectors)
  if (conf.healthyPanicThreshold !== undefined) {
    const value = decimalOf(conf.healthyPanicThreshold)
    if (value !== undefined) {
      const lb = (cluster.commonLbConfig ??= {}) as Json
      lb.healthyPanicThreshold = value === 0 ? {} : { value }
    }
  }
}

/** configureCluster is Kuma's `Configurer.ConfigureCluster`. */
export function configureCluster(conf: Conf, cluster: Json): void {
  configureCircuitBreakers(cluster, conf.connectionLimits)
  configureOutlierDetection(cluster, conf.outlierDetection)
}
