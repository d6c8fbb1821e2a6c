/** @module Maximal cliques (Bron–Kerbosch) of the subset-intersection graph, in Kuma's group order. */

/**
 * maximalCliques returns every maximal clique of the undirected graph on nodes 0..n-1, each sorted
 * by node id, the list sorted as Kuma's `sortComponents` does (ids joined by ':' in descending
 * string order).
 */
export function maximalCliques(n: number, adjacent: (i: number, j: number) => boolean): number[][] {
  const neighbours: Set<number>[] = []
  for (let i = 0; i < n; i++) {
    const s = new Set<number>()
    for (let j = 0; j < n; j++) if (i !== j && adjacent(i, j)) s.add(j)
    neighbours.push(s)
  }
  const cliques: number[][] = []
  const expand = (r: number[], p: Set<number>, x: Set<number>) => {
    if (p.size === 0 && x.size === 0) {
      cliques.push([...r].sort((a, b) => a - b))
      return
    }
    let pivot = -1
    let best = -1
    for (const u of [...p, ...x]) {
      let c = 0
      for (const v of p) if (neighbours[u].has(v)) c++
      if (c > best) {
        best = c
        pivot = u
      }
    }
    for (const v of [...p]) {
      if (pivot >= 0 && neighbours[pivot].has(v)) continue
      expand(
        [...r, v],
        new Set([...p].filter((w) => neighbours[v].has(w))),
        new Set([...x].filter((w) => neighbours[v].has(w))),
      )
      p.delete(v)
      x.add(v)
    }
  }
  expand([], new Set(Array.from({ length: n }, (_, i) => i)), new Set())
  const key = (c: number[]) => c.join(':')
  return cliques.sort((a, b) => (key(a) > key(b) ? -1 : key(a) < key(b) ? 1 : 0))
}
