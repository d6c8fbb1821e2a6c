/** @module Insights computed on read: proxy status, ServiceInsight, MeshInsight, overviews. */
import { describe, expect, it } from 'vitest'
import { kind as dataplaneKind } from '../resources/kinds/dataplane'
import type { ResourceRecord } from '../store/store'
import { computeMeshInsight } from './mesh-insight'
import { OVERVIEWS, toOverview } from './overview'
import { computeServiceInsight, serviceView } from './service-insight'
import { closeStaleZoneSubscriptions, dataplaneStatus, ZONE_AGENT_STALE_MS } from './status'

const online = { subscriptions: [{ connectTime: '2024-01-01T00:00:00Z' }] }
const offline = { subscriptions: [{ connectTime: 't', disconnectTime: 't' }] }
const inbound = (service: string, extra = {}) => ({
  port: 1,
  tags: { 'kuma.io/service': service },
  ...extra,
})

describe('dataplaneStatus (Kuma DataplaneOverview.Status)', () => {
  it.each([
    ['an online proxy with ready inbounds', { inbound: [inbound('a')] }, online, 'Online'],
    ['a proxy without insight', { inbound: [inbound('a')] }, undefined, 'Offline'],
    ['a disconnected proxy', { inbound: [inbound('a')] }, offline, 'Offline'],
    [
      'an online proxy with nothing ready',
      { inbound: [inbound('a', { state: 'NotReady' })] },
      online,
      'Offline',
    ],
    [
      'an online proxy with some inbounds not ready',
      { inbound: [inbound('a'), inbound('b', { health: { ready: false } })] },
      online,
      'Partially degraded',
    ],
    ['an online gateway', { gateway: { tags: {} } }, online, 'Online'],
  ])('calls %s %s', (_, networking, insight, expected) => {
    expect(dataplaneStatus(networking, insight)).toBe(expected)
  })
})

describe('computeServiceInsight', () => {
  const proxies = [
    {
      dataplane: { networking: { inbound: [inbound('backend')] } },
      insight: { ...online, mTLS: { issuedBackend: 'ca' } },
    },
    {
      dataplane: {
        networking: { inbound: [inbound('backend'), inbound('ignored', { state: 'Ignored' })] },
      },
      insight: offline,
    },
    {
      dataplane: {
        networking: { gateway: { type: 'DELEGATED', tags: { 'kuma.io/service': 'kong' } } },
      },
    },
  ]

  it('counts proxies per service with their status', () => {
    expect(computeServiceInsight(proxies, false)).toEqual({
      backend: {
        status: 'partially_degraded',
        dataplanes: { online: 1, offline: 1 },
        issuedBackends: { ca: 1 },
        serviceType: 'internal',
      },
      kong: { status: 'offline', dataplanes: { offline: 1 }, serviceType: 'gateway_delegated' },
    })
  })

  it('keeps only delegated gateways in Exclusive MeshService mode', () => {
    expect(Object.keys(computeServiceInsight(proxies, true))).toEqual(['kong'])
  })

  it('prints a service as kuma-cp fills it', () => {
    expect(
      serviceView('backend', {
        status: 'online',
        dataplanes: { online: 2 },
        serviceType: 'internal',
      }),
    ).toEqual({
      status: 'online',
      dataplanes: { total: 2, online: 2 },
      addressPort: 'backend.mesh:80',
    })
    expect(serviceView('gw', { dataplanes: {}, serviceType: 'gateway_builtin' })).toEqual({
      dataplanes: {},
      serviceType: 'gateway_builtin',
    })
  })
})

describe('computeMeshInsight', () => {
  it('counts proxies, versions, backends, services and resources', () => {
    const insight = computeMeshInsight({
      proxies: [
        {
          dataplane: { networking: { inbound: [inbound('a')] } },
          insight: {
            subscriptions: [{ connectTime: 't', version: { kumaDp: { version: '2.14.3' } } }],
            mTLS: { issuedBackend: 'ca', supportedBackends: ['ca'] },
          },
        },
        {
          dataplane: {
            networking: { gateway: { type: 'BUILTIN', tags: { 'kuma.io/service': 'gw' } } },
          },
        },
      ],
      resourceCounts: { Dataplane: 2, MeshTimeout: 1, MeshService: 0 },
      policyTypes: new Set(['MeshTimeout']),
      exclusiveMeshServices: false,
    })
    expect(insight).toEqual({
      dataplanes: { total: 2, online: 1, offline: 1 },
      policies: { MeshTimeout: { total: 1 } },
      dpVersions: {
        kumaDp: { '2.14.3': { total: 1, online: 1 }, unknown: { total: 1, offline: 1 } },
        envoy: { unknown: { total: 2, online: 1, offline: 1 } },
      },
      mTLS: {
        issuedBackends: { ca: { total: 1, online: 1 } },
        supportedBackends: { ca: { total: 1, online: 1 } },
      },
      services: { total: 2, internal: 2 },
      dataplanesByType: {
        standard: { total: 1, online: 1 },
        gateway: { total: 1, offline: 1 },
        gatewayBuiltin: { total: 1, offline: 1 },
        gatewayDelegated: {},
      },
      resources: { Dataplane: { total: 2 }, MeshTimeout: { total: 1 } },
    })
  })
})

describe('toOverview', () => {
  const dp: ResourceRecord = {
    type: 'Dataplane',
    mesh: 'm',
    name: 'dp-1',
    labels: { 'kuma.io/zone': 'z' },
    spec: { networking: { address: '1.1.1.1' } },
    version: 1,
    creationTime: 't0',
    modificationTime: 't1',
  }

  it('shares the resource identity and nests both specs', () => {
    const insight = { ...dp, type: 'DataplaneInsight', spec: online }
    expect(toOverview(dp, insight, dataplaneKind, OVERVIEWS.Dataplane)).toEqual({
      type: 'DataplaneOverview',
      mesh: 'm',
      name: 'dp-1',
      creationTime: 't0',
      modificationTime: 't1',
      labels: { 'kuma.io/zone': 'z' },
      kri: 'kri_dp_m_z__dp-1_',
      dataplane: { networking: { address: '1.1.1.1' } },
      dataplaneInsight: online,
    })
    expect(toOverview(dp, undefined, dataplaneKind, OVERVIEWS.Dataplane)).not.toHaveProperty(
      'dataplaneInsight',
    )
  })
})

describe('closeStaleZoneSubscriptions', () => {
  const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString()
  const insight = (subs: Record<string, unknown>[]) => ({ spec: { subscriptions: subs } })
  const agent = (lastUpdate: number, extra = {}) => ({
    id: 'a',
    globalInstanceId: 'kumo-edge',
    connectTime: t(0),
    status: { lastUpdateTime: t(lastUpdate) },
    ...extra,
  })

  it('closes an agent subscription silent for longer than the allowance, from then on', () => {
    const now = Date.parse(t(200))
    const out = closeStaleZoneSubscriptions(insight([agent(100)]), now)
    expect(out.spec.subscriptions[0].disconnectTime).toBe(
      new Date(Date.parse(t(100)) + ZONE_AGENT_STALE_MS).toISOString(),
    )
  })

  it('leaves fresh, closed and imported subscriptions as stored', () => {
    const now = Date.parse(t(150))
    const subs = [
      agent(100),
      agent(0, { disconnectTime: t(5) }),
      {
        id: 'kuma',
        globalInstanceId: 'global-cp',
        connectTime: t(0),
        status: { lastUpdateTime: t(0) },
      },
    ]
    const i = insight(subs)
    expect(closeStaleZoneSubscriptions(i, now)).toBe(i)
  })
})
