/** @module The Store conformance suite: every store implementation runs these same tests. */
import { describe, expect, it } from 'vitest'
import { KumaError } from '../../core/api/errors'
import type { PutInput, ResourceKey, ResourceRecord, Store } from '../../core/store/store'

export interface StoreHarness {
  /** store over the storage under test; tests keep apart by using fresh tenants. */
  store(): Store
  /** failingStore is the same store over a backend whose calls fail after the first `n`. */
  failingStore(n: number): Store
  /**
   * maxResourceBytes: the size of a stored resource (spec, labels and keys) above which a write
   * is refused with a 413; undefined: anything the API's 1 MiB body limit lets through fits.
   */
  maxResourceBytes?: number
}

let tenants = 0
const NOW = '2026-01-02T03:04:05.000Z'
const at = (s: number) => new Date(Date.parse(NOW) + s * 1000).toISOString()
const mtp = (name: string, mesh = 'default'): ResourceKey => ({
  type: 'MeshTrafficPermission',
  mesh,
  name,
})
const meshKey = (name: string): ResourceKey => ({ type: 'Mesh', mesh: '', name })
const spec = (action = 'Allow', extra: Record<string, unknown> = {}) => ({
  targetRef: { kind: 'Mesh' },
  from: [{ targetRef: { kind: 'Mesh' }, default: { action } }],
  ...extra,
})

function input(key: ResourceKey, over: Partial<PutInput> = {}): PutInput {
  return { key, labels: {}, spec: spec(), expectedVersion: 0, actor: 'tester', now: NOW, ...over }
}

/** fresh makes a tenant with mesh `default` (and `others`) on the given store. */
async function fresh(store: Store, meshes = ['default']): Promise<string> {
  const tenant = `t${++tenants}-${crypto.randomUUID().slice(0, 8)}`
  expect(await store.createTenant(tenant, NOW)).toBe(true)
  for (const m of meshes) expect((await store.put(tenant, input(meshKey(m)))).ok).toBe(true)
  return tenant
}

async function names(store: Store, tenant: string, mesh?: string) {
  const page = await store.list(tenant, 'MeshTrafficPermission', { mesh, size: 1000 })
  return page.items.map((r) => `${r.name}@${r.mesh}`)
}

