/** @module Prometheus metrics backend config: Kuma's validatePrometheusConfig and Mesh defaults for it. */
import { PathBuilder, ValidationError } from '../../../validators/validation-error'
import { decodeMessage } from './protojson'
import { PrometheusConfigProto } from './protos'

/** PrometheusMetricsBackendConfig is the canonical `conf` of a `prometheus` metrics backend. */
export interface PrometheusMetricsBackendConfig {
  /** port Envoy serves metrics on; Mesh default 5670. */
  port?: number
  /** path of the metrics endpoint; Mesh default `/metrics`. */
  path?: string
  /** tags of the metrics listener; Mesh default `kuma.io/service: dataplane-metrics`. */
  tags?: Record<string, string>
  /** skipMTLS is deprecated in favour of `tls.mode`. */
  skipMTLS?: boolean
  aggregate?: { name?: string; port?: number; path?: string; enabled?: boolean; address?: string }[]
  envoy?: { filterRegex?: string; usedOnly?: boolean }
  /** tls.mode defaults to activeMTLSBackend (omitted when so). */
  tls?: { mode?: 'activeMTLSBackend' | 'providedTLS' | 'disabled' }
}

/** validatePrometheusConfig checks a backend `conf` (violations relative to it). */
export function validatePrometheusConfig(
  conf: Record<string, unknown> | undefined,
): ValidationError {
  const err = new ValidationError()
  if (conf === undefined) return err
  const decoded = decodeMessage(conf, PrometheusConfigProto)
  if (decoded.error !== undefined) {
    return err.addViolation('', `could not parse config: ${decoded.error}`)
  }
  const cfg = decoded.value as PrometheusMetricsBackendConfig
  if (cfg.skipMTLS !== undefined && cfg.tls !== undefined && !hasEqualConfiguration(cfg)) {
    return err.addViolation('', 'skipMTLS and tls configuration cannot be defined together')
  }
  const regexErr = goRegexpError(cfg.envoy?.filterRegex ?? '')
  if (regexErr) {
    return err.addViolation(
      PathBuilder.rootedAt('envoy').field('filterRegex'),
      `provided regexp isn't correct: ${regexErr}`,
    )
  }
  const used = new Set<string>()
  ;(cfg.aggregate ?? []).forEach((a, i) => {
    const name = a.name ?? ''
    if (used.has(name)) {
      err.addViolation(
        PathBuilder.rootedAt('aggregate').index(i).field('name'),
        `duplicate entry: ${name}, values have to be unique`,
      )
      return
    }
    used.add(name)
  })
  return err
}

function hasEqualConfiguration(cfg: PrometheusMetricsBackendConfig): boolean {
  const mode = cfg.tls?.mode ?? 'activeMTLSBackend'
  return (!cfg.skipMTLS && mode === 'activeMTLSBackend') || (!!cfg.skipMTLS && mode === 'disabled')
}

/**
 * goRegexpError approximates Go's regexp.Compile error for RE2 syntax, using the JS engine for
 * the parse and Go's wording for the common mistakes.
 */
export function goRegexpError(expr: string): string | undefined {
  const prefix = 'error parsing regexp: '
  const perl = /\(\?[=!<][^P]|\(\?<[=!]/.exec(expr)
  if (perl) return `${prefix}invalid or unsupported Perl syntax: \`${perl[0].slice(0, 3)}\``
  const backref = /\\[1-9]/.exec(expr)
  if (backref) return `${prefix}invalid escape sequence: \`${backref[0]}\``
  const js = expr.replace(/\(\?P</g, '(?<').replace(/^\(\?[imsU]+\)/, '')
  try {
    new RegExp(js, 'u')
    return undefined
  } catch {
    try {
      new RegExp(js)
      return undefined
    } catch {
      // fall through to Go's wording
    }
  }
  const opens = (expr.match(/(?<!\\)\(/g) ?? []).length
  const closes = (expr.match(/(?<!\\)\)/g) ?? []).length
  if (opens > closes) return `${prefix}missing closing ): \`${expr}\``
  if (closes > opens) return `${prefix}unexpected ): \`${expr}\``
  const bracket = expr.lastIndexOf('[')
  if (bracket >= 0 && !expr.slice(bracket).includes(']')) {
    return `${prefix}missing closing ]: \`${expr.slice(bracket)}\``
  }
  const rep = /^[*+?]|(?<=[(|])[*+?]/.exec(expr)
  if (rep) return `${prefix}missing argument to repetition operator: \`${rep[0]}\``
  return `${prefix}invalid syntax: \`${expr}\``
}

/**
 * defaultPrometheusConfig is Kuma's Mesh Default() for one prometheus backend `conf`: derive
 * `tls.mode` from `skipMTLS`, fill port 5670, path `/metrics` and the dataplane-metrics tag.
 * Returns undefined when the conf does not decode (Kuma then fails the request).
 */
export function defaultPrometheusConfig(
  conf: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  const decoded = decodeMessage(conf ?? {}, PrometheusConfigProto)
  if (decoded.error !== undefined) return undefined
  const cfg = decoded.value as PrometheusMetricsBackendConfig
  if (cfg.skipMTLS === undefined && cfg.tls === undefined) cfg.tls = {}
  if (cfg.tls === undefined && cfg.skipMTLS === true) cfg.tls = { mode: 'disabled' }
  if (cfg.tls === undefined && cfg.skipMTLS === false) cfg.tls = {}
  if (cfg.tls !== undefined && cfg.skipMTLS !== undefined && cfg.tls.mode === 'providedTLS') {
    cfg.tls = { mode: 'providedTLS' }
    delete cfg.skipMTLS
  }
  if (!cfg.port) cfg.port = 5670
  if (!cfg.path) cfg.path = '/metrics'
  if (!cfg.tags || Object.keys(cfg.tags).length === 0) {
    cfg.tags = { 'kuma.io/service': 'dataplane-metrics' }
  }
  // canonical key order, as jsonpb writes fields in declaration order
  const order = ['port', 'path', 'tags', 'skipMTLS', 'aggregate', 'envoy', 'tls']
  const out: Record<string, unknown> = {}
  for (const k of order) if (k in cfg) out[k] = cfg[k as keyof PrometheusMetricsBackendConfig]
  return out
}
