#!/usr/bin/env node
/**
 * @module A tiny gRPC echo service to try the zone agent with: `/kumo.test.Echo/Who` answers with
 * the backend's name (JSON payloads; gRPC does not care about the encoding). A call may ask the
 * server to sleep (`x-sleep-ms`) or to fail its first N tries with UNAVAILABLE (`x-fail-times`,
 * counted per `x-request-key`), to watch MeshTimeout and MeshRetry at work.
 *
 *   node scripts/echo.mjs serve --name v1 --port 5691
 *   GRPC_XDS_BOOTSTRAP_CONFIG="$(curl -s 'http://127.0.0.1:5679/bootstrap?name=echo-client&client=grpc')" \
 *     node scripts/echo.mjs call xds:///echo --count 20
 */
import * as grpc from '@grpc/grpc-js'
import { pathToFileURL } from 'node:url'

const json = {
  serialize: (v) => Buffer.from(JSON.stringify(v)),
  deserialize: (b) => JSON.parse(b.toString() || '{}'),
}

/** echoService is the service definition both ends use. */
export const echoService = {
  Who: {
    path: '/kumo.test.Echo/Who',
    requestStream: false,
    responseStream: false,
    requestSerialize: json.serialize,
    requestDeserialize: json.deserialize,
    responseSerialize: json.serialize,
    responseDeserialize: json.deserialize,
    originalName: 'who',
  },
}

/**
 * startEcho serves `Who` on host:port (port 0 picks one) answering `{ backend: name }`.
 * @param {string} name
 * @param {{ host?: string, port?: number }} [opts]
 */
export async function startEcho(name, opts = {}) {
  const server = new grpc.Server()
  const failures = new Map()
  let calls = 0
  server.addService(echoService, {
    Who: (call, callback) => {
      calls++
      const md = (k) => call.metadata.get(k)[0]
      const failTimes = Number(md('x-fail-times') ?? 0)
      if (failTimes > 0) {
        const key = String(md('x-request-key') ?? '')
        const seen = (failures.get(key) ?? 0) + 1
        failures.set(key, seen)
        if (seen <= failTimes) {
          callback({ code: grpc.status.UNAVAILABLE, details: `${name}: failing try ${seen}` })
          return
        }
      }
      const sleep = Number(md('x-sleep-ms') ?? 0)
      setTimeout(() => callback(null, { backend: name }), sleep)
    },
  })
  const port = await new Promise((resolve, reject) =>
    server.bindAsync(
      `${opts.host ?? '127.0.0.1'}:${opts.port ?? 0}`,
      grpc.ServerCredentials.createInsecure(),
      (e, p) => (e ? reject(e) : resolve(p)),
    ),
  )
  return {
    name,
    port,
    calls: () => calls,
    close: () => new Promise((resolve) => server.tryShutdown(() => resolve(undefined))),
  }
}

const EchoClient = grpc.makeGenericClientConstructor(echoService, 'Echo')

/**
 * echoClient dials target (e.g. `xds:///echo`, after `registerXds()`).
 * @param {string} target
 */
export function echoClient(target) {
  const client = new EchoClient(target, grpc.credentials.createInsecure())
  return {
    /**
     * who makes one call and resolves to the backend's name.
     * @param {{ deadlineMs?: number, sleepMs?: number, failTimes?: number, key?: string }} [o]
     * @returns {Promise<string>}
     */
    who: (o = {}) =>
      new Promise((resolve, reject) => {
        const md = new grpc.Metadata()
        if (o.sleepMs) md.set('x-sleep-ms', String(o.sleepMs))
        if (o.failTimes) md.set('x-fail-times', String(o.failTimes))
        if (o.key) md.set('x-request-key', o.key)
        client.Who({}, md, { deadline: Date.now() + (o.deadlineMs ?? 5000) }, (e, r) =>
          e ? reject(e) : resolve(r.backend),
        )
      }),
    close: () => client.close(),
  }
}

/** registerXds makes `xds:///` targets resolvable (reads GRPC_XDS_BOOTSTRAP[_CONFIG]). */
export async function registerXds() {
  const xds = await import('@grpc/grpc-js-xds')
  xds.register()
}

async function cli(argv) {
  const [cmd, ...rest] = argv
  const flag = (name, fallback) => {
    const i = rest.indexOf(`--${name}`)
    return i >= 0 ? rest[i + 1] : fallback
  }
  if (cmd === 'serve') {
    const name = flag('name', 'echo')
    const e = await startEcho(name, {
      host: flag('host', '127.0.0.1'),
      port: Number(flag('port', 0)),
    })
    console.log(JSON.stringify({ msg: 'echo serving', name, port: e.port }))
    const stop = () => e.close().then(() => process.exit(0))
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    return
  }
  if (cmd === 'call') {
    const target = rest.find((a) => !a.startsWith('--')) ?? 'xds:///echo'
    const count = Number(flag('count', 10))
    if (target.startsWith('xds:')) await registerXds()
    const c = echoClient(target)
    const seen = {}
    for (let i = 0; i < count; i++) {
      let who
      try {
        who = await c.who({ deadlineMs: Number(flag('deadline-ms', 5000)) })
      } catch (e) {
        who = `error: ${grpc.status[e.code] ?? e.code} ${e.details ?? ''}`.trim()
      }
      seen[who] = (seen[who] ?? 0) + 1
      if (rest.includes('--verbose')) console.log(who)
    }
    console.log(JSON.stringify(seen))
    c.close()
    process.exit(0)
  }
  console.error('usage: echo.mjs serve --name NAME [--port P] | call [TARGET] [--count N]')
  process.exit(2)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await cli(process.argv.slice(2))
