#!/usr/bin/env node
/**
 * @module `npm run bench`: bundles bench/main.ts (and the core and agent code it runs in-process)
 * with esbuild into bench/.build/, then runs it with --expose-gc. Arguments pass through:
 * `--quick` (everything small, under two minutes), `--only gen,propagation,...`, `--out FILE`.
 */
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
// inside the project, so the bundle's bare imports resolve from its node_modules
const outfile = join(ROOT, 'bench', '.build', `bench-${process.pid}.mjs`)
try {
  await build({
    entryPoints: [join(ROOT, 'bench', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  })
  // the agent is built once here, so a source edited during the run cannot rebuild it mid-way
  const { buildAgent } = await import(join(ROOT, 'scripts', 'build-agent.mjs'))
  await buildAgent()
  const r = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], {
    cwd: ROOT,
    env: { ...process.env, KUMO_ROOT: ROOT },
    stdio: 'inherit',
  })
  process.exitCode = r.status ?? 1
} finally {
  rmSync(outfile, { force: true })
}
