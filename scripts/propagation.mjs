#!/usr/bin/env node
/**
 * @module Measures config propagation edge -> zone agent -> proxyless gRPC client: how long from
 * a MeshHTTPRoute write accepted by the API (its 2xx received) until a `@grpc/grpc-js-xds`
 * client dialing `xds:///echo` through the agent sends its calls where the new route says.
 * Each change flips `echo`'s route wholly between echo-v1 and echo-v2; the client calls
 * back to back and the first answer from the new backend ends the sample.
 *
 *   npm start                          # in another terminal
 *   node scripts/propagation.mjs       # 100 changes against it; --count N, --json
 *   node scripts/propagation.mjs --standalone   # starts its own Worker, agent and backends
 *
 * Against `npm start` it uses .kumo/admin.token, the API on 127.0.0.1:5681 and the agent's
 * bootstrap on 127.0.0.1:5679, and puts the MeshHTTPRoute echo-split back as it found it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { echoClient, registerXds } from './echo.mjs'
import {
  exampleDataplanes,
  exampleMeshServices,
  splitRoute,
  startAgent,
  startEchoProcess,
  stopGroup,
} from './local-zone.mjs'

const args = process.argv.slice(2)
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : fallback
}
const COUNT = Number(flag('count', 100))
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** env is where the API, its token and the agent are; `cleanup` stops what this script started. */
async function standalone() {
  const { startDevWorker, freePort } = await import('../test/harness/dev-worker.mjs')
  const dir = mkdtempSync(join(tmpdir(), 'kumo-propagation-'))
  const worker = await startDevWorker()
  const token = worker.adminToken
  const api = (method, path, body) =>
    fetch(worker.url + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body && JSON.stringify(body),
    })
  await api('PUT', '/meshes/default', {
    type: 'Mesh',
    name: 'default',
    meshServices: { mode: 'Exclusive' },
  })
  for (const ms of exampleMeshServices())
    await api('PUT', `/meshes/default/meshservices/${ms.name}`, ms)
  const zt = await api('POST', '/tokens/zone', { zone: 'default', validFor: '1h' })
  writeFileSync(join(dir, 'zone.token'), (await zt.text()).trim())
  const [v1, v2, ads, agentApi] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ]
  writeFileSync(join(dir, 'dataplanes.yaml'), exampleDataplanes({ v1Port: v1, v2Port: v2 }))
  const children = [startEchoProcess('echo-v1', v1), startEchoProcess('echo-v2', v2)]
  children.push(
    startAgent({
      controlPlane: worker.url,
      zone: 'default',
      tokenFile: join(dir, 'zone.token'),
      stateDir: join(dir, 'state'),
      dataplanesDir: dir,
      adsAddress: `127.0.0.1:${ads}`,
      apiAddress: `127.0.0.1:${agentApi}`,
      logLevel: 'warn',
    }),
  )
  return {
    url: worker.url,
    token,
    agent: `http://127.0.0.1:${agentApi}`,
    cleanup: async () => {
      await Promise.all(children.map((c) => stopGroup(c)))
      await worker.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function main() {
  const env = args.includes('--standalone')
    ? await standalone()
    : {
        url: flag('url', 'http://127.0.0.1:5681'),
        token: readFileSync(flag('token-file', '.kumo/admin.token'), 'utf8').trim(),
        agent: flag('agent', 'http://127.0.0.1:5679'),
        cleanup: async () => {},
      }
  const api = async (method, path, body) => {
    const res = await fetch(env.url + path, {
      method,
      headers: { Authorization: `Bearer ${env.token}`, 'Content-Type': 'application/json' },
      body: body && JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok && !(method === 'GET' && res.status === 404))
      throw new Error(`${method} ${path}: ${res.status} ${text}`)
    return { status: res.status, json: res.ok ? JSON.parse(text) : undefined }
  }
  const routePath = '/meshes/default/meshhttproutes/echo-split'
  const before = await api('GET', routePath)
  let client
  try {
    let bootstrap
    for (let i = 0; i < 300 && !bootstrap; i++) {
      const r = await fetch(
        `${env.agent}/bootstrap?mesh=default&name=echo-client&client=grpc`,
      ).catch(() => undefined)
      if (r?.ok) bootstrap = await r.text()
      else await sleep(200)
    }
    if (!bootstrap) throw new Error(`no bootstrap for echo-client from the agent at ${env.agent}`)
    process.env.GRPC_XDS_BOOTSTRAP_CONFIG = bootstrap
    await registerXds()
    client = echoClient('xds:///echo')
    const observe = async (want, timeoutMs = 30_000) => {
      const end = performance.now() + timeoutMs
      while (performance.now() < end) {
        try {
          if ((await client.who({ deadlineMs: 2000 })) === want) return performance.now()
        } catch {}
      }
      throw new Error(`the client never reached ${want}`)
    }
    // warm up: the client has its config and the route exists
    await api('PUT', routePath, splitRoute(100, 0))
    await observe('echo-v1', 60_000)

    const accepted = []
    const sent = []
    for (let i = 0; i < COUNT; i++) {
      const to = i % 2 === 0 ? 'echo-v2' : 'echo-v1'
      const t0 = performance.now()
      await api('PUT', routePath, to === 'echo-v1' ? splitRoute(100, 0) : splitRoute(0, 100))
      const t1 = performance.now()
      const seen = await observe(to)
      accepted.push(seen - t1)
      sent.push(seen - t0)
      if (!args.includes('--json'))
        process.stderr.write(`${i + 1}/${COUNT} ${(seen - t1).toFixed(0)} ms\r`)
    }
    const stats = (xs) => {
      const s = [...xs].sort((a, b) => a - b)
      const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]
      return { p50: q(0.5), p90: q(0.9), p99: q(0.99), max: s[s.length - 1], min: s[0] }
    }
    const out = { changes: COUNT, fromAccepted: stats(accepted), fromSent: stats(sent) }
    if (args.includes('--json')) console.log(JSON.stringify(out))
    else {
      const f = (x) => `${x.toFixed(0)} ms`
      const a = out.fromAccepted
      console.log(
        `\npropagation, MeshHTTPRoute write accepted -> proxyless gRPC client observes it, ${COUNT} changes:\n` +
          `  p50 ${f(a.p50)}  p90 ${f(a.p90)}  p99 ${f(a.p99)}  min ${f(a.min)}  max ${f(a.max)}\n` +
          `  (from the PUT sent: p50 ${f(out.fromSent.p50)}, p99 ${f(out.fromSent.p99)})`,
      )
    }
  } finally {
    client?.close()
    if (before.status === 200) await api('PUT', routePath, before.json).catch(() => {})
    else await api('DELETE', routePath).catch(() => {})
    await env.cleanup()
  }
  process.exit(0)
}

main().catch((e) => {
  console.error(`propagation: ${e.message}`)
  process.exit(1)
})
