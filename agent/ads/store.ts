/**
 * @module Static stability: the last good snapshot of every proxy kept on disk as JSON, one file
 * a proxy, written atomically (temp file, fsync, rename) so a crash mid-write leaves the previous
 * file whole. The agent reloads it at start and serves it while the edge is unreachable.
 */
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { newSnapshot, type Resources, type Snapshot } from '../../core/xds/snapshot'

const FORMAT = 'kumo.agent.snapshot/v1'
const SUFFIX = '.snapshot.json'

/** StoredSnapshot is the file body; `version` lets load detect a file edited by hand or torn. */
interface StoredSnapshot {
  format: typeof FORMAT
  nodeId: string
  savedAt: string
  version: string
  resources: Resources
}

/** SnapshotStore persists snapshots; the cache calls it after every accepted snapshot. */
export interface SnapshotStore {
  save(nodeId: string, snapshot: Snapshot): Promise<void>
  remove(nodeId: string): Promise<void>
  loadAll(): Promise<{
    snapshots: { nodeId: string; snapshot: Snapshot }[]
    rejected: { file: string; reason: string }[]
  }>
}

/** FileSnapshotStore keeps `<dir>/<encoded node id>.snapshot.json`. */
export class FileSnapshotStore implements SnapshotStore {
  constructor(readonly dir: string) {}

  private file(nodeId: string): string {
    return path.join(this.dir, encodeURIComponent(nodeId) + SUFFIX)
  }

  async save(nodeId: string, snapshot: Snapshot): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true })
    const body: StoredSnapshot = {
      format: FORMAT,
      nodeId,
      savedAt: new Date().toISOString(),
      version: snapshot.version,
      resources: snapshot.resources,
    }
    const target = this.file(nodeId)
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`
    const handle = await fs.open(tmp, 'w')
    try {
      await handle.writeFile(JSON.stringify(body))
      await handle.sync()
    } finally {
      await handle.close()
    }
    try {
      await fs.rename(tmp, target)
    } catch (e) {
      await fs.rm(tmp, { force: true })
      throw e
    }
  }

  async remove(nodeId: string): Promise<void> {
    await fs.rm(this.file(nodeId), { force: true })
  }

  async loadAll() {
    const snapshots: { nodeId: string; snapshot: Snapshot }[] = []
    const rejected: { file: string; reason: string }[] = []
    let names: string[]
    try {
      names = await fs.readdir(this.dir)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { snapshots, rejected }
      throw e
    }
    for (const name of names.sort()) {
      const file = path.join(this.dir, name)
      if (name.endsWith('.tmp')) {
        await fs.rm(file, { force: true }) // left by a crash mid-write; the old file is intact
        continue
      }
      if (!name.endsWith(SUFFIX)) continue
      try {
        const body = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<StoredSnapshot>
        if (body.format !== FORMAT) throw new Error(`unknown format ${JSON.stringify(body.format)}`)
        if (
          typeof body.nodeId !== 'string' ||
          typeof body.resources !== 'object' ||
          !body.resources
        )
          throw new Error('nodeId or resources missing')
        const snapshot = newSnapshot(body.resources)
        if (snapshot.version !== body.version)
          throw new Error(`content has version ${snapshot.version}, file says ${body.version}`)
        snapshots.push({ nodeId: body.nodeId, snapshot })
      } catch (e) {
        rejected.push({ file, reason: (e as Error).message })
      }
    }
    return { snapshots, rejected }
  }
}

/** MemorySnapshotStore is a SnapshotStore for tests and agents run without a state directory. */
export class MemorySnapshotStore implements SnapshotStore {
  readonly saved = new Map<string, Snapshot>()
  async save(nodeId: string, snapshot: Snapshot) {
    this.saved.set(nodeId, snapshot)
  }
  async remove(nodeId: string) {
    this.saved.delete(nodeId)
  }
  async loadAll() {
    return {
      snapshots: [...this.saved].map(([nodeId, snapshot]) => ({ nodeId, snapshot })),
      rejected: [],
    }
  }
}
