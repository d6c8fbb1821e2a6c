/** @module Golden and property tests of the sidecar generator; every snapshot goes through the proto judge. */
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { judgeSnapshot } from '../../../agent/xds/envoy-proto'
import { hashHttpMatches } from '../../inspect/http-matches'
import { noopPlugin, type PolicyPlugin } from '../plugin'
import { POLICY_PLUGINS } from '../registry'
import { TypeUrl } from '../snapshot'
import { generateCase, goldenMessage, listCases, loadCase, matchGolden } from '../testing/golden'
import { generate } from '.'

const dir = fileURLToPath(new URL('./testdata', import.meta.url))
const problems = (vs: { field: string; message: string }[]) =>
  vs.map((v) => `${v.field}: ${v.message}`)

// cases of several Dataplanes (full-mesh) have their own test file
const singleCases = listCases(dir).filter((n) => loadCase(dir, n).dataplanes.length === 1)

describe('golden cases', () => {
  it.each(singleCases)('generates %s as in its golden files, and Envoy accepts it', (name) => {
    const c = loadCase(dir, name)
    // base resources only unless the case says `plugins: all`: each policy's effect has its own
    // goldens in its policy folder
    const snapshot = generateCase(c, c.allPlugins ? undefined : [])
    expect(problems(judgeSnapshot(snapshot))).toEqual([])
    const r = matchGolden(dir, name, snapshot)
    expect(problems(judgeSnapshot(r.golden))).toEqual([])
    expect(r.mismatches, goldenMessage(r)).toEqual([])
  })
})

describe('generate', () => {
  it('gives the same bytes and version for the same input', () => {
    const c = loadCase(dir, 'mtls-legacy-outbound')
    const a = generateCase(c)
    const b = generateCase(loadCase(dir, 'mtls-legacy-outbound'))
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    expect(a.version).toBe(b.version)
  })

  it('reports a Dataplane the mesh does not have', () => {
    const c = loadCase(dir, 'inbound-tcp-http')
    expect(generate(c.ctx, 'nope')).toEqual({ ok: false, reason: 'dataplane-not-found' })
  })

  it('runs plugins in Kuma order whatever order they are given in, with what matched', () => {
    const c = loadCase(dir, 'inbound-tcp-http')
    const ran: string[] = []
    const spy = (kind: string, order: number): PolicyPlugin => ({
      kind,
      order,
      apply: (_rs, _ctx, proxy) => {
        ran.push(`${kind}:${proxy.policies.get(kind)?.type}`)
      },
    })
    generate(c.ctx, c.dataplane, {
      plugins: [spy('MeshRetry', 1400), spy('MeshHTTPRoute', 100), spy('MeshTimeout', 1000)],
    })
    expect(ran).toEqual([
      'MeshHTTPRoute:MeshHTTPRoute',
      'MeshTimeout:MeshTimeout',
      'MeshRetry:MeshRetry',
    ])
  })

  it('registers one plugin per policy kind, in Kuma order', () => {
    expect(POLICY_PLUGINS.map((p) => p.order)).toEqual(
      [...POLICY_PLUGINS.map((p) => p.order)].sort((a, b) => a - b),
    )
    expect(POLICY_PLUGINS).toHaveLength(16)
  })

  it('collects plugin warnings and rejects a plugin that leaves a dangling cluster', () => {
    const c = loadCase(dir, 'inbound-tcp-http')
    const warn: PolicyPlugin = { ...noopPlugin('MeshTimeout'), apply: () => ({ warnings: ['w'] }) }
    const res = generate(c.ctx, c.dataplane, { plugins: [warn] })
    expect(res.ok && res.warnings).toEqual(['MeshTimeout: w'])
    const dangling: PolicyPlugin = {
      ...noopPlugin('MeshTCPRoute'),
      apply: (rs) => {
        const l = rs.get(TypeUrl.Listener, 'inbound:192.168.0.1:443')!.resource as any
        l.filterChains[0].filters[0].typedConfig.cluster = 'missing'
      },
    }
    const bad = generate(c.ctx, c.dataplane, { plugins: [dangling] })
    expect(bad.ok).toBe(false)
  })

  it('names the default route by the hash of its matches, as Kuma does', () => {
    expect(hashHttpMatches([{ path: { type: 'PathPrefix', value: '/' } }])).toBe(
      '9Zuf5Tg79OuZcQITwBbQykxAk2u4fRKrwYn3//AL4Yo=',
    )
  })
})
