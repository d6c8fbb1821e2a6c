/**
 * @module The zone agent's Dataplane report (`PUT /zone/v1/dataplanes`) in the real Worker: what it
 * writes, that an unchanged report (an idle zone's heartbeat, which the edge no longer checks
 * Dataplane by Dataplane: bench edge_cost idle rows) changes nothing but refreshes the
 * ZoneInsight, and that changes and removals still apply.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { call, newTenant } from './harness'

// the Worker's KUMO_ZONE is "default": a zone token for it may report
const ZONE = 'default'
let admin: string
let zoneToken: string

const dataplane = (name: string, port: number) => ({
  mesh: 'default',
  name,
  sync: { connected: true, connectedAt: '2026-01-01T00:00:00.000Z', responsesSent: 3 },
  spec: {
    networking: {
      address: '10.0.0.1',
      inbound: [{ port, tags: { 'kuma.io/service': name, 'kuma.io/protocol': 'http' } }],
    },
  },
})
const report = (dataplanes: unknown[]) => ({
  instanceId: 'agent-1',
  agentVersion: 'test',
  dataplanes,
})
const put = (body: unknown) => call('PUT', '/zone/v1/dataplanes', { token: zoneToken, body })
const zoneInsight = async () =>
  (await call('GET', `/zones/${ZONE}/_overview`, { token: admin })).body?.zoneInsight

beforeAll(async () => {
  admin = await newTenant(`zone-report-${crypto.randomUUID().slice(0, 8)}`)
  await call('PUT', '/meshes/default', { token: admin, body: { type: 'Mesh', name: 'default' } })
  const t = await call('POST', '/tokens/zone', {
    token: admin,
    body: { zone: ZONE, validFor: '1h' },
  })
  zoneToken = t.text.trim()
})

describe('zone Dataplane report', () => {
  it('creates the reported Dataplanes; an unchanged report changes nothing and keeps the zone online', async () => {
    const first = await put(report([dataplane('web-1', 8080), dataplane('web-2', 8080)]))
    expect(first.status, first.text).toBe(200)
    expect(first.body.created.sort()).toEqual(['default.web-1', 'default.web-2'])
    const dp = await call('GET', '/meshes/default/dataplanes/web-1', { token: admin })
    expect(dp.body.labels).toMatchObject({ 'kuma.io/zone': ZONE, 'kuma.io/origin': 'zone' })
    const insightOf = async (name: string) =>
      (await call('GET', `/meshes/default/dataplane-insights/${name}`, { token: admin })).body
    const before = await insightOf('web-1')
    expect(before.modificationTime).toBeTruthy()
    const seenBefore = (await zoneInsight()).subscriptions.at(-1).status.lastUpdateTime

    await new Promise((r) => setTimeout(r, 5))
    const again = await put(report([dataplane('web-2', 8080), dataplane('web-1', 8080)].reverse()))
    expect(again.body).toEqual({ created: [], updated: [], deleted: [], rejected: [] })
    expect((await insightOf('web-1')).modificationTime).toBe(before.modificationTime)
    const sub = (await zoneInsight()).subscriptions.at(-1)
    expect(sub.status.lastUpdateTime >= seenBefore).toBe(true)
    expect(sub.disconnectTime).toBeUndefined()
  })

  it('applies a changed report: updates, and removes what it no longer lists', async () => {
    const res = await put(report([dataplane('web-1', 9090)]))
    expect(res.body.updated).toEqual(['default.web-1'])
    expect(res.body.deleted).toEqual(['default.web-2'])
    const gone = await call('GET', '/meshes/default/dataplanes/web-2', { token: admin })
    expect(gone.status).toBe(404)
    const dp = await call('GET', '/meshes/default/dataplanes/web-1', { token: admin })
    expect(dp.body.networking.inbound[0].port).toBe(9090)
  })
})
