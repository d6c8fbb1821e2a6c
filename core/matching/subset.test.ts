import { describe, expect, it } from 'vitest'
import { maximalCliques } from './cliques'
import { containsElement, intersect, isSubset, subsetCombinations } from './subset'
import type { Subset } from './types'

const pos = (key: string, value: string) => ({ key, value, not: false })
const neg = (key: string, value: string) => ({ key, value, not: true })

describe('subsets', () => {
  it.each<[string, Subset, Record<string, string>, boolean]>([
    ['the empty subset contains every element', [], { a: '1' }, true],
    ['a positive tag needs the same value', [pos('a', '1')], { a: '2' }, false],
    ['a negated tag excludes its value', [neg('a', '1')], { a: '1' }, false],
    ['only negations contain elements without the key', [neg('a', '1')], { b: '1' }, true],
  ])('containsElement: %s', (_n, ss, el, want) => {
    expect(containsElement(ss, el)).toBe(want)
  })

  it.each<[string, Subset, Subset, boolean]>([
    ['{} contains everything', [], [pos('a', '1')], true],
    ['{a=1} contains {a=1,b=2}', [pos('a', '1')], [pos('a', '1'), pos('b', '2')], true],
    ['{a!=1} contains {a=2}', [neg('a', '1')], [pos('a', '2')], true],
    ['{a=1} does not contain {a!=2}', [pos('a', '1')], [neg('a', '2')], false],
  ])('isSubset: %s', (_n, a, b, want) => {
    expect(isSubset(a, b)).toBe(want)
  })

  it.each<[string, Subset, Subset, boolean]>([
    ['different values of one key do not intersect', [pos('a', '1')], [pos('a', '2')], false],
    ['different keys intersect', [pos('a', '1')], [pos('b', '2')], true],
  ])('intersect: %s', (_n, a, b, want) => {
    expect(intersect(a, b)).toBe(want)
  })

  it('enumerates combinations in Kuma order, all positive last', () => {
    expect(subsetCombinations([pos('a', '1'), pos('b', '2')])).toEqual([
      [neg('a', '1'), pos('b', '2')],
      [pos('a', '1'), neg('b', '2')],
      [neg('a', '1'), neg('b', '2')],
      [pos('a', '1'), pos('b', '2')],
    ])
  })

  it('lists maximal cliques in descending id-string order', () => {
    const edges = new Set(['0-1', '0-2'])
    const adj = (i: number, j: number) => edges.has(`${Math.min(i, j)}-${Math.max(i, j)}`)
    expect(maximalCliques(3, adj)).toEqual([
      [0, 2],
      [0, 1],
    ])
  })
})
