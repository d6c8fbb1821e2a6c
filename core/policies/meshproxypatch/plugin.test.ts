/** @module Golden and unit tests of MeshProxyPatch's plugin; every snapshot goes through the proto judge. */
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
import { applyJsonPatch, mergeProto, parseValue } from './json'
import { plugin } from './plugin'

const dir = fileURLToPath(new URL('./testdata', import.meta.url))
const problems = (vs: { field: string; message: string }[]) =>
  vs.map((v) => `${v.field}: ${v.message}`)

describe('MeshProxyPatch plugin', () => {
  it.each(listCases(dir))('generates %s as in its golden files, and Envoy accepts it', (name) => {
    const snapshot = generateCase(loadCase(dir, name), [plugin])
    expect(problems(judgeSnapshot(snapshot))).toEqual([])
    const r = matchGolden(dir, name, snapshot)
    expect(problems(judgeSnapshot(r.golden))).toEqual([])
    expect(r.mismatches, goldenMessage(r)).toEqual([])
  })
})

describe('mergeProto', () => {
  it('appends repeated fields, merges messages, replaces Anys and durations, skips zero scalars', () => {
    const dst = {
      connectTimeout: '5s',
      name: 'a',
      list: [1],
      nested: { a: 1, b: 2 },
      any: { '@type': 'x', a: 1 },
    }
    mergeProto(dst, {
      connectTimeout: '0.5s',
      name: '',
      list: [2],
      nested: { b: 3 },
      any: { '@type': 'x', b: 2 },
    })
    expect(dst).toEqual({
      connectTimeout: '0.5s',
      name: 'a',
      list: [1, 2],
      nested: { a: 1, b: 3 },
      any: { '@type': 'x', b: 2 },
    })
  })

  it('clears the other members of a oneof', () => {
    const dst: Record<string, unknown> = { name: 'c', type: 'EDS' }
    mergeProto(dst, { clusterType: { name: 'envoy.clusters.aggregate' } })
    expect(dst).toEqual({ name: 'c', clusterType: { name: 'envoy.clusters.aggregate' } })
  })
})

describe('parseValue', () => {
  it('reads snake_case YAML as proto3 JSON names, leaving metadata keys alone', () => {
    expect(
      parseValue(
        'connect_timeout: 1s\nmetadata:\n  filter_metadata:\n    my_ns:\n      some_key: v\n',
      ),
    ).toEqual({ connectTimeout: '1s', metadata: { filterMetadata: { my_ns: { some_key: 'v' } } } })
  })
})

describe('applyJsonPatch', () => {
  it('applies add, replace, remove, copy and move with Kuma options', () => {
    const doc: Record<string, unknown> = { a: { b: 1 }, list: [1, 2, 3] }
    applyJsonPatch(doc, [
      { op: 'add', path: '/x/y', value: 1 },
      { op: 'replace', path: '/a/b', value: 2 },
      { op: 'remove', path: '/missing' },
      { op: 'remove', path: '/list/-1' },
      { op: 'copy', from: '/a', path: '/c' },
      { op: 'move', from: '/x', path: '/z' },
    ])
    expect(doc).toEqual({ a: { b: 2 }, list: [1, 2], c: { b: 2 }, z: { y: 1 } })
  })

  it('fails on replacing a path that does not exist', () => {
    expect(() => applyJsonPatch({}, [{ op: 'replace', path: '/a', value: 1 }])).toThrow()
  })
})
