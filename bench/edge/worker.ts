/**
 * @module The benchmark's Worker entry: the real Kumo Worker (workers/index.ts) with its D1 and
 * Durable Object bindings wrapped to count what Cloudflare bills: D1 statements and rows read
 * and written, Durable Object requests, and Worker requests by route. `GET /_bench/counters`
 * answers the totals. Used only by `npm run bench` (bench/edge/wrangler.toml).
 */
import app from '../../workers/index'

export { RevisionNotifier } from '../../workers/index'

interface Counters {
  /** bootId changes when the Worker restarts (the counters start again from zero). */
  bootId: string
  requests: number
  requestsByRoute: Record<string, number>
  d1Statements: number
  d1Reads: number
  d1Writes: number
  d1Batches: number
  d1RowsRead: number
  d1RowsWritten: number
  /** d1StatementsWithoutMeta ran through first(): their rows are not in the row counts. */
  d1StatementsWithoutMeta: number
  doRequests: number
  doByMethod: Record<string, number>
}

const counters: Counters = {
  bootId: '', // set by the first request: no random values in global scope
  requests: 0,
  requestsByRoute: {},
  d1Statements: 0,
  d1Reads: 0,
  d1Writes: 0,
  d1Batches: 0,
  d1RowsRead: 0,
  d1RowsWritten: 0,
  d1StatementsWithoutMeta: 0,
  doRequests: 0,
  doByMethod: {},
}

type Meta = { rows_read?: number; rows_written?: number } | undefined

function counted(sql: string, meta: Meta, known = true) {
  counters.d1Statements++
  if (/^\s*(select|with)\b/i.test(sql)) counters.d1Reads++
  else counters.d1Writes++
  if (!known) counters.d1StatementsWithoutMeta++
  counters.d1RowsRead += meta?.rows_read ?? 0
  counters.d1RowsWritten += meta?.rows_written ?? 0
}

const unwrapped = new WeakMap<object, { stmt: D1PreparedStatement; sql: string }>()

function wrapStatement(stmt: D1PreparedStatement, sql: string): D1PreparedStatement {
  const w = {
    bind: (...values: unknown[]) => wrapStatement(stmt.bind(...values), sql),
    first: async (col?: string) => {
      counted(sql, undefined, false)
      return col === undefined ? stmt.first() : stmt.first(col)
    },
    all: async () => {
      const r = await stmt.all()
      counted(sql, r.meta as Meta)
      return r
    },
    run: async () => {
      const r = await stmt.run()
      counted(sql, r.meta as Meta)
      return r
    },
    // raw() reports no meta: run all() and give rows as arrays (single-table selects only)
    raw: async (opts?: { columnNames?: boolean }) => {
      const r = await stmt.all<Record<string, unknown>>()
      counted(sql, r.meta as Meta)
      const rows = r.results.map((o) => Object.values(o))
      if (opts?.columnNames) return [Object.keys(r.results[0] ?? {}), ...rows]
      return rows
    },
  }
  unwrapped.set(w, { stmt, sql })
  return w as unknown as D1PreparedStatement
}

function wrapD1(db: D1Database): D1Database {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql), sql)
      if (prop === 'batch') {
        return async (stmts: D1PreparedStatement[]) => {
          counters.d1Batches++
          const inner = stmts.map((s) => unwrapped.get(s) ?? { stmt: s, sql: '' })
          const results = await target.batch(inner.map((i) => i.stmt))
          results.forEach((r, i) => counted(inner[i].sql, r.meta as Meta))
          return results
        }
      }
      const v = Reflect.get(target, prop)
      return typeof v === 'function' ? v.bind(target) : v
    },
  })
}

function wrapNamespace<T extends Rpc.DurableObjectBranded | undefined>(
  ns: DurableObjectNamespace<T>,
): DurableObjectNamespace<T> {
  return new Proxy(ns, {
    get(target, prop) {
      if (prop === 'get') {
        return (id: DurableObjectId) => {
          const stub = target.get(id)
          return new Proxy(stub, {
            get(s, method) {
              const v = Reflect.get(s, method)
              if (typeof method !== 'string' || typeof v !== 'function') return v
              return (...args: unknown[]) => {
                counters.doRequests++
                counters.doByMethod[method] = (counters.doByMethod[method] ?? 0) + 1
                // not v.apply(...): on an RPC stub `apply` would itself be a remote call
                return (s as unknown as Record<string, (...a: unknown[]) => unknown>)[method](
                  ...args,
                )
              }
            },
          })
        }
      }
      const v = Reflect.get(target, prop)
      return typeof v === 'function' ? v.bind(target) : v
    },
  })
}

const route = (path: string) =>
  path.startsWith('/zone/v1/') ? path : path.split('/').slice(0, 4).join('/')

export default {
  async fetch(req: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(req.url)
    if (!counters.bootId) counters.bootId = crypto.randomUUID()
    if (url.pathname === '/_bench/counters') return Response.json(counters)
    counters.requests++
    const r = route(url.pathname)
    counters.requestsByRoute[r] = (counters.requestsByRoute[r] ?? 0) + 1
    const wrapped = {
      ...env,
      DB: wrapD1(env.DB),
      REVISION_NOTIFIER: env.REVISION_NOTIFIER && wrapNamespace(env.REVISION_NOTIFIER),
    } as Env
    return app.fetch(req, wrapped, ctx)
  },
}
