/**
 * @module Preloaded into the benchmark's kumo-agent (`node --expose-gc --import`): on SIGUSR2 it
 * runs a full GC and writes process.memoryUsage() (RSS in KB) to $KUMO_BENCH_PROBE. The agent's
 * own code is untouched. SIGHUP exits at once through process.exit (so --cpu-prof profiles are
 * written; the agent's graceful SIGTERM path waits for its long-poll to end).
 */
import { writeFileSync } from 'node:fs'

const file = process.env.KUMO_BENCH_PROBE
if (file && typeof globalThis.gc === 'function') {
  process.on('SIGUSR2', () => {
    globalThis.gc()
    globalThis.gc()
    setTimeout(() => {
      globalThis.gc()
      const m = process.memoryUsage()
      const out = { rssKb: Math.round(m.rss / 1024), heapUsed: m.heapUsed, external: m.external }
      writeFileSync(file + '.tmp', JSON.stringify(out))
      writeFileSync(file, JSON.stringify(out))
    }, 200)
  })
}

process.on('SIGHUP', () => process.exit(0))
