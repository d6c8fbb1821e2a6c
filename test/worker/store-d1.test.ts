/** @module The Store conformance suite over D1 (local D1 inside workerd). */
import { env } from 'cloudflare:workers'
import { D1Store } from '../../workers/store/d1-store'
import { storeSuite } from '../store/store-suite'

/**
 * failingD1 is the D1 binding, except that every call to the database after the first `n`
 * (a batch, or a statement's run/all/first/raw) fails as a dropped connection would.
 */
function failingD1(db: D1Database, n: number): D1Database {
  let calls = 0
  const real = new WeakMap<object, D1PreparedStatement>()
  const gate = () => {
    if (calls++ >= n) throw new Error(`injected failure after ${n} D1 calls`)
  }
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop) {
        if (prop === 'bind') return (...args: unknown[]) => wrap(target.bind(...args))
        if (prop === 'run' || prop === 'all' || prop === 'first' || prop === 'raw') {
          return async (...args: unknown[]) => {
            gate()
            return (target[prop] as (...a: unknown[]) => unknown).apply(target, args)
          }
        }
        const v = Reflect.get(target, prop, target)
        return typeof v === 'function' ? v.bind(target) : v
      },
    })
    real.set(proxy, stmt)
    return proxy
  }
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (query: string) => wrap(target.prepare(query))
      if (prop === 'batch') {
        return async (stmts: D1PreparedStatement[]) => {
          gate()
          return target.batch(stmts.map((s) => real.get(s) ?? s))
        }
      }
      const v = Reflect.get(target, prop, target)
      return typeof v === 'function' ? v.bind(target) : v
    },
  })
}

storeSuite('D1Store', {
  store: () => new D1Store(env.DB),
  failingStore: (n) => new D1Store(failingD1(env.DB, n)),
})
