/**
 * @module A raw ADS client for tests: Envoy's ads.proto loaded with @grpc/proto-loader (not the
 * agent's own codec), so the wire format is checked by an independent reader.
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import * as grpc from '@grpc/grpc-js'
import * as protoLoader from '@grpc/proto-loader'
import { fromAny } from '../../agent/xds/envoy-proto'

const require = createRequire(import.meta.url)
const deps = path.join(path.dirname(require.resolve('@grpc/grpc-js-xds/package.json')), 'deps')

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

let adsService: grpc.ServiceClientConstructor | undefined

function service(): grpc.ServiceClientConstructor {
  if (adsService) return adsService
  const definition = protoLoader.loadSync('envoy/service/discovery/v3/ads.proto', {
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
    includeDirs: ['envoy-api', 'xds', 'googleapis', 'protoc-gen-validate'].map((d) =>
      path.join(deps, d),
    ),
  })
  const loaded = grpc.loadPackageDefinition(definition) as Json
  adsService = loaded.envoy.service.discovery.v3.AggregatedDiscoveryService
  return adsService!
}

/** AdsStream wraps one bidi call: `send` requests, `next` awaits the next response in order. */
export class AdsStream {
  private readonly queue: Json[] = []
  private readonly waiters: ((m: Json | Error) => void)[] = []
  /** status is the call's final status once it ended. */
  status?: grpc.StatusObject
  error?: grpc.ServiceError

  constructor(private readonly call: grpc.ClientDuplexStream<Json, Json>) {
    call.on('data', (m: Json) => {
      const w = this.waiters.shift()
      if (w) w(m)
      else this.queue.push(m)
    })
    call.on('status', (s: grpc.StatusObject) => (this.status = s))
    call.on('error', (e: grpc.ServiceError) => {
      this.error = e
      for (const w of this.waiters.splice(0)) w(e)
    })
  }

  send(req: Json) {
    this.call.write(req)
  }

  /** next resolves to the next response, or rejects after ms. */
  next(ms = 3000): Promise<Json> {
    const queued = this.queue.shift()
    if (queued) return Promise.resolve(queued)
    if (this.error) return Promise.reject(this.error)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1)
        reject(new Error(`no response within ${ms} ms`))
      }, ms)
      const waiter = (m: Json | Error) => {
        clearTimeout(timer)
        if (m instanceof Error) reject(m)
        else resolve(m)
      }
      this.waiters.push(waiter)
    })
  }

  /** quiet resolves true when no response arrives within ms. */
  async quiet(ms = 300): Promise<boolean> {
    if (this.queue.length > 0) return false
    try {
      await this.next(ms)
      return false
    } catch {
      return true
    }
  }

  /** ended waits for the call's error status. */
  async ended(ms = 3000): Promise<grpc.ServiceError> {
    const until = Date.now() + ms
    while (!this.error && Date.now() < until) await new Promise((r) => setTimeout(r, 10))
    if (!this.error) throw new Error('stream did not end')
    return this.error
  }

  close() {
    this.call.end()
    this.call.cancel()
  }
}

/** AdsClient dials the agent; `sotw()` and `delta()` open streams. */
export class AdsClient {
  private readonly client: grpc.Client & Json

  constructor(address: string) {
    const Ctor = service()
    this.client = new Ctor(address, grpc.credentials.createInsecure()) as grpc.Client & Json
  }

  sotw(): AdsStream {
    return new AdsStream(this.client.StreamAggregatedResources())
  }

  delta(): AdsStream {
    return new AdsStream(this.client.DeltaAggregatedResources())
  }

  close() {
    this.client.close()
  }
}

/** names decodes a response's resources and lists their names (cluster_name for endpoints). */
export function names(response: Json): string[] {
  const resources: Json[] = response.resources.map((r: Json) => r.resource ?? r)
  return resources.map((any) => {
    const json = fromAny({ type_url: any.type_url, value: any.value })
    return (json.name ?? json.clusterName) as string
  })
}

/** decoded returns a response's resources as proto3 JSON. */
export function decoded(response: Json): Json[] {
  return response.resources.map((r: Json) => {
    const any = r.resource ?? r
    return fromAny({ type_url: any.type_url, value: any.value })
  })
}
