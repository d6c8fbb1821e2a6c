/**
 * @module Bundles the TypeScript zone agent (agent/main.ts) into dist/agent.mjs with esbuild, the
 * one installed with wrangler. npm packages stay external and load from node_modules.
 */
import { build } from 'esbuild'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/** buildAgent writes dist/agent.mjs and resolves to its path. */
export async function buildAgent() {
  const outfile = join(ROOT, 'dist', 'agent.mjs')
  await build({
    entryPoints: [join(ROOT, 'agent', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
    banner: { js: '#!/usr/bin/env node' },
  })
  return outfile
}

if (import.meta.url === `file://${process.argv[1]}`) await buildAgent()
