/**
 * @module Static stability: the zone state the agent serves, kept on disk content-addressed so a
 * change costs what changed. Each resource body is stored once by its content hash
 * (`bodies/<hash>.json`, written once, atomically); one index (`index.json`: the revisions and
 * each proxy's version and references) is replaced atomically (temp file, fsync, rename) once per
 * applied update. Bodies no durable index references are then deleted. The agent reloads it at
 * start and serves it while the edge is unreachable.
 */
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import path from 'node:path'
import type { Revisions } from '../../core/sync/protocol'
import {
  type EnvoyResource,
  type Hashes,
  newSnapshot,
  resourceHash,
  type Snapshot,
  snapshotOfHashes,
} from '../../core/xds/snapshot'

const FORMAT = 'kumo.agent.zone/v1'
const INDEX = 'index.json'
const BODIES = 'bodies'
/** HASH is what a content hash may look like to be a file name. */
const HASH = /^[0-9A-Za-z_-]{1,128}$/
/** LEGACY_* are the files of the previous format, one whole snapshot a proxy. */
const LEGACY_FORMAT = 'kumo.agent.snapshot/v1'
const LEGACY_SUFFIX = '.snapshot.json'
/** IO_PARALLELISM bounds the files read or written at once. */
const IO_PARALLELISM = 32

/** StoredZone is what the cache persists: every proxy's snapshot and their revisions. */
export interface StoredZone {
  revisions: Revisions
  proxies: ReadonlyMap<string, Snapshot>
}

/** LoadedZone is what a store gives back; `rewrite` asks for a save (an old format was read). */
export interface LoadedZone {
  revisions: Revisions
  snapshots: { nodeId: string; snapshot: Snapshot }[]
  rejected: { what: string; reason: string }[]
  rewrite?: boolean
}

/** SnapshotStore persists the zone state; the cache saves it after every accepted change. */
export interface SnapshotStore {
  save(zone: StoredZone): Promise<void>
  load(): Promise<LoadedZone>
}

interface IndexFile {
  format: typeof FORMAT
  savedAt: string
  revisions: Revisions
  proxies: Record<string, { version: string; resources: Hashes }>
}

/** FileSnapshotStore keeps `<dir>/index.json` and `<dir>/bodies/<hash>.json`. */
export class FileSnapshotStore implements SnapshotStore {
  /** onDisk holds the bodies known written, once read from the directory. */
  private onDisk?: Set<string>
  private legacy: string[] = []

  constructor(readonly dir: string) {}

  private bodyFile(hash: string) {
    return path.join(this.dir, BODIES, `${hash}.json`)
  }

  async save(zone: StoredZone): Promise<void> {
    const onDisk = this.onDisk ?? (this.onDisk = await this.listBodies())
    await fs.mkdir(path.join(this.dir, BODIES), { recursive: true })
    const used = new Set<string>()
    const missing = new Map<string, EnvoyResource>()
    const parts: string[] = []
    for (const [nodeId, snapshot] of zone.proxies) {
      for (const [typeUrl, byName] of Object.entries(snapshot.hashes)) {
        for (const [name, hash] of Object.entries(byName)) {
          if (!HASH.test(hash)) throw new Error(`${nodeId}: ${name} has a malformed hash ${hash}`)
          used.add(hash)
          if (!onDisk.has(hash)) missing.set(hash, snapshot.resources[typeUrl][name])
        }
      }
      const entry = { version: snapshot.version, resources: snapshot.hashes }
      parts.push(`${JSON.stringify(nodeId)}:${JSON.stringify(entry)}`)
    }
    const head = { format: FORMAT, savedAt: new Date().toISOString(), revisions: zone.revisions }
    const index = `${JSON.stringify(head).slice(0, -1)},"proxies":{${parts.join(',')}}}`
    const target = path.join(this.dir, INDEX)
    const tmp = tempFor(target)
    // the new bodies and the index are made durable together; the index takes its place only
    // once every body it references has
    const written = await Promise.allSettled([
      writeSynced(tmp, index),
      (async () => {
        await parallel([...missing], async ([hash, body]) => {
          await writeAtomically(this.bodyFile(hash), JSON.stringify(body))
          onDisk.add(hash)
        })
        if (missing.size > 0) await syncDir(path.join(this.dir, BODIES))
      })(),
    ])
    const failed = written.find((r) => r.status === 'rejected')
    if (failed) {
      await fs.rm(tmp, { force: true })
      throw failed.reason
    }
    await renameOver(tmp, target)
    await syncDir(this.dir)
    // the new index is durable: what only older ones referenced can go
    const unused = [...onDisk].filter((h) => !used.has(h))
    await parallel(unused, async (hash) => {
      await fs.rm(this.bodyFile(hash), { force: true })
      onDisk.delete(hash)
    })
    for (const file of this.legacy.splice(0)) await fs.rm(file, { force: true })
  }

