/** @module Golden tests of MeshPassthrough's outbound passthrough filter chains; every snapshot goes through the proto judge. */
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { judgeSnapshot } from '../../../agent/xds/envoy-proto'
import { generate } from '../../xds/generator'
import { ipAndMask, orderedMatchers } from './order'
import { plugin } from './plugin'
import {
  generateCase,
  goldenMessage,
  listCases,
  loadCase,
  matchGolden,
} from '../../xds/testing/golden'

const dir = fileURLToPath(new URL('./testdata', import.meta.url))
const problems = (vs: { field: string; message: string }[]) =>
  vs.map((v) => `${v.field}: ${v.message}`)

describe('MeshPassthrough plugin', () => {
  it.each(listCases(dir))(
    'generates %s (this plugin only) as in its golden files, and Envoy accepts it',
    (name) => {
      const snapshot = generateCase(loadCase(dir, name), [plugin])
      expect(problems(judgeSnapshot(snapshot))).toEqual([])
      const r = matchGolden(dir, name, snapshot)
      expect(problems(judgeSnapshot(r.golden))).toEqual([])
      expect(r.mismatches, goldenMessage(r)).toEqual([])
    },
  )
})

describe('MeshPassthrough plugin warnings', () => {
  it('warns and changes nothing for a proxy without transparent proxying', () => {
    const c = loadCase(dir, 'mode-none')
    const dp = c.ctx.dataplanesByName.get('web-01')!
    delete (dp.spec as { networking: { transparentProxying?: unknown } }).networking
      .transparentProxying
    const res = generate(c.ctx, c.dataplane, { plugins: [plugin] })
    expect(res.ok && res.warnings).toEqual([
      "MeshPassthrough: policy doesn't support proxy running without transparent-proxy",
    ])
  })

  it('rejects http and grpc matches on the same port', () => {
    expect(
      orderedMatchers({
        appendMatch: [
          { type: 'Domain', value: 'a.com', port: 80, protocol: 'http' },
          { type: 'Domain', value: 'b.com', port: 80, protocol: 'grpc' },
        ],
      }),
    ).toEqual({ ok: false, errors: ['you cannot configure http, http2, grpc on the same port 80'] })
  })

  it.each([
    ['192.168.1.7/16', ['192.168.0.0', 16]],
    ['10.0.0.1/0', ['0.0.0.0', 0]],
    ['2001:db8:abcd:12::1/48', ['2001:db8:abcd::', 48]],
    ['::1/128', ['::1', 128]],
  ])('gives the network address and length of %s as Go does', (cidr, want) => {
    expect(ipAndMask(cidr)).toEqual(want)
  })
})
