/** @module Golden tests of MeshHTTPRoute's effect on Envoy; every snapshot goes through the proto judge. */
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
import { destinationClusterName } from './backends'
import { plugin } from './plugin'
import { compareMatch } from './routes'

const dir = fileURLToPath(new URL('./testdata', import.meta.url))
const problems = (vs: { field: string; message: string }[]) =>
  vs.map((v) => `${v.field}: ${v.message}`)

describe('MeshHTTPRoute plugin', () => {
  it.each(listCases(dir))('generates %s as in its golden files, and Envoy accepts it', (name) => {
    const snapshot = generateCase(loadCase(dir, name), [plugin])
    expect(problems(judgeSnapshot(snapshot))).toEqual([])
    const r = matchGolden(dir, name, snapshot)
    expect(problems(judgeSnapshot(r.golden))).toEqual([])
    expect(r.mismatches, goldenMessage(r)).toEqual([])
  })
})

describe('MeshHTTPRoute helpers', () => {
  it('orders matches as Gateway API does: exact, longer prefix, method, more headers', () => {
    const ms = [
      { path: { type: 'PathPrefix' as const, value: '/' } },
      { path: { type: 'PathPrefix' as const, value: '/api' } },
      { path: { type: 'Exact' as const, value: '/x' } },
      { path: { type: 'RegularExpression' as const, value: '.*' } },
    ]
    expect([...ms].sort(compareMatch).map((m) => m.path.value)).toEqual(['/x', '/api', '/', '.*'])
  })

  it('names a tag-subset cluster by the service and a hash of its tags', () => {
    expect(destinationClusterName({ 'kuma.io/service': 'backend' })).toBe('backend')
    expect(destinationClusterName({ 'kuma.io/service': 'backend', version: 'v2' })).toMatch(
      /^backend-[0-9a-f]{16}$/,
    )
  })
})