/** storeSuite runs the Store contract of core/store/store.ts against one implementation. */
export function storeSuite(name: string, h: StoreHarness) {
  describe(`${name} conformance`, () => {
    it('creates, reads, updates and deletes with versions', async () => {
      const s = h.store()
      const t = await fresh(s)
      const created = await s.put(t, input(mtp('a'), { labels: { team: 'x' } }))
      expect(created).toMatchObject({ ok: true, record: { version: 1, labels: { team: 'x' } } })
      const got = await s.get(t, mtp('a'))
      expect(got).toMatchObject({ name: 'a', mesh: 'default', version: 1, spec: spec() })
      expect(got!.creationTime).toBe(NOW)
      expect(await s.put(t, input(mtp('a')))).toEqual({ ok: false, reason: 'exists' })
      const updated = await s.put(
        t,
        input(mtp('a'), { spec: spec('Deny'), expectedVersion: 1, now: at(1) }),
      )
      expect(updated).toMatchObject({ ok: true, record: { version: 2, spec: spec('Deny') } })
      expect((await s.get(t, mtp('a')))!).toMatchObject({
        creationTime: NOW,
        modificationTime: at(1),
      })
      const stale = await s.put(t, input(mtp('a'), { expectedVersion: 1 }))
      expect(stale).toEqual({ ok: false, reason: 'conflict' })
      expect(await s.put(t, input(mtp('zz'), { expectedVersion: 3 }))).toEqual({
        ok: false,
        reason: 'not-found',
      })
      expect(await s.put(t, input(mtp('b', 'nope')))).toEqual({
        ok: false,
        reason: 'mesh-not-found',
      })
      const del = { key: mtp('a'), actor: 'tester', now: at(2) }
      expect(await s.delete(t, { ...del, expectedVersion: 1 })).toEqual({
        ok: false,
        reason: 'conflict',
      })
      expect((await s.delete(t, del)).ok).toBe(true)
      expect(await s.get(t, mtp('a'))).toBeUndefined()
      expect(await s.delete(t, del)).toEqual({ ok: false, reason: 'not-found' })
      expect((await s.put(t, input(mtp('a')))).ok).toBe(true)
      expect((await s.get(t, mtp('a')))!.version).toBe(1)
      expect(await s.get('another-tenant', mtp('a'))).toBeUndefined()
    })

    it('keeps status and drops it when an update has none', async () => {
      const s = h.store()
      const t = await fresh(s)
      await s.put(t, input(mtp('st'), { status: { ok: true } }))
      expect((await s.get(t, mtp('st')))!.status).toEqual({ ok: true })
      await s.put(t, input(mtp('st'), { expectedVersion: 1 }))
      expect((await s.get(t, mtp('st')))!.status).toBeUndefined()
    })

    it('lists sorted by name then mesh and pages with decimal offsets', async () => {
      const s = h.store()
      const t = await fresh(s, ['default', 'm2'])
      for (const n of ['e', 'b', 'a-b', 'a', 'd', 'c', 'a.b']) await s.put(t, input(mtp(n)))
      for (const n of ['a', 'c']) await s.put(t, input(mtp(n, 'm2')))
      const all = ['a', 'a-b', 'a.b', 'b', 'c', 'd', 'e'].map((n) => `${n}@default`)
      expect(await names(s, t, 'default')).toEqual(all)
      const seen: string[] = []
      let offset: string | undefined
      let pages = 0
      do {
        const page = await s.list(t, 'MeshTrafficPermission', { mesh: 'default', size: 3, offset })
        expect(page.total).toBe(7)
        seen.push(...page.items.map((r) => `${r.name}@${r.mesh}`))
        offset = page.nextOffset
        pages++
      } while (offset)
      expect(seen).toEqual(all)
      expect(pages).toBe(3)
      const second = await s.list(t, 'MeshTrafficPermission', {
        mesh: 'default',
        size: 3,
        offset: '3',
      })
      expect(second.nextOffset).toBe('6')
      const across = await names(s, t)
      expect(across.slice(0, 3)).toEqual(['a@default', 'a@m2', 'a-b@default'])
      expect(across).toHaveLength(9)
      const meshes = await s.list(t, 'Mesh', { mesh: '', size: 10 })
      expect(meshes.items.map((m) => m.name)).toEqual(['default', 'm2'])
      await expect(
        s.list(t, 'MeshTrafficPermission', { mesh: 'default', size: 3, offset: 'zzz' }),
      ).rejects.toThrow(KumaError)
    })

    it('filters by labels, name and an in-memory filter before paging', async () => {
      const s = h.store()
      const t = await fresh(s)
      for (let i = 0; i < 6; i++) {
        const labels = { team: i % 2 ? 'odd' : 'even', 'kuma.io/zone': i < 3 ? 'z1' : 'z2' }
        await s.put(t, input(mtp(`web-${i}`), { labels }))
      }
      await s.put(t, input(mtp('db-1'), { labels: { team: 'odd' } }))
      const list = (o: object) =>
        s.list(t, 'MeshTrafficPermission', { mesh: 'default', size: 2, ...o })
      const odd = await list({ labels: { team: 'odd' } })
      expect(odd.total).toBe(4)
      expect(odd.items.map((r) => r.name)).toEqual(['db-1', 'web-1'])
      const both = await list({ labels: { team: 'odd', 'kuma.io/zone': 'z2' } })
      expect(both.items.map((r) => r.name)).toEqual(['web-3', 'web-5'])
      expect(both.nextOffset).toBeUndefined()
      expect((await list({ nameContains: 'eb-' })).total).toBe(6)
      const custom = await list({
        filter: (r: ResourceRecord) => r.name.endsWith('5') || r.name.endsWith('4'),
      })
      expect(custom).toMatchObject({ total: 2, nextOffset: undefined })
      expect((await list({ labels: { team: 'none' } })).total).toBe(0)
    })

    it('lets exactly one of many conflicting writes win', async () => {
      const s = h.store()
      const t = await fresh(s)
      const creates = await Promise.all(
        Array.from({ length: 8 }, () => s.put(t, input(mtp('race')))),
      )
      expect(creates.filter((r) => r.ok)).toHaveLength(1)
      expect(creates.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(
        Array(7).fill('exists'),
      )
      const updates = await Promise.all(
        ['A', 'B', 'C', 'D', 'E', 'F'].map((who) =>
          s.put(
            t,
            input(mtp('race'), { expectedVersion: 1, actor: who, spec: spec('Deny', { who }) }),
          ),
        ),
      )
      const winners = updates.filter((r) => r.ok)
      expect(winners).toHaveLength(1)
      const stored = (await s.get(t, mtp('race')))!
      expect(stored.version).toBe(2)
      expect(stored.spec).toEqual(winners[0].ok && winners[0].record!.spec)
      const deletes = await Promise.all(
        Array.from({ length: 4 }, () =>
          s.delete(t, { key: mtp('race'), expectedVersion: 2, actor: 'x', now: NOW }),
        ),
      )
      expect(deletes.filter((r) => r.ok)).toHaveLength(1)
    })

    it('bumps the mesh revision once per write, monotonically, and not for refused writes', async () => {
      const s = h.store()
      const t = await fresh(s, ['default', 'm2'])
      const before = await s.revision(t, 'default')
      expect(before).toBe(1) // the Mesh's own creation
      const seen: number[] = []
      let writing = true
      const poll = (async () => {
        while (writing) seen.push(await s.revision(t, 'default'))
      })()
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => s.put(t, input(mtp(`r${i}`)))),
      )
      writing = false
      await poll
      const revisions = results.map((r) => (r.ok ? r.revision : -1))
      expect(new Set(revisions).size).toBe(12)
      expect(Math.min(...revisions)).toBeGreaterThan(before)
      expect(await s.revision(t, 'default')).toBe(before + 12)
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1])
      await s.put(t, input(mtp('r1')))
      await s.put(t, input(mtp('x', 'nope')))
      await s.put(t, input(mtp('r1'), { expectedVersion: 7 }))
      expect(await s.revision(t, 'default')).toBe(before + 12)
      expect(await s.revision(t, 'm2')).toBe(1)
      expect(await s.revision(t, '')).toBe(0)
      await s.put(t, input({ type: 'Zone', mesh: '', name: 'z' }))
      expect(await s.revision(t, '')).toBe(1)
      // every Mesh's revision in one read, where the backend has it
      if (s.meshRevisions) expect(await s.meshRevisions(t)).toEqual({ default: before + 12, m2: 1 })
    })

    it('records each write in the audit log, newest first, and nothing for refused ones', async () => {
      const s = h.store()
      const t = await fresh(s)
      await s.put(t, input(mtp('x'), { now: at(1) }))
      await s.put(t, input(mtp('x'), { now: at(2), expectedVersion: 1, actor: 'bob' }))
      await s.put(t, input(mtp('x'), { now: at(3), expectedVersion: 1 }))
      await s.delete(t, { key: mtp('x'), actor: 'eve', now: at(4) })
      const page = await s.listAudit(t, 3)
      expect(page.total).toBe(4)
      expect(page.items.map((a) => [a.action, a.actor, a.oldVersion, a.newVersion])).toEqual([
        ['delete', 'eve', 2, null],
        ['update', 'bob', 1, 2],
        ['create', 'tester', null, 1],
      ])
      expect(page.nextOffset).toBe('3')
      const rest = await s.listAudit(t, 3, page.nextOffset)
      expect(rest.items.map((a) => [a.type, a.name])).toEqual([['Mesh', 'default']])
      expect(rest.nextOffset).toBeUndefined()
    })

    it('deletes everything in a Mesh with it, and a new Mesh of that name starts empty', async () => {
      const s = h.store()
      const t = await fresh(s, ['default', 'gone'])
      for (const n of ['a', 'b', 'c']) await s.put(t, input(mtp(n, 'gone')))
      await s.put(t, input(mtp('a')))
      expect((await s.delete(t, { key: meshKey('gone'), actor: 'x', now: NOW })).ok).toBe(true)
      expect(await s.get(t, mtp('a', 'gone'))).toBeUndefined()
      if (s.meshRevisions) expect(Object.keys(await s.meshRevisions(t))).toEqual(['default'])
      expect(await names(s, t)).toEqual(['a@default'])
      expect((await s.put(t, input(meshKey('gone')))).ok).toBe(true)
      expect(await names(s, t, 'gone')).toEqual([])
      expect(await s.put(t, input(mtp('b', 'gone'), { expectedVersion: 1 }))).toEqual({
        ok: false,
        reason: 'not-found',
      })
      const again = await s.put(t, input(mtp('b', 'gone')))
      expect(again).toMatchObject({ ok: true, record: { version: 1 } })
      expect(await names(s, t)).toEqual(['a@default', 'b@gone'])
    })

    it('stores a spec near the size limit whole, and refuses a bigger one with a 413', async () => {
      const s = h.store()
      const t = await fresh(s)
      const limit = h.maxResourceBytes ?? 1024 * 1024
      const near = spec('Allow', { blob: 'n'.repeat(limit - 4096) })
      expect((await s.put(t, input(mtp('big'), { spec: near }))).ok).toBe(true)
      expect((await s.get(t, mtp('big')))!.spec).toEqual(near)
      const grown = spec('Allow', { blob: 'g'.repeat(limit - 2048) })
      expect((await s.put(t, input(mtp('big'), { spec: grown, expectedVersion: 1 }))).ok).toBe(true)
      if (h.maxResourceBytes === undefined) return
      const revision = await s.revision(t, 'default')
      const over = spec('Allow', { blob: 'o'.repeat(h.maxResourceBytes + 1) })
      for (const [key, expectedVersion] of [
        [mtp('bigger'), 0],
        [mtp('big'), 2],
      ] as const) {
        const err = await s.put(t, input(key, { spec: over, expectedVersion })).catch((e) => e)
        expect(err).toBeInstanceOf(KumaError)
        expect(err).toMatchObject({ status: 413, title: 'Payload Too Large' })
      }
      expect(await s.get(t, mtp('bigger'))).toBeUndefined()
      expect((await s.get(t, mtp('big')))!.spec).toEqual(grown)
      expect(await s.revision(t, 'default')).toBe(revision)
    })

    describe('a write interrupted half-way leaves no partial state', () => {
      const CUTS = [0, 1, 2, 3, 4, 5, 6]
      /** interrupted runs `op` on a store that fails after `n` calls, then looks with a sound one. */
      async function interrupted(
        n: number,
        op: (s: Store, t: string) => Promise<unknown>,
        setup?: (s: Store, t: string) => Promise<void>,
      ) {
        const s = h.store()
        const t = await fresh(s, ['default', 'doomed'])
        await setup?.(s, t)
        const revision = await s.revision(t, 'default')
        await op(h.failingStore(n), t).catch(() => undefined)
        expect(await s.revision(t, 'default')).toBeGreaterThanOrEqual(revision)
        return { s, t }
      }

      it.each(CUTS)('a create cut after %i calls is all there or not there', async (n) => {
        const full = spec('Allow', { note: 'complete' })
        const { s, t } = await interrupted(n, (f, t) =>
          f.put(t, input(mtp('new'), { labels: { a: '1' }, spec: full })),
        )
        const got = await s.get(t, mtp('new'))
        if (got) expect(got).toMatchObject({ version: 1, labels: { a: '1' }, spec: full })
        expect(await names(s, t, 'default')).toEqual(got ? ['new@default'] : [])
        const next = await s.put(t, input(mtp('new'), { expectedVersion: got?.version ?? 0 }))
        expect(next.ok).toBe(true)
      })

      it.each(CUTS)('an update cut after %i calls shows the old or the new version', async (n) => {
        const { s, t } = await interrupted(
          n,
          (f, t) =>
            f.put(
              t,
              input(mtp('u'), { expectedVersion: 1, labels: { v: '2' }, spec: spec('Deny') }),
            ),
          async (s, t) => void (await s.put(t, input(mtp('u'), { labels: { v: '1' } }))),
        )
        const got = (await s.get(t, mtp('u')))!
        if (got.version === 1) expect(got).toMatchObject({ labels: { v: '1' }, spec: spec() })
        else expect(got).toMatchObject({ version: 2, labels: { v: '2' }, spec: spec('Deny') })
      })

      it.each(CUTS)(
        'a Mesh deletion cut after %i calls hides all of the mesh or none',
        async (n) => {
          const { s, t } = await interrupted(
            n,
            (f, t) => f.delete(t, { key: meshKey('doomed'), actor: 'x', now: NOW }),
            async (s, t) => {
              for (const r of ['r1', 'r2', 'r3']) await s.put(t, input(mtp(r, 'doomed')))
            },
          )
          const mesh = await s.get(t, meshKey('doomed'))
          const visible = await Promise.all(
            ['r1', 'r2', 'r3'].map((r) => s.get(t, mtp(r, 'doomed'))),
          )
          expect(visible.filter(Boolean)).toHaveLength(mesh ? 3 : 0)
          expect(await names(s, t)).toHaveLength(mesh ? 3 : 0)
          if (mesh) return
          expect((await s.put(t, input(meshKey('doomed')))).ok).toBe(true)
          expect(await names(s, t, 'doomed')).toEqual([])
          expect((await s.put(t, input(mtp('r1', 'doomed')))).ok).toBe(true)
        },
      )
    })

    it('keeps tenants, tokens and signing keys', async () => {
      const s = h.store()
      const t = await fresh(s)
      expect(await s.createTenant(t, NOW)).toBe(false)
      expect(await s.getTenant(t)).toEqual({ name: t, createdAt: NOW })
      expect(await s.getTenant(`${t}-none`)).toBeUndefined()
      const token = (jti: string, i: number) => ({
        jti,
        subject: 'admin',
        role: 'admin',
        kind: 'user',
        kid: 'k1',
        issuedAt: at(i),
        expiresAt: at(i + 3600),
        revokedAt: null,
      })
      for (const [i, jti] of ['c', 'a', 'b'].entries()) await s.addToken(t, token(jti, i))
      expect(await s.getToken(t, 'a')).toEqual(token('a', 1))
      const page = await s.listTokens(t, 2)
      expect(page).toMatchObject({ total: 3, nextOffset: '2' })
      expect(page.items.map((x) => x.jti)).toEqual(['c', 'a'])
      expect(await s.revokeToken(t, 'a', at(9))).toBe(true)
      expect(await s.revokeToken(t, 'a', at(10))).toBe(false)
      expect(await s.revokeToken(t, 'nope', at(10))).toBe(false)
      expect((await s.getToken(t, 'a'))!.revokedAt).toBe(at(9))
      const key = (kid: string, i: number, active = true) => ({
        kid,
        alg: 'ES256' as const,
        publicJwk: { kid, x: '1' },
        privateJwk: { kid, d: '2' },
        createdAt: at(i),
        active,
        retiredAt: null,
      })
      await s.addSigningKey(t, key('k1', 1))
      await s.addSigningKey(t, key('k2', 2))
      await s.addSigningKey(t, key('k0', 3, false))
      const keys = await s.signingKeys(t)
      expect(keys.map((k) => [k.kid, k.active])).toEqual([
        ['k1', false],
        ['k2', true],
        ['k0', false],
      ])
      expect(keys[1].privateJwk).toEqual({ kid: 'k2', d: '2' })
      expect(await s.retireSigningKey(t, 'k1', at(5))).toBe(true)
      expect(await s.retireSigningKey(t, 'k1', at(6))).toBe(false)
      expect((await s.signingKeys(t))[0]).toMatchObject({
        kid: 'k1',
        retiredAt: at(5),
        active: false,
      })
    })
  })
}
