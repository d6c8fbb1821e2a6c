/** @module createApp: the edge API with its one error envelope. Bindings are set up by `workers/`. */
import { Hono, type MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { KumaError } from '../core/api/errors'
import { audit } from './audit'
import { authenticate } from './auth'
import { config } from './config'
import type { AppEnv } from './env'
import { inspect } from './inspect'
import { insights } from './insights'
import { inspectPolicies } from './inspect-policies'
import { operator } from './operator'
import { resources } from './resources'
import { indexRoutes, publicRoutes } from './system'
import { tokens } from './tokens'
import { xdsDiscovery } from './xds-discovery'
import { zoneSync } from './zone-sync'

function errorResponse(err: KumaError): Response {
  return new Response(JSON.stringify(err.toEnvelope()), {
    status: err.status,
    headers: { 'Content-Type': 'application/json', ...err.headers },
  })
}

/** createApp builds the routes; `setup` (from workers/) sets `store` and `settings` first. */
export function createApp(setup: MiddlewareHandler<AppEnv>) {
  const app = new Hono<AppEnv>()
  app.use('*', async (c, next) => {
    c.set('requestId', crypto.randomUUID())
    await next()
  })
  app.use('*', setup)
  app.route('/', publicRoutes)
  app.route('/', operator)
  app.route('/', zoneSync)
  app.route('/', xdsDiscovery)
  const api = new Hono<AppEnv>()
  api.use('*', authenticate)
  api.route('/', indexRoutes)
  api.route('/', tokens)
  api.route('/', audit)
  api.route('/', inspect)
  api.route('/', inspectPolicies)
  api.route('/', config)
  api.route('/', insights)
  api.route('/', resources)
  app.route('/', api)

  app.notFound(() => errorResponse(new KumaError(404, 'Not Found', 'no such endpoint')))
  app.onError((err, c) => {
    if (err instanceof KumaError) return errorResponse(err)
    if (err instanceof HTTPException) {
      return errorResponse(new KumaError(err.status, 'Bad Request', err.message || 'bad request'))
    }
    console.error(
      JSON.stringify({
        level: 'error',
        requestId: c.var.requestId,
        error: String(err),
        stack: (err as Error).stack,
      }),
    )
    return errorResponse(
      new KumaError(500, 'Internal Server Error', `internal error (request ${c.var.requestId})`),
    )
  })
  return app
}
