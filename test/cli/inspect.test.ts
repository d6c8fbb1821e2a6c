/**
 * @module kumoctl's calls to endpoints Kumo does not serve yet (`_overview`, `_rules`,
 * `/tokens/zone`, `/tokens/dataplane`), against a recording server answering in kuma-cp's shapes.
 */
/// <reference types="node" />
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeTempDirs, runKumoctl } from './run'

interface Seen {
  method: string
  url: string
  auth: string | undefined
  body: string
}

const HOUR = 3_600_000
const ago = (ms: number) => new Date(Date.now() - ms).toISOString()

/** overview is one DataplaneOverview as kuma-cp serves it (uint64 counters as strings). */
function overview(name: string, inbounds: Record<string, unknown>[], connected: boolean) {
  return {
    type: 'DataplaneOverview',
    mesh: 'default',
    name,
    creationTime: ago(3 * HOUR),
    modificationTime: ago(3 * HOUR),
    dataplane: { networking: { address: '10.0.0.1', inbound: inbounds } },
    dataplaneInsight: {
      subscriptions: connected
        ? [
            {
              id: '1',
              controlPlaneInstanceId: 'cp-1',
              connectTime: ago(2 * HOUR),
              disconnectTime: ago(HOUR),
              status: { total: { responsesSent: '10', responsesRejected: '1' } },
            },
            {
              id: '2',
              controlPlaneInstanceId: 'cp-1',
              connectTime: ago(2 * HOUR),
              status: {
                lastUpdateTime: ago(5 * 60_000),
                total: { responsesSent: '20', responsesRejected: '2' },
              },
              version: {
                kumaDp: { version: '2.14.3' },
                envoy: { version: '1.34.1' },
                dependencies: { coredns: '1.11.1' },
              },
            },
          ]
        : [],
      mTLS: connected
        ? {
            certificateExpirationTime: '2030-05-08T08:28:22Z',
            lastCertificateRegeneration: ago(22 * HOUR),
            certificateRegenerations: 10,
            issuedBackend: 'ca-1',
            supportedBackends: ['ca-1', 'ca-2'],
          }
        : undefined,
    },
  }
}

const inbound = (port: number, svc: string, ready = true) => ({
  port,
  tags: { 'kuma.io/service': svc, version: 'v1' },
  ...(ready ? {} : { health: { ready: false } }),
})

let server: Server
let url: string
const seen: Seen[] = []