  async load(): Promise<LoadedZone> {
    const zone: LoadedZone = { revisions: {}, snapshots: [], rejected: [] }
    await this.removeTorn(this.dir)
    await this.removeTorn(path.join(this.dir, BODIES))
    this.onDisk = await this.listBodies()
    this.legacy = (await readDir(this.dir))
      .filter((n) => n.endsWith(LEGACY_SUFFIX))
      .map((n) => path.join(this.dir, n))
    let index: IndexFile
    try {
      index = parseIndex(await fs.readFile(path.join(this.dir, INDEX), 'utf8'))
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        zone.rejected.push({ what: path.join(this.dir, INDEX), reason: (e as Error).message })
        return zone
      }
      return this.loadLegacy(zone)
    }
    const bodies = new Map<string, EnvoyResource | Error>()
    for (const pc of Object.values(index.proxies))
      for (const byName of Object.values(pc.resources))
        for (const hash of Object.values(byName)) bodies.set(hash, new Error('not read'))
    await parallel([...bodies.keys()], async (hash) => {
      bodies.set(hash, await this.readBody(hash))
    })
    for (const [nodeId, pc] of Object.entries(index.proxies)) {
      try {
        const resources: Record<string, Record<string, EnvoyResource>> = {}
        for (const [typeUrl, byName] of Object.entries(pc.resources)) {
          const out: Record<string, EnvoyResource> = (resources[typeUrl] = {})
          for (const [name, hash] of Object.entries(byName)) {
            const body = bodies.get(hash)!
            if (body instanceof Error) throw new Error(`${name}: body ${hash}: ${body.message}`)
            out[name] = body
          }
        }
        const snapshot = snapshotOfHashes(resources, pc.resources)
        if (snapshot.version !== pc.version)
          throw new Error(`content has version ${snapshot.version}, index says ${pc.version}`)
        zone.snapshots.push({ nodeId, snapshot })
      } catch (e) {
        zone.rejected.push({ what: nodeId, reason: (e as Error).message })
      }
    }
    zone.revisions = index.revisions
    return zone
  }

  private async readBody(hash: string): Promise<EnvoyResource | Error> {
    try {
      if (!HASH.test(hash)) return new Error('malformed hash')
      const body = JSON.parse(await fs.readFile(this.bodyFile(hash), 'utf8')) as EnvoyResource
      const actual = resourceHash(body)
      return actual === hash ? body : new Error(`hashes to ${actual}`)
    } catch (e) {
      return e as Error
    }
  }

  /** loadLegacy reads the previous format, a whole snapshot a proxy, to be rewritten. */
  private async loadLegacy(zone: LoadedZone): Promise<LoadedZone> {
    zone.rewrite = this.legacy.length > 0
    for (const file of this.legacy.sort()) {
      try {
        const body = JSON.parse(await fs.readFile(file, 'utf8'))
        if (body?.format !== LEGACY_FORMAT)
          throw new Error(`unknown format ${JSON.stringify(body?.format)}`)
        if (typeof body.nodeId !== 'string' || typeof body.resources !== 'object')
          throw new Error('nodeId or resources missing')
        const snapshot = newSnapshot(body.resources)
        if (snapshot.version !== body.version)
          throw new Error(`content has version ${snapshot.version}, file says ${body.version}`)
        zone.snapshots.push({ nodeId: body.nodeId, snapshot })
      } catch (e) {
        zone.rejected.push({ what: file, reason: (e as Error).message })
      }
    }
    return zone
  }

  private async listBodies(): Promise<Set<string>> {
    const names = await readDir(path.join(this.dir, BODIES))
    return new Set(names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)))
  }

  /** removeTorn deletes temp files a crash mid-write left; the files they replace are whole. */
  private async removeTorn(dir: string) {
    for (const name of await readDir(dir)) {
      if (name.endsWith('.tmp')) await fs.rm(path.join(dir, name), { force: true })
    }
  }
}

