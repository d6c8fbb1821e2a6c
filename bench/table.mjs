#!/usr/bin/env node
/**
 * @module Prints bench/results.json (or the file given) as the Markdown table of the README's
 * Performance section: figure, value, unit and its main parameters.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const file = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'results.json')
const rows = JSON.parse(readFileSync(file, 'utf8'))
const SKIP = new Set([
  'what',
  'note',
  'assumptions',
  'lines',
  'byMethod',
  'variants',
  'clientState',
  'retry',
])
const fmt = (v) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : String(v))
console.log('| figure | value | unit | parameters |')
console.log('|---|---:|---|---|')
for (const r of rows) {
  const p = Object.entries(r.params)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`)
    .join(', ')
  console.log(`| \`${r.name}\` | ${fmt(r.value)} | ${r.unit} | ${p.replaceAll('|', '/')} |`)
}
if (rows[0]) console.log(`\nMachine: ${rows[0].machine}; revision ${rows[0].revision}.`)
