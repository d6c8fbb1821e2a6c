/** @module Output as kumactl prints it: aligned tables (Go tabwriter, padding 3), YAML with sorted keys, indented JSON. */
import { stringify } from 'yaml'
import { userError } from './errors.mjs'

/** FORMATS are the values of `-o/--output`. */
export const FORMATS = ['table', 'yaml', 'json']

/** checkFormat rejects an unknown `-o` before anything is sent. */
export function checkFormat(format) {
  if (!FORMATS.includes(format)) {
    throw userError(`unknown output format "${format}": use one of ${FORMATS.join(', ')}`)
  }
}

/**
 * table lays rows out like Go's tabwriter(minwidth 1, tabwidth 0, padding 3): every column but
 * the last is padded to its widest cell plus three spaces. `footer` follows after a blank line.
 * @param {string[]} headers
 * @param {string[][]} rows
 * @param {string} [footer]
 */
export function table(headers, rows, footer) {
  const all = [headers, ...rows]
  const widths = headers.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))))
  const lines = all.map((r) =>
    r
      .map((cell, i) =>
        i === r.length - 1 ? cell : cell + ' '.repeat(widths[i] - width(cell) + 3),
      )
      .join(''),
  )
  let out = lines.join('\n') + '\n'
  if (footer) out += `\n${footer}\n`
  return out
}

function width(s) {
  return [...s].length
}

/**
 * age is kumactl's table.Duration of now - then: `Ns`, `Nm`, `Nh`, `Nd`, `Ny`, or `never`.
 * @param {string | undefined} then ISO time
 * @param {number} now epoch ms
 */
export function age(then, now) {
  if (!then) return 'never'
  const t = Date.parse(then)
  if (Number.isNaN(t)) return 'never'
  const seconds = Math.trunc((now - t) / 1000)
  if (seconds < -1) return 'never'
  if (seconds < 0) return '0s'
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.trunc(seconds / 60)
  if (minutes < 60) return `${minutes}m`
  const hours = Math.trunc(minutes / 60)
  if (hours < 24) return `${hours}h`
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`
  return `${Math.trunc(hours / 24 / 365)}y`
}

/** date is kumactl's table.Date: `2006-01-02 15:04:05` in UTC, `-` when absent. */
export function date(iso) {
  if (!iso) return '-'
  const t = new Date(iso)
  if (Number.isNaN(t.getTime())) return '-'
  return t.toISOString().slice(0, 19).replace('T', ' ')
}

/** toYaml prints like sigs.k8s.io/yaml: keys sorted, sequences not indented, YAML 1.1 quoting. */
export function toYaml(value) {
  return stringify(value, { sortMapEntries: true, indentSeq: false, version: '1.1', lineWidth: 0 })
}

/** toJson prints like Go's json.MarshalIndent with two spaces, and a newline. */
export function toJson(value) {
  return JSON.stringify(value, null, 2) + '\n'
}

/** tagSet is Kuma's MultiValueTagSet.String(): `k=v1,v2 k2=v` sorted by key and by value. */
export function tagSet(dataplane) {
  /** @type {Map<string, Set<string>>} */
  const tags = new Map()
  const add = (t) => {
    for (const [k, v] of Object.entries(t ?? {})) {
      if (!tags.has(k)) tags.set(k, new Set())
      tags.get(k)?.add(String(v))
    }
  }
  const net = dataplane?.networking ?? {}
  for (const inbound of net.inbound ?? []) add(inbound.tags)
  add(net.gateway?.tags)
  return [...tags.keys()]
    .map((k) => `${k}=${[...(tags.get(k) ?? [])].sort().join(',')}`)
    .sort()
    .join(' ')
}
