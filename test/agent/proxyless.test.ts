/**
 * @module End to end: `generateProxyless` output for a small mesh (MeshServices echo-a and echo-b,
 * a MeshHTTPRoute splitting echo-a's calls 80/20, a MeshTimeout on echo-b) served by the agent's
 * ADS server to a real `@grpc/grpc-js-xds` client, whose RPCs go where the policies say.
 */
import * as grpc from '@grpc/grpc-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildMeshContext } from '../../core/meshcontext'
import { generateProxyless } from '../../core/xds/proxyless'
import { recordsFromYaml } from '../../core/xds/testing/golden'
import { echoService, type WhoReply } from './echo-server'
import { CDS, EDS, LDS, startAds } from './fixtures'

const NODE_ID = 'default.client-1'
const REQUEST_TIMEOUT_MS = 300

/** startSleepyEcho answers `Who` with its name after the `x-sleep-ms` the caller asks for. */
async function startSleepyEcho(name: string) {
  const server = new grpc.Server()
  server.addService(echoService, {
    Who: (call: grpc.ServerUnaryCall<unknown, WhoReply>, cb: grpc.sendUnaryData<WhoReply>) => {
      const ms = Number(call.metadata.get('x-sleep-ms')[0] ?? 0)
      setTimeout(() => cb(null, { backend: name }), ms)
    },
  })
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  )
  return { port, close: () => new Promise<void>((r) => server.tryShutdown(() => r())) }
}

const EchoClient = grpc.makeGenericClientConstructor(echoService, 'Echo')

function client(target: string) {
  const c = new EchoClient(target, grpc.credentials.createInsecure()) as any
  return {
    who: (sleepMs = 0, deadlineMs = 5000) =>
      new Promise<string>((resolve, reject) => {
        const md = new grpc.Metadata()
        if (sleepMs) md.set('x-sleep-ms', String(sleepMs))
        c.Who(
          {},
          md,
          { deadline: Date.now() + deadlineMs },
          (e: grpc.ServiceError | null, r?: WhoReply) => (e ? reject(e) : resolve(r!.backend)),
        )
      }),
    close: () => c.close(),
  }
}

function meshYaml(portA: number, portB: number): string {
  const dp = (name: string, service: string, port: number) => `
type: Dataplane
name: ${name}
mesh: default
networking:
  address: 127.0.0.1
  inbound:
    - port: ${port}
      tags:
        kuma.io/service: ${service}
        kuma.io/protocol: grpc
---`
  const ms = (name: string, port: number) => `
type: MeshService
name: ${name}
mesh: default
spec:
  selector:
    dataplaneTags:
      kuma.io/service: ${name}
  ports:
    - port: 80
      targetPort: ${port}
      appProtocol: grpc
---`
  return `
type: Mesh
name: default
meshServices:
  mode: Exclusive
---
type: Dataplane
name: client-1
mesh: default
labels:
  kumo.io/proxy-type: grpc
networking:
  address: 127.0.0.1
  inbound:
    - port: 1
      tags:
        kuma.io/service: client
---
${dp('echo-a-1', 'echo-a', portA)}
${dp('echo-b-1', 'echo-b', portB)}
${ms('echo-a', portA)}
${ms('echo-b', portB)}
type: MeshHTTPRoute
name: split
mesh: default
spec:
  targetRef:
    kind: Mesh
  to:
    - targetRef:
        kind: MeshService
        name: echo-a
      rules:
        - matches:
            - path:
                type: PathPrefix
                value: /kumo.test.Echo/
          default:
            backendRefs:
              - { kind: MeshService, name: echo-a, port: 80, weight: 80 }
              - { kind: MeshService, name: echo-b, port: 80, weight: 20 }
---
type: MeshTimeout
name: echo-b
mesh: default
spec:
  targetRef:
    kind: Mesh
  to:
    - targetRef:
        kind: MeshService
        name: echo-b
      default:
        http:
          requestTimeout: ${REQUEST_TIMEOUT_MS}ms
`
}

let echoA: Awaited<ReturnType<typeof startSleepyEcho>>
let echoB: Awaited<ReturnType<typeof startSleepyEcho>>
let ads: Awaited<ReturnType<typeof startAds>>
let toA: ReturnType<typeof client>
let toB: ReturnType<typeof client>

beforeAll(async () => {
  echoA = await startSleepyEcho('echo-a')
  echoB = await startSleepyEcho('echo-b')
  const records = recordsFromYaml(meshYaml(echoA.port, echoB.port))
  const mesh = records.find((r) => r.type === 'Mesh')!
  const ctx = buildMeshContext(
    { mesh, resources: records.filter((r) => r !== mesh) },
    { zone: 'zone-1' },
  )
  const res = generateProxyless(ctx, 'client-1')
  if (!res.ok) throw new Error(`generateProxyless: ${res.reason}`)
  ads = await startAds()
  expect(ads.cache.setSnapshot(NODE_ID, res.snapshot).ok).toBe(true)
  process.env.GRPC_XDS_BOOTSTRAP_CONFIG = JSON.stringify({
    xds_servers: [
      {
        server_uri: ads.address,
        channel_creds: [{ type: 'insecure' }],
        server_features: ['xds_v3'],
      },
    ],
    node: { id: NODE_ID, cluster: 'client', locality: { zone: 'zone-1' } },
  })
  const xds = await import('@grpc/grpc-js-xds')
  xds.register()
  toA = client('xds:///echo-a')
  toB = client('xds:///echo-b:80')
})

afterAll(async () => {
  toA?.close()
  toB?.close()
  await ads?.server.close(100)
  await echoA?.close()
  await echoB?.close()
})

describe('proxyless gRPC client fed by generateProxyless', () => {
  it('ACKs every resource type the generator made', async () => {
    expect(await toB.who()).toBe('echo-b')
    const st = ads.server.status(NODE_ID)!
    expect(st.lastNack).toBeUndefined()
    // routes ride inline in the API listeners, so there is no RDS (core/xds/proxyless/routes.ts)
    expect(Object.keys(st.lastAckedVersion).sort()).toEqual([CDS, EDS, LDS].sort())
  })

  it("splits echo-a's calls between echo-a and echo-b by the MeshHTTPRoute's weights", async () => {
    const seen: Record<string, number> = {}
    for (let i = 0; i < 400; i++) {
      const b = await toA.who()
      seen[b] = (seen[b] ?? 0) + 1
    }
    expect(seen['echo-a'] + seen['echo-b']).toBe(400)
    expect(seen['echo-a']).toBeGreaterThan(280)
    expect(seen['echo-b']).toBeGreaterThan(40)
  })

  it("bounds echo-b's calls by MeshTimeout's requestTimeout, whatever deadline the caller set", async () => {
    expect(await toB.who(50)).toBe('echo-b')
    const started = performance.now()
    const err = await toB.who(2000, 5000).catch((e: grpc.ServiceError) => e)
    const took = performance.now() - started
    expect((err as grpc.ServiceError).code).toBe(grpc.status.DEADLINE_EXCEEDED)
    expect(took).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 20)
    expect(took).toBeLessThan(1500)
  })
})
