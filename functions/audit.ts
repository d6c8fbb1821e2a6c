/** @module `GET /_audit`: the tenant's write log, newest first, paginated as Kuma lists are. */
import { Hono } from 'hono'
import { decodeOffset } from '../core/store/offset'
import { requireRole } from './auth'
import type { AppEnv } from './env'
import { nextLink, pageSize } from './query'

export const audit = new Hono<AppEnv>().get('/_audit', async (c) => {
  requireRole(c, 'admin')
  const url = new URL(c.req.url)
  const size = pageSize(c.req.query('size'))
  const offset = c.req.query('offset')
  decodeOffset(offset)
  const page = await c.var.store.listAudit(c.var.principal.tenant, size, offset)
  return c.json({ total: page.total, items: page.items, next: nextLink(url, page.nextOffset) })
})