function read(req: IncomingMessage): Promise<string> {
  return new Promise((ok) => {
    let b = ''
    req.on('data', (d) => (b += d))
    req.on('end', () => ok(b))
  })
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await read(req)
    seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body })
    const path = new URL(req.url!, 'http://x').pathname
    const json = (status: number, v: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify(v))
    }
    if (path === '/meshes/default/dataplanes/_overview') {
      return json(200, {
        total: 3,
        items: [
          overview('web-1', [inbound(8080, 'web')], true),
          overview('web-2', [inbound(8080, 'web'), inbound(9001, 'web', false)], true),
          overview('db-1', [inbound(5432, 'db')], false),
        ],
        next: null,
      })
    }
    if (path === '/meshes/default/dataplanes/web-1/_rules') {
      return json(200, { rules: [{ type: 'MeshTimeout', toRules: [] }] })
    }
    if (path === '/tokens/zone' || path === '/tokens/dataplane') {
      res.writeHead(200, { 'Content-Type': 'text/plain' })
      return res.end('header.payload.signature')
    }
    if (path === '/meshes/broken/dataplanes/_overview')
      return json(500, {
        type: '/std-errors',
        status: 500,
        title: 'Internal Server Error',
        detail: 'boom',
      })
    json(404, { type: '/std-errors', status: 404, title: 'Not Found', detail: 'no such endpoint' })
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const addr = server.address()
  url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`
})

afterAll(async () => {
  await new Promise<void>((ok) => server.close(() => ok()))
  removeTempDirs()
})

const kumoctl = (args: string[]) =>
  runKumoctl(args, { env: { KUMO_ADDRESS: url, KUMO_TOKEN: 'tkn' } })

describe('kumoctl inspect', () => {
  it('prints the dataplanes sync status table as kumactl does', async () => {
    const res = await kumoctl(['inspect', 'dataplanes'])
    expect(res.code, res.stderr).toBe(0)
    const lines = res.stdout.trimEnd().split('\n')
    const cells = lines.map((l) => l.split(/ {3,}/))
    expect(cells[0]).toEqual([
      'MESH',
      'NAME',
      'TAGS',
      'STATUS',
      'LAST CONNECTED AGO',
      'LAST UPDATED AGO',
      'TOTAL UPDATES',
      'TOTAL ERRORS',
      'CERT REGENERATED AGO',
      'CERT EXPIRATION',
      'CERT REGENERATIONS',
      'CERT BACKEND',
      'SUPPORTED CERT BACKENDS',
      'KUMA-DP VERSION',
      'ENVOY VERSION',
      'DEPENDENCIES VERSIONS',
      'NOTES',
    ])
    // columns line up: every header starts where its cells start
    expect(lines[1].indexOf('Online')).toBe(lines[0].indexOf('STATUS'))
    expect(cells[1].slice(0, 8)).toEqual([
      'default',
      'web-1',
      'kuma.io/service=web version=v1',
      'Online',
      '2h',
      '5m',
      '30',
      '3',
    ])
    // NOTES is empty: like kumactl, the column before it is still padded
    expect(cells[1].slice(8)).toEqual([
      '22h',
      '2030-05-08 08:28:22',
      '10',
      'ca-1',
      'ca-1,ca-2',
      '2.14.3',
      '1.34.1',
      'coredns: 1.11.1',
      '',
    ])
    expect(lines[2]).toContain('Partially degraded')
    expect(lines[2]).toMatch(/inbound\[port=9001,svc=web\] is not ready$/)
    expect(cells[3].slice(0, 7)).toEqual([
      'default',
      'db-1',
      'kuma.io/service=db version=v1',
      'Offline',
      'never',
      'never',
      '0',
    ])
    const call = seen.find((s) => s.url.startsWith('/meshes/default/dataplanes/_overview'))
    expect(call?.auth).toBe('Bearer tkn')
  })

  it('passes tag filters as kuma-cp expects them and prints JSON on request', async () => {
    const res = await kumoctl([
      'inspect',
      'dataplanes',
      '--tag',
      'kuma.io/service=web',
      '-o',
      'json',
    ])
    expect(res.code).toBe(0)
    expect(JSON.parse(res.stdout).total).toBe(3)
    expect(seen.at(-1)?.url).toContain('tag=kuma.io%2Fservice%3Aweb')
  })

  it('shows what a dataplane gets with --type=rules, and explains a missing endpoint', async () => {
    const rules = await kumoctl(['inspect', 'dataplane', 'web-1', '--type=rules'])
    expect(rules.code).toBe(0)
    expect(JSON.parse(rules.stdout)).toEqual({ rules: [{ type: 'MeshTimeout', toRules: [] }] })
    const config = await kumoctl(['inspect', 'dataplane', 'web-1', '--type', 'config', '--shadow'])
    expect(config.code).toBe(1)
    expect(config.stderr).toMatch(
      /does not serve \/meshes\/\{mesh\}\/dataplanes\/\{name\}\/_config/,
    )
    expect(seen.at(-1)?.url).toBe('/meshes/default/dataplanes/web-1/_config?shadow=true')
    const bad = await kumoctl(['inspect', 'dataplane', 'web-1', '--type', 'stats'])
    expect(bad.code).toBe(1)
  })
})

describe('kumoctl and a failing server', () => {
  it("exits 2 on a 5xx answer, with the server's words", async () => {
    const res = await kumoctl(['inspect', 'dataplanes', '-m', 'broken'])
    expect(res.code).toBe(2)
    expect(res.stderr).toMatch(/with 500: Internal Server Error \(boom\)/)
  })
})

describe('kumoctl generate', () => {
  it('asks for a zone token with the zone and validity', async () => {
    const res = await kumoctl(['generate', 'zone-token', '--zone', 'zone-1', '--valid-for', '24h'])
    expect(res.code).toBe(0)
    expect(res.stdout).toBe('header.payload.signature')
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/tokens/zone' })
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ zone: 'zone-1', validFor: '24h' })
  })

  it('asks for a dataplane token with name, mesh and tags', async () => {
    const res = await kumoctl([
      'generate',
      'dataplane-token',
      '--name',
      'web-1',
      '--mesh',
      'demo',
      '--tag',
      'kuma.io/service=web,web-api',
      '--valid-for',
      '1h',
    ])
    expect(res.code).toBe(0)
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({
      mesh: 'demo',
      validFor: '1h',
      name: 'web-1',
      tags: { 'kuma.io/service': ['web', 'web-api'] },
    })
  })

  it('rejects a bad duration without calling the server', async () => {
    const before = seen.length
    const res = await kumoctl(['generate', 'zone-token', '--zone', 'z', '--valid-for', 'forever'])
    expect(res.code).toBe(1)
    expect(res.stderr).toMatch(/--valid-for must be a positive duration/)
    expect(seen.length).toBe(before)
  })
})
