#!/usr/bin/env node
/** @module kumo-agent launcher: builds dist/agent.mjs from the TypeScript sources when missing or older, then runs it. */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(ROOT, 'dist', 'agent.mjs')

/** newest is the latest modification time under dir (.ts files only). */
function newest(dir) {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) t = Math.max(t, newest(p))
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
      t = Math.max(t, statSync(p).mtimeMs)
  }
  return t
}

const stale = () => {
  const built = statSync(out).mtimeMs
  return ['agent', 'core'].some((d) => newest(join(ROOT, d)) > built)
}
if (!existsSync(out) || stale()) {
  const { buildAgent } = await import(pathToFileURL(join(ROOT, 'scripts', 'build-agent.mjs')).href)
  await buildAgent()
}
await import(pathToFileURL(out).href)
