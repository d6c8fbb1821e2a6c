/** @module Golden tests of MeshLoadBalancingStrategy's effect on Envoy; every snapshot goes through the proto judge. */
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { judgeSnapshot } from '../../../agent/xds/envoy-proto'
import {
  generateCase,
  goldenMessage,
  listCases,
  loadCase,
  matchGolden,
} from '../../xds/testing/golden'
import { overprovisioningFactor } from './locality'
import { hashPolicy, plugin } from './plugin'
import type { HashPolicy } from './types'

const dir = fileURLToPath(new URL('./testdata', import.meta.url))
const problems = (vs: { field: string; message: string }[]) =>
  vs.map((v) => `${v.field}: ${v.message}`)

describe('MeshLoadBalancingStrategy plugin', () => {
  it.each(listCases(dir))('generates %s as in its golden files, and Envoy accepts it', (name) => {
    const snapshot = generateCase(loadCase(dir, name), [plugin])
    expect(problems(judgeSnapshot(snapshot))).toEqual([])
    const r = matchGolden(dir, name, snapshot)
    expect(problems(judgeSnapshot(r.golden))).toEqual([])
    expect(r.mismatches, goldenMessage(r)).toEqual([])
  })
})

describe('MeshLoadBalancingStrategy hash policies', () => {
  it('maps every hash policy type to its Envoy specifier', () => {
    expect(
      [
        { type: 'Header', header: { name: 'x-user' }, terminal: true },
        { type: 'Cookie', cookie: { name: 'c', ttl: '1m', path: '/p' } },
        { type: 'Connection', connection: { sourceIP: true } },
        { type: 'QueryParameter', queryParameter: { name: 'q' } },
        { type: 'FilterState', filterState: { key: 'k' } },
      ].map((p) => hashPolicy(p as HashPolicy)),
    ).toEqual([
      { header: { headerName: 'x-user' }, terminal: true },
      { cookie: { name: 'c', ttl: '60s', path: '/p' } },
      { connectionProperties: { sourceIp: true } },
      { queryParameter: { name: 'q' } },
      { filterState: { key: 'k' } },
    ])
  })

  it('turns the failover threshold into an overprovisioning factor', () => {
    expect(overprovisioningFactor({})).toBe(200)
    expect(
      overprovisioningFactor({
        localityAwareness: { crossZone: { failoverThreshold: { percentage: 70 } } },
      }),
    ).toBe(100)
    expect(
      overprovisioningFactor({
        localityAwareness: { crossZone: { failoverThreshold: { percentage: '20' } } },
      }),
    ).toBe(500)
  })
})
