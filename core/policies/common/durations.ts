/**
 * @module Go durations as Kuma stores them: specs pass through Go types, so a `k8s.Duration`
 * written `20m` is stored and read back `20m0s` (`time.ParseDuration` then `Duration.String`).
 */

const NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // U+00B5 micro sign
  μs: 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
}

const MAX_NS = (1n << 63n) - 1n

/** parseGoDuration is Go's `time.ParseDuration` in nanoseconds; undefined when Go rejects it. */
export function parseGoDuration(text: string): bigint | undefined {
  let s = text
  let neg = false
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-'
    s = s.slice(1)
  }
  if (s === '0') return 0n
  if (s === '') return undefined
  let total = 0n
  const part = /^(\d*)(?:\.(\d*))?([^\d.]+)/
  while (s !== '') {
    const m = part.exec(s)
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return undefined
    const unit = NS[m[3]]
    if (unit === undefined) return undefined
    const whole = BigInt(m[1] || '0')
    const frac = m[2] ?? ''
    // Go scales the fraction in floating point; exact integer maths agrees for real inputs
    const fracNs = frac === '' ? 0n : (BigInt(frac) * unit) / 10n ** BigInt(frac.length)
    total += whole * unit + fracNs
    if (total > MAX_NS + (neg ? 1n : 0n)) return undefined
    s = s.slice(m[0].length)
  }
  return neg ? -total : total
}

/** fmtFrac prints v's last `prec` digits as a fraction without trailing zeros ('' if all zero). */
function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let out = ''
  let print = false
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n
    print = print || digit !== 0n
    if (print) out = digit.toString() + out
    v /= 10n
  }
  return [print ? `.${out}` : '', v]
}

/** formatGoDuration is Go's `time.Duration.String`: `1h0m0s`, `1m30s`, `1.5s`, `100ms`, `0s`. */
export function formatGoDuration(ns: bigint): string {
  const neg = ns < 0n
  let u = neg ? -ns : ns
  let out: string
  if (u < 1_000_000_000n) {
    if (u === 0n) return '0s'
    let prec: number
    let unit: string
    if (u < 1_000n) [prec, unit] = [0, 'ns']
    else if (u < 1_000_000n) [prec, unit] = [3, 'µs']
    else [prec, unit] = [6, 'ms']
    const [frac, rest] = fmtFrac(u, prec)
    out = `${rest}${frac}${unit}`
  } else {
    const [frac, secs] = fmtFrac(u, 9)
    u = secs
    out = `${u % 60n}${frac}s`
    u /= 60n
    if (u > 0n) {
      out = `${u % 60n}m${out}`
      u /= 60n
      if (u > 0n) out = `${u}h${out}`
    }
  }
  return neg ? `-${out}` : out
}

/** canonicalDuration re-renders a duration string as Go would; other values are left alone. */
export function canonicalDuration(v: unknown): unknown {
  if (typeof v !== 'string') return v
  const ns = parseGoDuration(v)
  return ns === undefined ? v : formatGoDuration(ns)
}

/**
 * DURATION_PATHS lists, per policy kind, the `k8s.Duration` fields of its conf (the `default` of
 * an item), from Kuma's Go types; `[]` steps into every element of a list.
 */
export const DURATION_PATHS: Readonly<Record<string, readonly string[]>> = {
  MeshCircuitBreaker: ['outlierDetection.interval', 'outlierDetection.baseEjectionTime'],
  MeshFaultInjection: ['http[].delay.value'],
  MeshHealthCheck: ['interval', 'timeout', 'initialJitter', 'intervalJitter', 'noTrafficInterval'],
  MeshLoadBalancingStrategy: [
    'hashPolicies[].cookie.ttl',
    'loadBalancer.ringHash.hashPolicies[].cookie.ttl',
    'loadBalancer.maglev.hashPolicies[].cookie.ttl',
  ],
  MeshMetric: ['backends[].openTelemetry.refreshInterval'],
  MeshRateLimit: ['local.http.requestRate.interval', 'local.tcp.connectionRate.interval'],
  MeshRetry: [
    'http.perTryTimeout',
    'http.backOff.baseInterval',
    'http.backOff.maxInterval',
    'http.rateLimitedBackOff.maxInterval',
    'grpc.perTryTimeout',
    'grpc.backOff.baseInterval',
    'grpc.backOff.maxInterval',
    'grpc.rateLimitedBackOff.maxInterval',
  ],
  MeshTimeout: [
    'connectionTimeout',
    'idleTimeout',
    'http.requestTimeout',
    'http.streamIdleTimeout',
    'http.maxStreamDuration',
    'http.maxConnectionDuration',
    'http.requestHeadersTimeout',
  ],
}

/**
 * SPEC_DURATION_PATHS lists the `k8s.Duration` fields of kinds whose spec is no list of policy
 * confs, relative to the spec, from Kuma's Go types.
 */
export const SPEC_DURATION_PATHS: Readonly<Record<string, readonly string[]>> = {
  MeshIdentity: ['provider.bundled.certificateParameters.expiry', 'provider.spire.agent.timeout'],
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function rewrite(v: unknown, steps: string[]): unknown {
  if (steps.length === 0) return canonicalDuration(v)
  const [step, ...rest] = steps
  if (step === '[]') return Array.isArray(v) ? v.map((x) => rewrite(x, rest)) : v
  if (!isObject(v) || !(step in v)) return v
  return { ...v, [step]: rewrite(v[step], rest) }
}

const stepsOf = (path: string) => path.replace(/\[\]/g, '.[]').split('.')

function rewriteAll<T>(paths: readonly string[] | undefined, value: T): T {
  if (!paths) return value
  let out: unknown = value
  for (const p of paths) out = rewrite(out, stepsOf(p))
  return out as T
}

/** canonicalConf returns a copy of a conf of `kind` with its durations in Go's form. */
export function canonicalConf<T>(kind: string, conf: T): T {
  return rewriteAll(DURATION_PATHS[kind], conf)
}

/** CONF_LISTS are the spec lists whose items carry a conf under `default`. */
const CONF_LISTS = ['to', 'from', 'rules'] as const

/**
 * canonicalSpec returns a copy of a spec of `kind` with every valid duration in Go's form, as Kuma
 * stores it: the top-level `default` and the `default` of each `to`, `from` and `rules` item
 * (policies), or the kind's own duration fields. Values Go cannot parse are left as given.
 */
export function canonicalSpec<T>(kind: string, spec: T): T {
  if (!isObject(spec)) return spec
  let out: Record<string, unknown> = rewriteAll(SPEC_DURATION_PATHS[kind], spec)
  if (!DURATION_PATHS[kind]) return out as T
  if (isObject(out.default)) out = { ...out, default: canonicalConf(kind, out.default) }
  for (const list of CONF_LISTS) {
    const items = out[list]
    if (!Array.isArray(items)) continue
    out = {
      ...out,
      [list]: items.map((item) =>
        isObject(item) && isObject(item.default)
          ? { ...item, default: canonicalConf(kind, item.default) }
          : item,
      ),
    }
  }
  return out as T
}