function parseIndex(text: string): IndexFile {
  const index = JSON.parse(text) as Partial<IndexFile>
  if (index.format !== FORMAT) throw new Error(`unknown format ${JSON.stringify(index.format)}`)
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (!isObject(index.revisions) || !isObject(index.proxies))
    throw new Error('revisions or proxies missing')
  for (const [id, pc] of Object.entries(index.proxies!)) {
    if (!isObject(pc) || typeof pc.version !== 'string' || !isObject(pc.resources))
      throw new Error(`proxy ${id}: version or resources missing`)
    for (const byName of Object.values(pc.resources)) {
      if (!isObject(byName) || !Object.values(byName).every((h) => typeof h === 'string'))
        throw new Error(`proxy ${id}: malformed references`)
    }
  }
  return index as IndexFile
}

async function readDir(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw e
  }
}

const tempFor = (target: string) => `${target}.${randomBytes(6).toString('hex')}.tmp`

/** writeSynced writes a new file and fsyncs it. */
async function writeSynced(file: string, text: string) {
  const handle = await fs.open(file, 'w')
  try {
    await handle.writeFile(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function renameOver(tmp: string, target: string) {
  try {
    await fs.rename(tmp, target)
  } catch (e) {
    await fs.rm(tmp, { force: true })
    throw e
  }
}

/** writeAtomically replaces `target` whole: a temp file, fsync'd, renamed over it. */
async function writeAtomically(target: string, text: string) {
  const tmp = tempFor(target)
  try {
    await writeSynced(tmp, text)
  } catch (e) {
    await fs.rm(tmp, { force: true })
    throw e
  }
  await renameOver(tmp, target)
}

/** syncDir makes renames in `dir` durable (where the platform allows opening a directory). */
async function syncDir(dir: string) {
  let handle: FileHandle | undefined
  try {
    handle = await fs.open(dir, 'r')
    await handle.sync()
  } catch {
    // not supported here (Windows); the rename is still atomic
  } finally {
    await handle?.close()
  }
}

async function parallel<T>(items: T[], fn: (item: T) => Promise<void>) {
  let next = 0
  const worker = async () => {
    while (next < items.length) await fn(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(IO_PARALLELISM, items.length) }, worker))
}

/** MemorySnapshotStore is a SnapshotStore for tests and agents run without a state directory. */
export class MemorySnapshotStore implements SnapshotStore {
  saved?: StoredZone
  saves = 0
  async save(zone: StoredZone) {
    this.saved = { revisions: zone.revisions, proxies: new Map(zone.proxies) }
    this.saves++
  }
  async load(): Promise<LoadedZone> {
    return {
      revisions: this.saved?.revisions ?? {},
      snapshots: [...(this.saved?.proxies ?? [])].map(([nodeId, snapshot]) => ({
        nodeId,
        snapshot,
      })),
      rejected: [],
    }
  }
}
