/** @module Golden tests of MeshTimeout's effect on Envoy resources; every snapshot goes through the proto judge. */
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { judgeSnapshot } from '../../../agent/xds/envoy-proto'
import { TypeUrl } from '../../xds/snapshot'
import {
  generateCase,
  goldenMessage,
  listCases,
  loadCase,
  matchGolden,
} from '../../xds/testing/golden'
import { plugin } from './plugin'

const dir = fileURLToPath(new URL('./testdata', import.meta.url))
const problems = (vs: { field: string; message: string }[]) =>
  vs.map((v) => `${v.field}: ${v.message}`)

describe('MeshTimeout plugin', () => {
  it.each(listCases(dir))('generates %s as in its golden files, and Envoy accepts it', (name) => {
    const snapshot = generateCase(loadCase(dir, name), [plugin])
    expect(problems(judgeSnapshot(snapshot))).toEqual([])
    const r = matchGolden(dir, name, snapshot)
    expect(problems(judgeSnapshot(r.golden))).toEqual([])
    expect(r.mismatches, goldenMessage(r)).toEqual([])
  })

  it('gives an inbound TCP listener and its local cluster Kuma defaults when no policy matches', () => {
    const snapshot = generateCase(loadCase(dir, 'defaults'), [plugin])
    const listener = snapshot.resources[TypeUrl.Listener]['inbound:192.168.0.1:443'] as any
    expect(listener.filterChains[0].filters[0].typedConfig.idleTimeout).toBe('3600s')
    const cluster = snapshot.resources[TypeUrl.Cluster]['localhost:8443'] as any
    expect(cluster.connectTimeout).toBe('5s')
  })

  it('leaves the common inbound timeouts alone when every rule matches some clients', () => {
    const c = loadCase(dir, 'inbound-spiffe-matches')
    const before = generateCase(c, [])
    const after = generateCase(c, [plugin])
    const cluster = (s: typeof before) => s.resources[TypeUrl.Cluster]['localhost:8080']
    expect(cluster(after)).toEqual(cluster(before))
  })
})
