/**
 * @module A running system for the end-to-end scenarios: one tenant on the real edge holding the
 * synthetic mesh of N proxies, the real agent (reaching the edge through a byte-counting relay)
 * and N load-generator proxies that hold their full config.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { LoadGen, type Variant } from './loadgen'
import { type Agent, api, type Edge, freePort, type Json, startAgent } from './procs'
import { meshDoc, proxyNames, type SynthParams, synthDocs } from './synth'

export interface World {
  tenant: string
  adminToken: string
  agent: Agent
  gen: LoadGen
  relay: Relay
  params: SynthParams
  ids: string[]
  /** restartAgent stops the agent with `signal` and starts it again on the same ports and state. */
  restartAgent(signal?: NodeJS.Signals, startTimeoutMs?: number): Promise<void>
  close(): Promise<void>
}

/** Relay forwards the agent's calls to the edge and counts the bytes each way (edge <-> agent). */
export interface Relay {
  url: string
  toAgent: number
  toEdge: number
  configAnswers: number
  close(): void
}

async function startRelay(edgeUrl: string): Promise<Relay> {
  const target = new URL(edgeUrl)
  const port = await freePort()
  const relay: Relay = {
    url: `http://127.0.0.1:${port}`,
    toAgent: 0,
    toEdge: 0,
    configAnswers: 0,
    close: () => {},
  }
  const server = http.createServer((req, res) => {
    const up = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (ur) => {
        res.writeHead(ur.statusCode ?? 502, ur.headers)
        ur.on('data', (b: Buffer) => (relay.toAgent += b.length))
        ur.on('end', () => {
          if (req.url?.startsWith('/zone/v1/config')) relay.configAnswers++
        })
        ur.pipe(res)
      },
    )
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502)
      res.end()
    })
    req.on('data', (b: Buffer) => (relay.toEdge += b.length))
    req.pipe(up)
    res.on('close', () => up.destroy())
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r))
  relay.close = () => {
    server.closeAllConnections()
    server.close()
  }
  return relay
}

/** createTenant makes a tenant holding the synthetic mesh; answers its admin and zone tokens. */
export async function createTenant(
  edge: Edge,
  tenant: string,
  p: SynthParams,
  log: (s: string) => void,
) {
  const op = await api(edge.url, edge.operatorToken, 'POST', '/_operator/tenants', { name: tenant })
  if (op.status !== 201) throw new Error(`tenant ${tenant}: ${op.status} ${op.text}`)
  const admin = String(op.json!.token)
  const mesh = await api(edge.url, admin, 'PUT', '/meshes/default', meshDoc())
  if (mesh.status >= 300) throw new Error(`mesh: ${mesh.status} ${mesh.text}`)
  const { infra, policies } = synthDocs(p)
  const t0 = Date.now()
  for (let i = 0; i < infra.length; i += 500) {
    const r = await api(
      edge.url,
      edge.operatorToken,
      'POST',
      `/_operator/tenants/${tenant}/resources`,
      infra.slice(i, i + 500),
    )
    if (r.status !== 201) throw new Error(`import: ${r.status} ${r.text.slice(0, 500)}`)
  }
  for (const d of policies) {
    const kind = String(d.type).toLowerCase()
    const plural = kind.endsWith('y') ? `${kind.slice(0, -1)}ies` : `${kind}s`
    const r = await api(edge.url, admin, 'PUT', `/meshes/default/${plural}/${d.name}`, d)
    if (r.status >= 300) throw new Error(`policy ${d.name}: ${r.status} ${r.text}`)
  }
  log(
    `tenant ${tenant}: ${infra.length} resources and ${policies.length} policies in ${Date.now() - t0} ms`,
  )
  const tok = await api(edge.url, admin, 'POST', '/tokens/zone', {
    zone: 'default',
    validFor: '12h',
  })
  if (tok.status !== 200) throw new Error(`zone token: ${tok.status} ${tok.text}`)
  return { admin, zoneToken: tok.text.trim() }
}

