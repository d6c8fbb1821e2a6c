/** @module requestScope: the per-request view the core's resource functions work in. */
import type { Context } from 'hono'
import type { RequestScope } from '../core/resources/service'
import type { AppEnv } from './env'

export function requestScope(c: Context<AppEnv>): RequestScope {
  return {
    store: c.var.store,
    tenant: c.var.principal.tenant,
    actor: c.var.principal.subject,
    zone: c.var.settings.zone,
    mode: c.var.settings.mode,
    now: () => new Date().toISOString(),
  }
}
