/**
 * @module The zone's Dataplanes as the agent knows them: from a watched directory of YAML files
 * and from the local HTTP API (what kuma-dp registers at start). Every change is announced so the
 * reporter can send the whole set upstream.
 */
import { promises as fs, watch, type FSWatcher } from 'node:fs'
import path from 'node:path'
import { parseAllDocuments } from 'yaml'
import type { ReportedDataplane } from '../../core/sync/protocol'
import { canonicalJson } from '../../core/xds/snapshot'
import type { Logger } from '../log'

type Json = Record<string, unknown>

const META = new Set(['type', 'mesh', 'name', 'labels', 'creationTime', 'modificationTime'])

/** parseDataplane reads one universal-format Dataplane document; a string says what is wrong. */
export function parseDataplane(doc: unknown): ReportedDataplane | string {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return 'a Dataplane must be a mapping'
  const d = doc as Json
  if (d.type !== 'Dataplane') return `type must be Dataplane, not ${JSON.stringify(d.type)}`
  if (typeof d.name !== 'string' || d.name === '') return 'name is required'
  const mesh = d.mesh ?? 'default'
  if (typeof mesh !== 'string' || mesh === '') return 'mesh must be a string'
  if (d.labels !== undefined && (typeof d.labels !== 'object' || d.labels === null))
    return 'labels must be a mapping'
  const spec: Json = {}
  for (const [k, v] of Object.entries(d)) if (!META.has(k)) spec[k] = v
  if (typeof spec.networking !== 'object' || spec.networking === null)
    return 'networking is required'
  return { mesh, name: d.name, labels: (d.labels as Record<string, string>) ?? {}, spec }
}

/** parseDataplanes reads a YAML (or JSON) text of one or more Dataplane documents. */
export function parseDataplanes(text: string): {
  dataplanes: ReportedDataplane[]
  errors: string[]
} {
  const dataplanes: ReportedDataplane[] = []
  const errors: string[] = []
  for (const [i, doc] of parseAllDocuments(text).entries()) {
    if (doc.errors.length > 0) {
      errors.push(`document ${i + 1}: ${doc.errors[0].message}`)
      continue
    }
    const value = doc.toJS()
    if (value === null || value === undefined) continue
    const r = parseDataplane(value)
    if (typeof r === 'string') errors.push(`document ${i + 1}: ${r}`)
    else dataplanes.push(r)
  }
  return { dataplanes, errors }
}

const keyOf = (d: { mesh: string; name: string }) => `${d.mesh}.${d.name}`

/** DataplaneRegistry merges both sources; a registration through the API wins over a file. */
export class DataplaneRegistry {
  private readonly fromFiles = new Map<string, Map<string, ReportedDataplane>>()
  private readonly fromApi = new Map<string, ReportedDataplane>()
  private readonly listeners = new Set<() => void>()
  private watcher?: FSWatcher
  private rescanTimer?: NodeJS.Timeout
  private last = ''

  constructor(private readonly log: Logger) {}

  /** all lists the zone's Dataplanes sorted by node id. */
  all(): ReportedDataplane[] {
    const out = new Map<string, ReportedDataplane>()
    for (const file of [...this.fromFiles.keys()].sort()) {
      for (const [k, d] of this.fromFiles.get(file)!) out.set(k, d)
    }
    for (const [k, d] of this.fromApi) out.set(k, d)
    return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, d]) => d)
  }

  has(nodeId: string): boolean {
    return this.all().some((d) => keyOf(d) === nodeId)
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  private changed() {
    const now = canonicalJson(this.all())
    if (now === this.last) return
    this.last = now
    for (const fn of this.listeners) fn()
  }

  register(d: ReportedDataplane) {
    this.fromApi.set(keyOf(d), d)
    this.log.info('dataplane registered', { mesh: d.mesh, name: d.name })
    this.changed()
  }

  deregister(mesh: string, name: string): boolean {
    const had = this.fromApi.delete(`${mesh}.${name}`)
    if (had) {
      this.log.info('dataplane deregistered', { mesh, name })
      this.changed()
    }
    return had
  }

  /** watchDir reads every `*.yaml|*.yml|*.json` of dir now and whenever the directory changes. */
  async watchDir(dir: string) {
    await fs.mkdir(dir, { recursive: true })
    await this.scan(dir)
    let pending: NodeJS.Timeout | undefined
    const soon = () => {
      clearTimeout(pending)
      pending = setTimeout(() => void this.scan(dir), 100)
    }
    try {
      this.watcher = watch(dir, soon)
    } catch (e) {
      this.log.warn('cannot watch the dataplanes directory, rescanning every 2 s', {
        dir,
        error: String(e),
      })
    }
    // fs.watch misses events on some filesystems: a slow rescan catches up
    this.rescanTimer = setInterval(soon, 2000)
  }

  private async scan(dir: string) {
    let names: string[]
    try {
      names = (await fs.readdir(dir)).filter((n) => /\.(ya?ml|json)$/.test(n)).sort()
    } catch (e) {
      this.log.error('cannot read the dataplanes directory', { dir, error: String(e) })
      return
    }
    const seen = new Set<string>()
    for (const name of names) {
      const file = path.join(dir, name)
      seen.add(file)
      try {
        const { dataplanes, errors } = parseDataplanes(await fs.readFile(file, 'utf8'))
        for (const error of errors) this.log.error('invalid Dataplane file', { file, error })
        this.fromFiles.set(file, new Map(dataplanes.map((d) => [keyOf(d), d])))
      } catch (e) {
        this.log.error('cannot read a Dataplane file', { file, error: String(e) })
      }
    }
    for (const file of [...this.fromFiles.keys()]) if (!seen.has(file)) this.fromFiles.delete(file)
    this.changed()
  }

  close() {
    this.watcher?.close()
    clearInterval(this.rescanTimer)
  }
}
