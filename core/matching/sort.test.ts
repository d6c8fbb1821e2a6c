import { describe, expect, it } from 'vitest'
import type { ResourceRecord } from '../store/store'
import { compareMatch, sortPolicies } from './sort'

const T = '0001-01-01T00:00:00Z'
const policy = (
  name: string,
  targetRef: Record<string, unknown>,
  labels: Record<string, string> = {},
): ResourceRecord => ({
  type: 'MeshTimeout',
  mesh: 'default',
  name,
  labels,
  spec: { targetRef },
  version: 1,
  creationTime: T,
  modificationTime: T,
})

const names = (ps: ResourceRecord[]) => ps.map((p) => p.name)

describe('sortPolicies', () => {
  it.each([
    [
      'orders by targetRef kind, least specific first',
      [
        policy('route', { kind: 'MeshHTTPRoute', name: 'r' }),
        policy('subset', { kind: 'MeshServiceSubset', name: 's', tags: { v: '1' } }),
        policy('service', { kind: 'MeshService', name: 's' }),
        policy('gateway', { kind: 'MeshGateway', name: 'g' }),
        policy('meshsubset', { kind: 'MeshSubset', tags: { v: '1' } }),
        policy('dataplane', { kind: 'Dataplane' }),
        policy('mesh', { kind: 'Mesh' }),
      ],
      ['mesh', 'dataplane', 'meshsubset', 'gateway', 'service', 'subset', 'route'],
    ],
    [
      'treats a missing targetRef as Mesh',
      [policy('service', { kind: 'MeshService', name: 's' }), policy('none', undefined as never)],
      ['none', 'service'],
    ],
    [
      'puts Dataplane by name after Dataplane by labels, and sectionName after none',
      [
        policy('name-section', { kind: 'Dataplane', name: 'dp', sectionName: 'http' }),
        policy('name', { kind: 'Dataplane', name: 'dp' }),
        policy('labels', { kind: 'Dataplane', labels: { app: 'x' } }),
      ],
      ['labels', 'name', 'name-section'],
    ],
    [
      'puts zone policies after unknown origin after global ones',
      [
        policy('zone', { kind: 'Mesh' }, { 'kuma.io/origin': 'zone' }),
        policy('unknown', { kind: 'Mesh' }),
        policy('global', { kind: 'Mesh' }, { 'kuma.io/origin': 'global' }),
      ],
      ['global', 'unknown', 'zone'],
    ],
    [
      'orders roles system < producer < consumer < workload-owner',
      [
        policy('owner', { kind: 'Mesh' }, { 'kuma.io/policy-role': 'workload-owner' }),
        policy('consumer', { kind: 'Mesh' }, { 'kuma.io/policy-role': 'consumer' }),
        policy('producer', { kind: 'Mesh' }, { 'kuma.io/policy-role': 'producer' }),
        policy('system', { kind: 'Mesh' }),
      ],
      ['system', 'producer', 'consumer', 'owner'],
    ],
    [
      'puts MeshGateway policies with more listener tags last',
      [
        policy('a-two', { kind: 'MeshGateway', name: 'g', tags: { a: '1', b: '2' } }),
        policy('b-one', { kind: 'MeshGateway', name: 'g', tags: { a: '1' } }),
      ],
      ['b-one', 'a-two'],
    ],
    [
      'breaks ties by display name, the first in the alphabet most specific',
      [
        policy('a', { kind: 'Mesh' }),
        policy('c', { kind: 'Mesh' }),
        policy('b-hash', { kind: 'Mesh' }, { 'kuma.io/display-name': 'b' }),
      ],
      ['c', 'b-hash', 'a'],
    ],
  ])('%s', (_name, input, want) => {
    expect(names(sortPolicies(input))).toEqual(want)
  })
})

describe('compareMatch', () => {
  it.each([
    [
      'exact spiffeID before prefix',
      { spiffeID: { type: 'Exact' } },
      { spiffeID: { type: 'Prefix' } },
      -1,
    ],
    ['spiffeID before none', { spiffeID: { type: 'Prefix' } }, null, -1],
    ['sni before catch-all', { sni: {} }, null, -1],
    ['catch-all after sni', null, { sni: {} }, 1],
    ['two catch-alls equal', null, null, 0],
  ])('%s', (_name, a, b, want) => {
    expect(Math.sign(compareMatch(a, b))).toBe(want)
  })
})
