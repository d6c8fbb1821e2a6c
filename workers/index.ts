/** @module The Kumo edge Worker: validates its env, binds the store, serves the API. */
import { createMiddleware } from 'hono/factory'
import type { CpMode } from '../core/resources/labels'
import { DEFAULT_HOLD_SECONDS, MAX_HOLD_SECONDS } from '../core/sync/protocol'
import { notifyingStore, wakesProxies } from '../core/sync/write-hook'
import type { AppEnv, Settings } from '../functions/env'
import { createApp } from '../functions/app'
import { revisionNotifierOf } from './revision-notifier'
import { storeOf } from './store/from-env'

export { RevisionNotifier } from './revision-notifier'

const MODES: readonly CpMode[] = ['zone', 'global']

/** modeOf reads KUMO_MODE: `zone` when unset, and a deployment error when it is anything else. */
function modeOf(value: string | undefined): CpMode {
  const mode = value || 'zone'
  if (!(MODES as readonly string[]).includes(mode))
    throw new Error(`KUMO_MODE must be "zone" or "global", not ${JSON.stringify(value)}`)
  return mode as CpMode
}

/** holdSecondsOf reads KUMO_ZONE_HOLD_SECONDS: 0..25, default 25. */
function holdSecondsOf(value: string | undefined): number {
  if (!value) return DEFAULT_HOLD_SECONDS
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0 || n > MAX_HOLD_SECONDS)
    throw new Error(
      `KUMO_ZONE_HOLD_SECONDS must be 0..${MAX_HOLD_SECONDS}, not ${JSON.stringify(value)}`,
    )
  return n
}

function settingsOf(env: Env): Settings {
  const ns = env.REVISION_NOTIFIER
  return {
    version: env.KUMO_VERSION || '0.0.0',
    zone: env.KUMO_ZONE || 'default',
    mode: modeOf(env.KUMO_MODE),
    operatorToken: env.OPERATOR_TOKEN ?? '',
    zoneHoldSeconds: holdSecondsOf(env.KUMO_ZONE_HOLD_SECONDS),
    revisionWaker: ns ? (tenant) => revisionNotifierOf(ns, tenant) : undefined,
  }
}

const bindings = createMiddleware<AppEnv>(async (c, next) => {
  const ns = c.env.REVISION_NOTIFIER
  const store = storeOf(c.env)
  // every committed write that can change proxy config wakes the tenant's waiting long-polls
  const notified = ns
    ? notifyingStore(store, (tenant, key) => {
        if (!wakesProxies(key)) return
        const told = revisionNotifierOf(ns, tenant)
          .bump()
          .catch((e) =>
            console.warn(
              JSON.stringify({
                level: 'warn',
                msg: 'revision notifier unreachable',
                error: String(e),
              }),
            ),
          )
        try {
          c.executionCtx.waitUntil(told)
        } catch {
          // no execution context (app.request in tests): the promise still runs
        }
      })
    : store
  c.set('store', notified)
  c.set('settings', settingsOf(c.env))
  await next()
})

const app = createApp(bindings)

export default app
