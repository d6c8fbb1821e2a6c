import { describe, expect, it } from 'vitest'
import { confShape } from './conf'
import { mergeConfs, mergePatch } from './merge'

describe('mergePatch', () => {
  it.each([
    ['replaces scalars', { a: 1 }, { a: 2 }, { a: 2 }],
    ['merges nested objects', { a: { b: 1, c: 2 } }, { a: { c: 3 } }, { a: { b: 1, c: 3 } }],
    ['removes keys set to null', { a: 1, b: 2 }, { b: null }, { a: 1 }],
    ['replaces lists whole', { a: [1, 2] }, { a: [3] }, { a: [3] }],
    ['adds new keys', { a: 1 }, { b: { c: 1 } }, { a: 1, b: { c: 1 } }],
  ])('%s', (_name, target, patch, want) => {
    expect(mergePatch(target, patch)).toEqual(want)
  })
})

describe('mergeConfs', () => {
  it.each([
    ['returns nothing for no confs', [], []],
    [
      'lets the most specific conf win',
      [{ http: { requestTimeout: '1s', idleTimeout: '5s' } }, { http: { requestTimeout: '3s' } }],
      [{ http: { requestTimeout: '3s', idleTimeout: '5s' } }],
    ],
    [
      'concatenates append* lists from least to most specific',
      [{ appendModifications: [{ a: 1 }] }, { appendModifications: [{ b: 2 }] }],
      [{ appendModifications: [{ a: 1 }, { b: 2 }] }],
    ],
    [
      'concatenates nested append* lists',
      [{ x: { appendMatch: [1] } }, { x: { appendMatch: [2], y: 1 } }],
      [{ x: { appendMatch: [1, 2], y: 1 } }],
    ],
    [
      'replaces lists that are not append* lists',
      [{ backends: [{ path: '/a' }] }, { backends: [{ path: '/b' }] }],
      [{ backends: [{ path: '/b' }] }],
    ],
  ])('%s', (_name, confs, want) => {
    expect(mergeConfs(confs as Record<string, unknown>[])).toEqual(want)
  })

  const route = confShape('MeshHTTPRoute', 'to')
  const rule = (path: string, conf: Record<string, unknown>) => ({
    matches: [{ path: { type: 'PathPrefix', value: path } }],
    default: conf,
  })

  it('merges MeshHTTPRoute rules with equal matches and keeps the others', () => {
    const merged = mergeConfs(
      [
        { rules: [rule('/b', { x: 1 }), rule('/a', { x: 1, y: 1 })] },
        { rules: [rule('/a', { x: 2 })] },
      ],
      route,
    )
    expect(merged).toEqual([{ rules: [rule('/a', { x: 2, y: 1 }), rule('/b', { x: 1 })] }])
  })

  it('merges MeshHTTPRoute confs separately for each hostname', () => {
    const merged = mergeConfs(
      [
        { rules: [rule('/a', { x: 1 })], hostnames: ['a.com', 'b.com'] },
        { rules: [rule('/a', { x: 2 })], hostnames: ['b.com'] },
        { rules: [rule('/c', { x: 3 })] },
      ],
      route,
    )
    expect(merged).toEqual([
      { rules: [rule('/a', { x: 1 })], hostnames: ['a.com'] },
      { rules: [rule('/a', { x: 2 })], hostnames: ['b.com'] },
      { rules: [rule('/c', { x: 3 })] },
    ])
  })

  it('does not change the confs it merges', () => {
    const a = { appendModifications: [1], x: { y: 1 } }
    const b = { appendModifications: [2], x: { y: 2 } }
    mergeConfs([a, b])
    expect(a).toEqual({ appendModifications: [1], x: { y: 1 } })
    expect(b).toEqual({ appendModifications: [2], x: { y: 2 } })
  })
})
