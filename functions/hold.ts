/**
 * @module The long-poll plumbing the zone sync and REST xDS routes share: how long a request may
 * be held (`?hold=`, capped by the Worker's setting), and holding it on the tenant's revision
 * notifier (core/sync/wait.ts), polling the database when the notifier cannot be reached.
 */
import type { Context } from 'hono'
import { badRequest } from '../core/api/errors'
import { DEFAULT_HOLD_SECONDS, MAX_HOLD_SECONDS } from '../core/sync/protocol'
import { hold } from '../core/sync/wait'
import type { AppEnv } from './env'

/** holdSecondsOf is `?hold=` seconds (>= 0), capped by `KUMO_ZONE_HOLD_SECONDS` and 25; a 400 otherwise. */
export function holdSecondsOf<E extends AppEnv>(c: Context<E>): number {
  const cap = Math.min(c.var.settings.zoneHoldSeconds ?? DEFAULT_HOLD_SECONDS, MAX_HOLD_SECONDS)
  const raw = c.req.query('hold')
  const n = raw === undefined ? cap : Number(raw)
  if (!Number.isFinite(n) || n < 0) throw badRequest('hold must be a number of seconds >= 0')
  return Math.min(n, cap)
}

/** holdOnTenant holds until `check` answers, the deadline passes or the request is aborted. */
export function holdOnTenant<T, E extends AppEnv>(
  c: Context<E>,
  tenant: string,
  opts: { deadline: number; aborted: () => boolean; check: () => Promise<T | undefined> },
): Promise<T | undefined> {
  return hold({
    ...opts,
    waker: c.var.settings.revisionWaker?.(tenant),
    onFallback: (e) =>
      console.warn(
        JSON.stringify({
          level: 'warn',
          msg: 'revision notifier unreachable, polling the database',
          error: String(e),
        }),
      ),
  })
}
