/** @module State-of-the-world ADS against the real agent server, spoken by a raw proto-loader client. */
import { status } from '@grpc/grpc-js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newSnapshot } from '../../core/xds/snapshot'
import { AdsClient, names } from './ads-client'
import { CDS, cluster, EDS, grpcSnapshot, LDS, loadAssignment, RDS, startAds } from './fixtures'

const node = { id: 'default.web-1' }
const base = { service: 'echo', backends: { a: [9001], b: [9002] }, routeTo: 'a' }

let ads: Awaited<ReturnType<typeof startAds>>
let client: AdsClient

beforeEach(async () => {
  ads = await startAds({
    admit: (_, nodeId) =>
      nodeId.startsWith('default.')
        ? undefined
        : { code: status.NOT_FOUND, message: `dataplane "${nodeId}" is not known to this zone` },
  })
  ads.cache.setSnapshot(node.id, grpcSnapshot(base))
  client = new AdsClient(ads.address)
})

afterEach(async () => {
  client.close()
  await ads.server.close(100)
})

describe('SotW ADS', () => {
  it('sends all clusters to a wildcard CDS request and records the ACK', async () => {
    const s = client.sotw()
    s.send({ node, type_url: CDS })
    const r = await s.next()
    const version = ads.cache.getSnapshot(node.id)!.snapshot.versions[CDS]
    expect(r).toMatchObject({ type_url: CDS, version_info: version })
    expect(names(r)).toEqual(['a', 'b'])
    expect(r.control_plane.identifier).toBe('kumo-agent')
    s.send({ type_url: CDS, version_info: version, response_nonce: r.nonce })
    expect(await s.quiet()).toBe(true)
    const st = ads.server.status(node.id)!
    expect(st).toMatchObject({ connected: true, lastAckedVersion: { [CDS]: version }, acks: 1 })
    s.close()
  })

  it('sends only the named endpoints and answers when the subscription grows', async () => {
    const s = client.sotw()
    s.send({ node, type_url: EDS, resource_names: ['b'] })
    const r1 = await s.next()
    expect(names(r1)).toEqual(['b'])
    s.send({
      type_url: EDS,
      version_info: r1.version_info,
      response_nonce: r1.nonce,
      resource_names: ['b'],
    })
    expect(await s.quiet()).toBe(true)
    s.send({
      type_url: EDS,
      version_info: r1.version_info,
      response_nonce: r1.nonce,
      resource_names: ['a', 'b'],
    })
    const r2 = await s.next()
    expect(names(r2)).toEqual(['a', 'b'])
    expect(r2.nonce).not.toBe(r1.nonce)
    s.close()
  })

  it('records a NACK with its error, does not resend the rejected version, and pushes the next', async () => {
    const s = client.sotw()
    s.send({ node, type_url: LDS })
    const r1 = await s.next()
    s.send({
      type_url: LDS,
      version_info: '',
      response_nonce: r1.nonce,
      error_detail: { code: 3, message: 'listener echo: unknown filter' },
    })
    expect(await s.quiet()).toBe(true)
    expect(ads.server.status(node.id)!.lastNack).toMatchObject({
      typeUrl: LDS,
      version: r1.version_info,
      nonce: r1.nonce,
      error: 'listener echo: unknown filter',
    })
    expect(ads.server.status(node.id)!.lastAckedVersion[LDS]).toBeUndefined()
    ads.cache.setSnapshot(node.id, grpcSnapshot({ ...base, service: 'echo2' }))
    const r2 = await s.next()
    expect(names(r2)).toEqual(['echo2'])
    expect(r2.version_info).not.toBe(r1.version_info)
    s.close()
  })

  it('ignores a request carrying a stale nonce', async () => {
    const s = client.sotw()
    s.send({ node, type_url: EDS, resource_names: ['a'] })
    const r1 = await s.next()
    ads.cache.setSnapshot(node.id, grpcSnapshot({ ...base, backends: { a: [9003], b: [9002] } }))
    const r2 = await s.next()
    s.send({
      type_url: EDS,
      version_info: r1.version_info,
      response_nonce: r1.nonce,
      resource_names: ['a', 'b'],
    })
    expect(await s.quiet()).toBe(true)
    expect(ads.server.status(node.id)!.acks).toBe(0)
    s.send({
      type_url: EDS,
      version_info: r2.version_info,
      response_nonce: r2.nonce,
      resource_names: ['a', 'b'],
    })
    expect(names(await s.next())).toEqual(['a', 'b'])
    s.close()
  })

  it('pushes a changed snapshot in the order CDS, EDS, LDS, RDS and skips unchanged types', async () => {
    const s = client.sotw()
    const subscribe = [
      { type_url: RDS, resource_names: ['echo-route'] },
      { type_url: LDS, resource_names: [] },
      { type_url: EDS, resource_names: ['a', 'b', 'c'] },
      { type_url: CDS, resource_names: [] },
    ]
    for (const [i, req] of subscribe.entries()) {
      s.send(i === 0 ? { node, ...req } : req)
      const r = await s.next()
      s.send({ ...req, version_info: r.version_info, response_nonce: r.nonce })
    }
    expect(await s.quiet()).toBe(true)
    ads.cache.setSnapshot(
      node.id,
      grpcSnapshot({ ...base, backends: { a: [9001], b: [9002], c: [9004] }, routeTo: 'c' }),
    )
    const order = [await s.next(), await s.next(), await s.next()].map((r) => r.type_url)
    expect(order).toEqual([CDS, EDS, RDS])
    expect(await s.quiet()).toBe(true)
    s.close()
  })

  it('sends nothing to a reconnecting proxy that already has the version, and catches up one that does not', async () => {
    const version = ads.cache.getSnapshot(node.id)!.snapshot.versions[CDS]
    const s1 = client.sotw()
    s1.send({ node, type_url: CDS, version_info: version })
    expect(await s1.quiet()).toBe(true)
    const s2 = client.sotw()
    s2.send({ node, type_url: CDS, version_info: 'old' })
    expect((await s2.next()).version_info).toBe(version)
    expect(ads.server.status(node.id)!.streams).toBe(2)
    s1.close()
    s2.close()
  })

  it('tells a proxy with no snapshot yet nothing until its snapshot is set', async () => {
    const s = client.sotw()
    s.send({ node: { id: 'default.late' }, type_url: CDS })
    expect(await s.quiet()).toBe(true)
    ads.cache.setSnapshot(
      'default.late',
      newSnapshot({ [CDS]: { x: cluster('x') }, [EDS]: { x: loadAssignment('x', [1]) } }),
    )
    expect(names(await s.next())).toEqual(['x'])
    s.close()
  })

  it('keeps serving the last good snapshot when a new one fails the judge', async () => {
    const s = client.sotw()
    s.send({ node, type_url: CDS })
    const r1 = await s.next()
    s.send({ type_url: CDS, version_info: r1.version_info, response_nonce: r1.nonce })
    const bad = newSnapshot({ [CDS]: { a: { ...cluster('a'), type: 'NOT_A_TYPE' } } })
    const result = ads.cache.setSnapshot(node.id, bad)
    expect(result.ok).toBe(false)
    expect(await s.quiet()).toBe(true)
    expect(ads.cache.getSnapshot(node.id)!.snapshot.versions[CDS]).toBe(r1.version_info)
    s.close()
  })

  it('refuses an unknown proxy and a malformed node id with clear gRPC errors', async () => {
    const unknown = client.sotw()
    unknown.send({ node: { id: 'other.web-1' }, type_url: CDS })
    const e1 = await unknown.ended()
    expect(e1.code).toBe(status.NOT_FOUND)
    expect(e1.details).toBe('dataplane "other.web-1" is not known to this zone')
    const malformed = client.sotw()
    malformed.send({ node: { id: 'nodot' }, type_url: CDS })
    const e2 = await malformed.ended()
    expect(e2.code).toBe(status.INVALID_ARGUMENT)
    expect(e2.details).toBe('invalid node.id: the name should be provided after the dot')
    const noType = client.sotw()
    noType.send({ node })
    expect((await noType.ended()).details).toBe('type URL is required for ADS')
  })

  it('marks the proxy disconnected when its stream ends', async () => {
    const s = client.sotw()
    s.send({ node, type_url: CDS })
    await s.next()
    s.close()
    for (let i = 0; i < 100 && ads.server.status(node.id)!.connected; i++) {
      await new Promise((r) => setTimeout(r, 10))
    }
    expect(ads.server.status(node.id)).toMatchObject({ connected: false, streams: 0 })
    expect(ads.server.status(node.id)!.disconnectedAt).toBeDefined()
  })
})

describe('SotW subscriptions', () => {
  it('sends a resource again when a proxy unsubscribes from it and then names it again', async () => {
    const s = client.sotw()
    s.send({ node, type_url: CDS, resource_names: ['a'] })
    const r1 = await s.next()
    s.send({
      type_url: CDS,
      version_info: r1.version_info,
      response_nonce: r1.nonce,
      resource_names: ['a', 'b'],
    })
    const r2 = await s.next()
    expect(names(r2)).toEqual(['a', 'b'])
    s.send({
      type_url: CDS,
      version_info: r2.version_info,
      response_nonce: r2.nonce,
      resource_names: ['b'],
    })
    expect(await s.quiet()).toBe(true)
    s.send({
      type_url: CDS,
      version_info: r2.version_info,
      response_nonce: r2.nonce,
      resource_names: ['b', 'a'],
    })
    expect(names(await s.next())).toEqual(['a', 'b'])
    s.close()
  })
})
