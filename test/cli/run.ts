/** @module runKumoctl: spawns the real `cli/kumoctl.mjs` process and collects its exit code and output. */
/// <reference types="node" />
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const KUMOCTL = fileURLToPath(new URL('../../cli/kumoctl.mjs', import.meta.url))

export interface Result {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * runKumoctl runs `node cli/kumoctl.mjs ...args`. HOME points at an empty temp dir unless `env`
 * says otherwise, so the user's own ~/.kumoctl is never read or written.
 */
export function runKumoctl(
  args: string[],
  opts: { env?: Record<string, string | undefined>; stdin?: string } = {},
): Promise<Result> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: scratchHome(),
    NO_COLOR: '1',
    ...opts.env,
  }
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KUMOCTL, ...args], { env: env as NodeJS.ProcessEnv })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(opts.stdin ?? '')
  })
}

const made: string[] = []
let home: string | undefined
function scratchHome(): string {
  home ??= tempDir('kumoctl-home-')
  return home
}

/** tempDir makes a fresh directory for files a test writes; removeTempDirs deletes them all. */
export function tempDir(prefix = 'kumoctl-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix))
  made.push(d)
  return d
}

/** removeTempDirs deletes every directory tempDir made in this test file. */
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true })
  home = undefined
}

/** writeFile writes `text` to `dir/name` and returns the path. */
export function writeFile(dir: string, name: string, text: string): string {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}
