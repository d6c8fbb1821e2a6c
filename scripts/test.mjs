#!/usr/bin/env node
// npm test: every vitest project (pure core in Node, routes inside workerd with local D1), then
// a closing line `N passed, N failed` that CI reads. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'

const out = '.vitest-results.json'
rmSync(out, { force: true })
const args = [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${out}`,
  ...process.argv.slice(2),
]
const run = spawnSync('node_modules/.bin/vitest', args, { stdio: 'inherit', env: process.env })

let passed = 0
let failed = 0
let skipped = 0
if (existsSync(out)) {
  const r = JSON.parse(readFileSync(out, 'utf8'))
  passed = r.numPassedTests ?? 0
  failed = (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0)
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
  // a file that failed to load counts as a failure even when it ran no test
  for (const f of r.testResults ?? [])
    if (f.status === 'failed' && (f.assertionResults ?? []).length === 0) failed++
} else {
  failed = 1
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(run.status === 0 && failed === 0 && passed > 0 ? 0 : 1)
