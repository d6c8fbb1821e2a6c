/** @module Benchmark results: one figure per row, printed as it is measured and written to results.json. */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'

export interface Result {
  name: string
  value: number
  unit: string
  params: Record<string, unknown>
  machine: string
  revision: string
}

/** machine describes the host: CPU model, cores, memory, OS and Node version. */
export function machine(): string {
  const cpus = os.cpus()
  const model = cpus[0]?.model.trim() ?? 'unknown CPU'
  const gb = Math.round(os.totalmem() / 2 ** 30)
  return `${model}, ${cpus.length} cores, ${gb} GB, ${os.type()} ${os.release()}, Node ${process.version}`
}

/** revision is the checked-out commit (read-only), with +dirty when the tree has changes. */
export function revision(root: string): string {
  try {
    const head = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
    const dirty = execFileSync(
      'git',
      ['-C', root, 'status', '--porcelain', '--untracked-files=no'],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    ).trim()
    return dirty ? `${head}+dirty` : head
  } catch {
    return 'unknown'
  }
}

/** Results collects figures, prints each and rewrites the file after each, so a crash keeps them. */
export class Results {
  readonly rows: Result[] = []
  private readonly m = machine()
  private readonly rev: string

  constructor(
    private readonly file: string,
    root: string,
  ) {
    this.rev = revision(root)
  }

  emit(r: Omit<Result, 'machine' | 'revision'>) {
    const value = Number.isInteger(r.value) ? r.value : Number(r.value.toPrecision(4))
    const row = { ...r, value, machine: this.m, revision: this.rev }
    this.rows.push(row)
    const p = Object.entries(r.params)
      .filter(([k]) => k !== 'note' && k !== 'assumptions')
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`)
      .join(' ')
    process.stdout.write(
      `  ${r.name.padEnd(44)} ${String(value).padStart(12)} ${r.unit.padEnd(8)} ${p}\n`,
    )
    writeFileSync(this.file, JSON.stringify(this.rows, null, 2) + '\n')
  }

  static read(file: string): Result[] {
    return JSON.parse(readFileSync(file, 'utf8')) as Result[]
  }
}
