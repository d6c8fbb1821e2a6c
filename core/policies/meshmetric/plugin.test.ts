/** @module Golden tests of MeshMetric's plugin; every snapshot goes through the proto judge. */
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
import { goJson } from './dynconf'
import { plugin } from './plugin'

const dir = fileURLToPath(new URL('./testdata', import.meta.url))
const problems = (vs: { field: string; message: string }[]) =>
  vs.map((v) => `${v.field}: ${v.message}`)

/** dynamicConfigRoutes gives the routes of the dynamic config listener of a case. */
function dynamicConfigRoutes(name: string, listener = '_kuma:dynamicconfig') {
  const snapshot = generateCase(loadCase(dir, name), [plugin])
  const l = snapshot.resources[TypeUrl.Listener][listener] as any
  return l.filterChains[0].filters[0].typedConfig.routeConfig.virtualHosts[0].routes as any[]
}

describe('MeshMetric plugin', () => {
  it.each(listCases(dir))('generates %s as in its golden files, and Envoy accepts it', (name) => {
    const snapshot = generateCase(loadCase(dir, name), [plugin])
    expect(problems(judgeSnapshot(snapshot))).toEqual([])
    const r = matchGolden(dir, name, snapshot)
    expect(problems(judgeSnapshot(r.golden))).toEqual([])
    expect(r.mismatches, goldenMessage(r)).toEqual([])
  })

  // the ETags below are those of Kuma 2.14.3's plugin goldens for the same confs
  it.each([
    [
      'default',
      '_kuma:dynamicconfig',
      'c737069abe59b6c80a8e47562ccc9fc8f73d9380f505efd2d8900161f0b51ee4',
    ],
    [
      'open-telemetry',
      '_kuma:dynamicconfig',
      'aa8bc73d3398765ac177775325beeb539537fcdd5b5684bc66b01db7aed8137d',
    ],
    [
      'provided-tls',
      '_kuma:dynamicconfig',
      '420767849fd0fd130d50c7fcd655090ec9dab3fc0097331a711d01795cb2c8dd',
    ],
    [
      'otel-and-prometheus-unified-naming',
      'system_dynamicconfig',
      '073ccd03f48381a4494cf883c93edae3183a52cee1aaa3479add9c56d00ae0f1',
    ],
  ])('serves kuma-dp the config of %s with the ETag kuma-cp gives it', (name, listener, etag) => {
    const [notModified, config] = dynamicConfigRoutes(name, listener)
    expect(notModified.match.headers[0].stringMatch.exact).toBe(etag)
    expect(notModified.directResponse).toEqual({ status: 304 })
    expect(config.responseHeadersToAdd).toEqual([{ header: { key: 'Etag', value: etag } }])
  })

  it('marshals the config as Go does, escaping HTML characters', () => {
    expect(goJson({ path: '/a?b=<c>&d' })).toBe('{"path":"/a?b=\\u003cc\\u003e\\u0026d"}')
  })
})
