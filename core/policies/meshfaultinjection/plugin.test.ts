/** @module Golden tests of MeshFaultInjection's effect on Envoy; every snapshot goes through the proto judge. */
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
import { bandwidthKbps, matchingRegex, plugin } from './plugin'

const dir = fileURLToPath(new URL('./testdata', import.meta.url))
const problems = (vs: { field: string; message: string }[]) =>
  vs.map((v) => `${v.field}: ${v.message}`)

describe('MeshFaultInjection plugin', () => {
  it.each(listCases(dir))('generates %s as in its golden files, and Envoy accepts it', (name) => {
    const snapshot = generateCase(loadCase(dir, name), [plugin])
    expect(problems(judgeSnapshot(snapshot))).toEqual([])
    const r = matchGolden(dir, name, snapshot)
    expect(problems(judgeSnapshot(r.golden))).toEqual([])
    expect(r.mismatches, goldenMessage(r)).toEqual([])
  })

  it('converts bandwidths to kbps as Kuma does', () => {
    expect(bandwidthKbps('111Mbps')).toBe(111000)
    expect(bandwidthKbps('3Gbps')).toBe(3_000_000)
    expect(bandwidthKbps('10kbps')).toBe(10)
  })

  it('matches client tags in x-kuma-tags with Kuma regex', () => {
    expect(matchingRegex({ 'kuma.io/service': 'demo-client' })).toBe(
      '.*&kuma.io/service=[^&]*demo-client[,&].*',
    )
  })
})
