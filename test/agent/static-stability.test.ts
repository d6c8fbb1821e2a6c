/**
 * @module Static stability: a restarted agent whose edge is unreachable serves every proxy the
 * last good snapshot from its state directory, to proxies it has never seen before too; a proxy
 * whose stored bodies are damaged is skipped, the others are served.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SnapshotCache } from '../../agent/ads/cache'
import { FileSnapshotStore } from '../../agent/ads/store'
import { silentLogger } from '../../agent/log'
import { AdsClient, names } from './ads-client'
import { CDS, grpcSnapshot, LDS, startAds } from './fixtures'

const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn()
})

async function agent(dir: string) {
  const cache = new SnapshotCache({ store: new FileSnapshotStore(dir), log: silentLogger })
  const loaded = await cache.load()
  const ads = await startAds({ cache })
  const client = new AdsClient(ads.address)
  cleanup.push(async () => {
    client.close()
    await ads.server.close(100)
  })
  return { ...ads, client, loaded }
}

describe('static stability', () => {
  it('serves the stored snapshot after a restart without any upstream', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kumo-agent-state-'))
    cleanup.push(() => rm(dir, { recursive: true, force: true }))
    const first = await agent(dir)
    const snap = grpcSnapshot({ service: 'echo', backends: { a: [9001] }, routeTo: 'a' })
    expect(first.cache.setSnapshot('default.web-1', snap)).toEqual({
      ok: true,
      version: snap.version,
      changed: true,
    })
    const other = grpcSnapshot({ service: 'other', backends: { b: [9002] }, routeTo: 'b' })
    expect(first.cache.setSnapshot('default.web-2', other)).toMatchObject({ ok: true })
    await first.cache.flush()
    await first.server.close(100)

    // a body only web-2 uses is torn: web-2 is skipped, web-1 is still served
    const torn = other.hashes[LDS].other
    await writeFile(path.join(dir, 'bodies', `${torn}.json`), '{"name":"other"}')
    await writeFile(path.join(dir, 'index.json.abc.tmp'), 'torn')
    const second = await agent(dir)
    expect(second.loaded.loaded).toEqual(['default.web-1'])
    expect(second.loaded.rejected).toEqual([
      { what: 'default.web-2', reason: expect.stringContaining(torn) },
    ])
    expect(await readdir(dir)).not.toContain('index.json.abc.tmp')
    const s = second.client.sotw()
    s.send({ node: { id: 'default.web-1' }, type_url: CDS })
    const r = await s.next()
    expect(r.version_info).toBe(snap.versions[CDS])
    expect(names(r)).toEqual(['a'])
    s.send({ type_url: LDS, resource_names: ['echo'] })
    expect(names(await s.next())).toEqual(['echo'])
    s.close()
  })
})
