/** @module The HTTP client for Kuma's REST API as Kumo serves it: bearer token, timeout, error envelopes. */
import { ApiError, serverError, userError } from './errors.mjs'

/**
 * @typedef {object} Reply
 * @property {number} status
 * @property {Headers} headers
 * @property {any} body parsed JSON, or the text when the body is not JSON
 */

/**
 * Client calls one control plane. Every non-2xx answer becomes an ApiError (exit 1 for 4xx,
 * 2 for 5xx); a connection failure or timeout is a server error (exit 2).
 */
export class Client {
  /**
   * @param {import('./config.mjs').Target} target
   * @param {number} timeoutMs 0 means none
   */
  constructor(target, timeoutMs) {
    this.target = target
    this.timeoutMs = timeoutMs
  }

  /**
   * request sends one call. `ok` lists extra statuses that are answers rather than errors.
   * @param {string} method
   * @param {string} path starting with `/`
   * @param {{ query?: Record<string, string | string[] | undefined>, json?: unknown,
   *   headers?: Record<string, string>, ok?: number[] }} [opts]
   * @returns {Promise<Reply>}
   */
  async request(method, path, opts = {}) {
    let base
    try {
      base = new URL(this.target.url)
    } catch {
      throw userError(
        `the control plane address ${JSON.stringify(this.target.url)} (from ${this.target.source}) is not a URL`,
      )
    }
    const url = new URL(base.pathname.replace(/\/$/, '') + path, base)
    for (const [k, v] of Object.entries(opts.query ?? {})) {
      if (v === undefined) continue
      for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, one)
    }
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json', ...this.target.headers, ...(opts.headers ?? {}) }
    if (this.target.token) headers.Authorization = `Bearer ${this.target.token}`
    let body
    if (opts.json !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(opts.json)
    }
    const signal = this.timeoutMs > 0 ? AbortSignal.timeout(this.timeoutMs) : undefined
    let res
    let text
    try {
      res = await fetch(url, { method, headers, body, signal, redirect: 'follow' })
      text = await res.text()
    } catch (e) {
      throw serverError(
        `could not reach the control plane at ${this.target.url} (${this.target.source}): ${networkReason(e)}`,
      )
    }
    const parsed = parseJson(text)
    const shown = `${url.pathname}${url.search}`
    if (res.status >= 200 && res.status < 300)
      return { status: res.status, headers: res.headers, body: parsed ?? text }
    if (opts.ok?.includes(res.status))
      return { status: res.status, headers: res.headers, body: parsed ?? text }
    const envelope =
      parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : undefined
    const err = new ApiError(res.status, method, shown, envelope, text)
    if (res.status === 401) {
      err.message = `the control plane at ${this.target.url} refused the credentials: ${err.summary}. ${
        this.target.token
          ? 'Get a fresh token and set it with KUMO_TOKEN or `kumoctl config control-planes add --overwrite ... --auth-conf token=...`.'
          : 'Set a token with KUMO_TOKEN or `kumoctl config control-planes add ... --auth-type=tokens --auth-conf token=...`.'
      }`
    }
    throw err
  }
}

function parseJson(text) {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** networkReason digs the useful words out of undici's `fetch failed`. */
function networkReason(e) {
  const err = /** @type {any} */ (e)
  if (err?.name === 'TimeoutError') return 'the request timed out (see --api-timeout)'
  const cause = err?.cause
  if (cause?.code === 'ECONNREFUSED') return 'connection refused'
  if (cause?.code === 'ENOTFOUND') return `host ${cause.hostname ?? ''} not found`.trim()
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`
  return cause?.message ?? err?.message ?? String(e)
}

/**
 * parseDuration reads a Go duration (`1m0s`, `24h`, `500ms`) into milliseconds; undefined when
 * it is not one.
 */
export function parseDuration(s) {
  if (typeof s !== 'string') return undefined
  if (s === '0') return 0
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy
  const unit = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
  let total = 0
  let m
  let end = 0
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * unit[/** @type {keyof typeof unit} */ (m[2])]
    end = re.lastIndex
  }
  return end === s.length && end > 0 ? total : undefined
}