export interface WorldOptions {
  root: string
  dir: string
  edge: Edge
  tenant: string
  params: SynthParams
  /** variant of the i-th proxy; default half SotW, half delta. */
  variantOf?: (i: number) => Variant
  setupTimeoutMs: number
  log: (s: string) => void
}

/** startWorld builds tenant, agent and proxies, and waits until every proxy has its config. */
export async function startWorld(
  o: WorldOptions,
): Promise<World & { setupMs: number; setupEdgeCpuMs: number }> {
  const { admin, zoneToken } = await createTenant(o.edge, o.tenant, o.params, o.log)
  const dir = path.join(o.dir, o.tenant)
  mkdirSync(dir, { recursive: true })
  const tokenFile = path.join(dir, 'zone.token')
  writeFileSync(tokenFile, zoneToken)
  const relay = await startRelay(o.edge.url)
  const cpu0 = o.edge.cpuMs()
  const t0 = performance.now()
  const agentOpts = {
    root: o.root,
    edgeUrl: relay.url,
    tokenFile,
    stateDir: path.join(dir, 'state'),
  }
  let agent = await startAgent(agentOpts)
  const ports = {
    adsPort: Number(agent.ads.split(':')[1]),
    apiPort: Number(agent.api.split(':').pop()),
  }
  try {
    return await connect(o, agent, relay, t0, cpu0, admin, (a) => (agent = a), agentOpts, ports)
  } catch (e) {
    await agent.stop('SIGKILL')
    relay.close()
    throw new Error(`${(e as Error).message}\nagent log:\n${agent.logs.slice(-15).join('\n')}`)
  }
}

async function connect(
  o: WorldOptions,
  first: Agent,
  relay: Relay,
  t0: number,
  cpu0: number,
  admin: string,
  swap: (a: Agent) => void,
  agentOpts: Parameters<typeof startAgent>[0],
  ports: { adsPort: number; apiPort: number },
): Promise<World & { setupMs: number; setupEdgeCpuMs: number }> {
  let agent = first
  const ids = proxyNames(o.params).map((n) => `default.${n}`)
  // the agent admits proxies it has config for: wait for the first sync
  const deadline = Date.now() + o.setupTimeoutMs
  let lastLog = Date.now()
  for (;;) {
    const ready = (await fetch(`${agent.api}/ready`)
      .then((r) => r.json())
      .catch(() => ({}))) as Json
    const have = Array.isArray(ready.proxies) ? ready.proxies.length : 0
    if (have >= ids.length) break
    if (Date.now() - lastLog > 30_000) {
      lastLog = Date.now()
      o.log(`the agent holds config for ${have} of ${ids.length} proxies`)
    }
    if (Date.now() > deadline) {
      throw new Error(
        `the agent holds config for ${have} of ${ids.length} proxies after ${o.setupTimeoutMs} ms:\n${agent.logs.slice(-10).join('\n')}`,
      )
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  const gen = new LoadGen({ address: agent.ads, reconnect: true })
  gen.add(ids, o.variantOf ?? ((i) => (i % 2 === 0 ? 'sotw' : 'delta')), (id) => id === ids[0])
  await gen.waitFull(Math.max(5000, deadline - Date.now()))
  const setupMs = performance.now() - t0
  const setupEdgeCpuMs = o.edge.cpuMs() - cpu0
  const world = {
    tenant: o.tenant,
    adminToken: admin,
    get agent() {
      return agent
    },
    gen,
    relay,
    params: o.params,
    ids,
    setupMs,
    setupEdgeCpuMs,
    async restartAgent(signal: NodeJS.Signals = 'SIGTERM', startTimeoutMs?: number) {
      await agent.stop(signal)
      agent = await startAgent({ ...agentOpts, ...ports, startTimeoutMs })
      swap(agent)
    },
    async close() {
      gen.close()
      await agent.stop('SIGHUP')
      relay.close()
    },
  }
  return world
}
