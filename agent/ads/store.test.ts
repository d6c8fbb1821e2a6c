/** @module Tests of the content-addressed zone state on disk: bodies once by hash, one index. */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { newSnapshot, type Snapshot, TypeUrl } from '../../core/xds/snapshot'
import { FileSnapshotStore } from './store'

const cluster = (name: string, connectTimeout = '1s') => ({
  name,
  type: 'STATIC',
  connectTimeout,
})
const snap = (...clusters: ReturnType<typeof cluster>[]) =>
  newSnapshot({ [TypeUrl.Cluster]: Object.fromEntries(clusters.map((c) => [c.name, c])) })
const hashOf = (s: Snapshot, name: string) => s.hashes[TypeUrl.Cluster][name]

const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})
async function stateDir() {
  const dir = await mkdtemp(path.join(tmpdir(), 'kumo-store-'))
  dirs.push(dir)
  return dir
}
const zone = (
  proxies: Record<string, Snapshot>,
  revisions: Record<string, number> = { default: 1 },
) => ({
  revisions,
  proxies: new Map(Object.entries(proxies)),
})

describe('FileSnapshotStore', () => {
  it('stores each body once, shared by the proxies using it, and loads the state back', async () => {
    const dir = await stateDir()
    const one = snap(cluster('a'), cluster('b'))
    const two = snap(cluster('a'))
    await new FileSnapshotStore(dir).save(zone({ 'default.one': one, 'default.two': two }))
    expect((await readdir(path.join(dir, 'bodies'))).sort()).toEqual(
      [`${hashOf(one, 'a')}.json`, `${hashOf(one, 'b')}.json`].sort(),
    )
    const loaded = await new FileSnapshotStore(dir).load()
    expect(loaded.rejected).toEqual([])
    expect(loaded.revisions).toEqual({ default: 1 })
    expect(loaded.snapshots.map((s) => [s.nodeId, s.snapshot.version])).toEqual([
      ['default.one', one.version],
      ['default.two', two.version],
    ])
    // one object per body, whatever the number of proxies using it
    const [a1, a2] = loaded.snapshots.map((s) => s.snapshot.resources[TypeUrl.Cluster].a)
    expect(a1).toBe(a2)
    expect(a1).toEqual(cluster('a'))
  })

  it('deletes bodies once no durable index references them', async () => {
    const dir = await stateDir()
    const store = new FileSnapshotStore(dir)
    const before = snap(cluster('a'), cluster('b'))
    await store.save(zone({ 'default.one': before }))
    const after = snap(cluster('a'), cluster('b', '2s'))
    await store.save(zone({ 'default.one': after }, { default: 2 }))
    expect((await readdir(path.join(dir, 'bodies'))).sort()).toEqual(
      [`${hashOf(after, 'a')}.json`, `${hashOf(after, 'b')}.json`].sort(),
    )
    await store.save(zone({}, { default: 3 }))
    expect(await readdir(path.join(dir, 'bodies'))).toEqual([])
    const index = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8'))
    expect(index).toMatchObject({ format: 'kumo.agent.zone/v1', revisions: { default: 3 } })
  })

  it('skips a proxy whose body is missing or corrupt, removes torn temp files, loads the rest', async () => {
    const dir = await stateDir()
    const good = snap(cluster('a'))
    const torn = snap(cluster('b'))
    const gone = snap(cluster('c'))
    await new FileSnapshotStore(dir).save(
      zone({ 'default.good': good, 'default.torn': torn, 'default.gone': gone }),
    )
    await writeFile(path.join(dir, 'bodies', `${hashOf(torn, 'b')}.json`), '{"name":"b"}')
    await rm(path.join(dir, 'bodies', `${hashOf(gone, 'c')}.json`))
    await writeFile(path.join(dir, 'index.json.abc.tmp'), 'torn')
    await writeFile(path.join(dir, 'bodies', 'x.json.abc.tmp'), 'torn')
    const loaded = await new FileSnapshotStore(dir).load()
    expect(loaded.snapshots.map((s) => s.nodeId)).toEqual(['default.good'])
    expect(loaded.rejected).toEqual([
      { what: 'default.torn', reason: expect.stringContaining('hashes to') },
      { what: 'default.gone', reason: expect.stringContaining('ENOENT') },
    ])
    expect(await readdir(dir)).not.toContain('index.json.abc.tmp')
    expect(await readdir(path.join(dir, 'bodies'))).not.toContain('x.json.abc.tmp')
  })

  it('rejects an index it cannot read', async () => {
    const dir = await stateDir()
    await writeFile(path.join(dir, 'index.json'), '{"format":"kumo.agent.zone/v1"')
    const loaded = await new FileSnapshotStore(dir).load()
    expect(loaded.snapshots).toEqual([])
    expect(loaded.rejected).toHaveLength(1)
  })

  it('reads the previous one-file-a-proxy format and replaces it on the next save', async () => {
    const dir = await stateDir()
    const old = snap(cluster('a'))
    const file = (body: object) => JSON.stringify({ format: 'kumo.agent.snapshot/v1', ...body })
    await writeFile(
      path.join(dir, 'default.web.snapshot.json'),
      file({ nodeId: 'default.web', version: old.version, resources: old.resources }),
    )
    await writeFile(path.join(dir, 'garbage.snapshot.json'), '{"format":')
    const store = new FileSnapshotStore(dir)
    const loaded = await store.load()
    expect(loaded.snapshots.map((s) => [s.nodeId, s.snapshot.version])).toEqual([
      ['default.web', old.version],
    ])
    expect(loaded.rejected).toHaveLength(1)
    expect(loaded.rewrite).toBe(true)
    await store.save(zone({ 'default.web': loaded.snapshots[0].snapshot }, {}))
    expect((await readdir(dir)).sort()).toEqual(['bodies', 'index.json'])
    expect((await new FileSnapshotStore(dir).load()).snapshots).toHaveLength(1)
  })
})
