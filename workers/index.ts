/** @module The Kumo edge Worker: validates its env, binds the store, serves the API. */
import { createMiddleware } from 'hono/factory'
import type { AppEnv, Settings } from '../functions/env'
import { createApp } from '../functions/app'
import { storeOf } from './store/from-env'

function settingsOf(env: Env): Settings {
  return {
    version: env.KUMO_VERSION || '0.0.0',
    zone: env.KUMO_ZONE || 'default',
    operatorToken: env.OPERATOR_TOKEN ?? '',
  }
}

const bindings = createMiddleware<AppEnv>(async (c, next) => {
  c.set('store', storeOf(c.env))
  c.set('settings', settingsOf(c.env))
  await next()
})

const app = createApp(bindings)

export default app
