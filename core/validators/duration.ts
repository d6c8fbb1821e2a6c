/** @module Go's time.ParseDuration, and jsonpb's Duration text for proto Duration fields. */

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // U+00B5
  μs: 1_000n, // U+03BC
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
}

const MAX = 1n << 63n

/** parseGoDuration parses `1h30m`, `1.5s`, `300ms` exactly as Go's time.ParseDuration. */
export function parseGoDuration(orig: string): { nanos: bigint } | { error: string } {
  const invalid = { error: `time: invalid duration ${quote(orig)}` }
  let s = orig
  let neg = false
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-'
    s = s.slice(1)
  }
  if (s === '0') return { nanos: 0n }
  if (s === '') return invalid
  let d = 0n
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) return invalid
    const intDigits = /^\d*/.exec(s)![0]
    s = s.slice(intDigits.length)
    let v = intDigits === '' ? 0n : BigInt(intDigits)
    if (v >= MAX) return invalid
    let fracDigits = ''
    let post = false
    if (s !== '' && s[0] === '.') {
      fracDigits = /^\d*/.exec(s.slice(1))![0]
      s = s.slice(1 + fracDigits.length)
      post = fracDigits.length > 0
    }
    if (intDigits === '' && !post) return invalid
    let i = 0
    while (i < s.length && !(s[i] === '.' || isDigit(s[i]))) i++
    if (i === 0) return { error: `time: missing unit in duration ${quote(orig)}` }
    const u = s.slice(0, i)
    s = s.slice(i)
    const unit = UNITS[u]
    if (unit === undefined) {
      return { error: `time: unknown unit ${quote(u)} in duration ${quote(orig)}` }
    }
    if (v > MAX / unit) return invalid
    v *= unit
    if (fracDigits !== '') {
      // Go keeps at most the digits that fit and scales in float64.
      const f = Number(`0.${fracDigits}`)
      v += BigInt(Math.floor(f * Number(unit)))
      if (v > MAX) return invalid
    }
    d += v
    if (d > MAX) return invalid
  }
  if (neg) return { nanos: -d }
  if (d > MAX - 1n) return invalid
  return { nanos: d }
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9'
}

function quote(s: string): string {
  return JSON.stringify(s)
}

/** formatDuration writes a duration as jsonpb does: `60s`, `1.500s`, `0.000001s`. */
export function formatDuration(nanos: bigint): string {
  const sign = nanos < 0n ? '-' : ''
  const abs = nanos < 0n ? -nanos : nanos
  const secs = abs / 1_000_000_000n
  const frac = (abs % 1_000_000_000n).toString().padStart(9, '0')
  let x = `${sign}${secs}.${frac}`
  if (x.endsWith('000')) x = x.slice(0, -3)
  if (x.endsWith('000')) x = x.slice(0, -3)
  if (x.endsWith('.000')) x = x.slice(0, -4)
  return `${x}s`
}

/** durationNanos reads back a canonical `60s` / `1.5s` value (as formatDuration writes it). */
export function durationNanos(text: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?s$/.exec(text)
  if (!m) return 0n
  const nanos = BigInt(m[2]) * 1_000_000_000n + BigInt((m[3] ?? '').padEnd(9, '0') || '0')
  return m[1] === '-' ? -nanos : nanos
}

/**
 * parseDuration is Go's time.ParseDuration in (float) nanoseconds, undefined where Go fails: what
 * validators compare against zero or a bound.
 */
export function parseDuration(s: string): number | undefined {
  const d = parseGoDuration(s)
  return 'nanos' in d ? Number(d.nanos) : undefined
}
