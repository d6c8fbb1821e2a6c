/** @module Incremental (delta) ADS against the real agent server, spoken by a raw proto-loader client. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AdsClient, decoded, names } from './ads-client'
import { CDS, EDS, grpcSnapshot, LDS, startAds } from './fixtures'

const node = { id: 'default.web-1' }
const base = { service: 'echo', backends: { a: [9001], b: [9002] }, routeTo: 'a' }

let ads: Awaited<ReturnType<typeof startAds>>
let client: AdsClient

beforeEach(async () => {
  ads = await startAds()
  ads.cache.setSnapshot(node.id, grpcSnapshot(base))
  client = new AdsClient(ads.address)
})

afterEach(async () => {
  client.close()
  await ads.server.close(100)
})

const versionsOf = (r: Record<string, any>) =>
  Object.fromEntries(r.resources.map((x: { name: string; version: string }) => [x.name, x.version]))

describe('delta ADS', () => {
  it('sends every cluster with its version to a wildcard subscriber, then only what changed', async () => {
    const s = client.delta()
    s.send({ node, type_url: CDS })
    const r1 = await s.next()
    expect(r1.type_url).toBe(CDS)
    expect(r1.resources.map((r: { name: string }) => r.name)).toEqual(['a', 'b'])
    expect(names(r1)).toEqual(['a', 'b'])
    expect(r1.system_version_info).toBe(ads.cache.getSnapshot(node.id)!.snapshot.version)
    s.send({ type_url: CDS, response_nonce: r1.nonce })
    expect(await s.quiet()).toBe(true)
    expect(ads.server.status(node.id)!.lastAckedVersion[CDS]).toBe(
      ads.cache.getSnapshot(node.id)!.snapshot.versions[CDS],
    )

    ads.cache.setSnapshot(node.id, grpcSnapshot({ ...base, backends: { a: [9001], c: [9003] } }))
    const r2 = await s.next()
    expect(r2.resources.map((r: { name: string }) => r.name)).toEqual(['c'])
    expect(r2.removed_resources).toEqual(['b'])
    s.close()
  })

  it('follows named subscribe and unsubscribe, and reports a missing name as removed', async () => {
    const s = client.delta()
    s.send({ node, type_url: EDS, resource_names_subscribe: ['a'] })
    const r1 = await s.next()
    expect(names(r1)).toEqual(['a'])
    expect(decoded(r1)[0]).toMatchObject({ clusterName: 'a' })
    s.send({ type_url: EDS, response_nonce: r1.nonce, resource_names_subscribe: ['b', 'zz'] })
    const r2 = await s.next()
    expect(names(r2)).toEqual(['b'])
    expect(r2.removed_resources).toEqual(['zz'])
    s.send({ type_url: EDS, response_nonce: r2.nonce, resource_names_unsubscribe: ['a', 'zz'] })
    expect(await s.quiet()).toBe(true)
    // a no longer subscribed: its change is not sent; b's is
    ads.cache.setSnapshot(node.id, grpcSnapshot({ ...base, backends: { a: [9005], b: [9006] } }))
    const r3 = await s.next()
    expect(names(r3)).toEqual(['b'])
    s.close()
  })

  it('sends a reconnecting proxy only the resources whose versions differ from initial_resource_versions', async () => {
    const s1 = client.delta()
    s1.send({ node, type_url: CDS })
    const r1 = await s1.next()
    const have = versionsOf(r1)
    s1.close()
    ads.cache.setSnapshot(
      node.id,
      grpcSnapshot({ ...base, backends: { a: [9001], b: [9002], c: [1] } }),
    )
    const s2 = client.delta()
    s2.send({ node, type_url: CDS, initial_resource_versions: { ...have, gone: 'v0' } })
    const r2 = await s2.next()
    expect(r2.resources.map((r: { name: string }) => r.name)).toEqual(['c'])
    expect(r2.removed_resources).toEqual(['gone'])
    s2.close()
  })

  it('records a NACK by nonce and does not resend the rejected resources', async () => {
    const s = client.delta()
    s.send({ node, type_url: LDS })
    const r1 = await s.next()
    s.send({
      type_url: LDS,
      response_nonce: r1.nonce,
      error_detail: { code: 3, message: 'bad listener' },
    })
    expect(await s.quiet()).toBe(true)
    expect(ads.server.status(node.id)!.lastNack).toMatchObject({
      typeUrl: LDS,
      nonce: r1.nonce,
      error: 'bad listener',
      version: ads.cache.getSnapshot(node.id)!.snapshot.versions[LDS],
    })
    s.close()
  })

  it('unsubscribing from the wildcard stops pushes of unnamed resources', async () => {
    const s = client.delta()
    s.send({ node, type_url: CDS, resource_names_subscribe: ['*', 'a'] })
    const r1 = await s.next()
    expect(names(r1)).toEqual(['a', 'b'])
    s.send({ type_url: CDS, response_nonce: r1.nonce, resource_names_unsubscribe: ['*'] })
    expect(await s.quiet()).toBe(true)
    ads.cache.setSnapshot(node.id, grpcSnapshot({ ...base, backends: { a: [9001], c: [9003] } }))
    expect(await s.quiet()).toBe(true)
    s.close()
  })
})
