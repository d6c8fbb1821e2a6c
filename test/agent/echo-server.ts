/**
 * @module A tiny gRPC echo service for xDS tests: `/kumo.test.Echo/Who` answers with the backend's
 * name. Messages are JSON bytes; gRPC does not care what the payload encoding is.
 */
import * as grpc from '@grpc/grpc-js'

export interface WhoReply {
  backend: string
}

const json = {
  serialize: (v: unknown) => Buffer.from(JSON.stringify(v)),
  deserialize: (b: Buffer) => JSON.parse(b.toString() || '{}'),
}

export const echoService: grpc.ServiceDefinition = {
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

/** startEcho serves `Who` on a loopback port, answering `{ backend: name }`. */
export async function startEcho(name: string) {
  const server = new grpc.Server()
  let calls = 0
  server.addService(echoService, {
    Who: (_: unknown, callback: grpc.sendUnaryData<WhoReply>) => {
      calls++
      callback(null, { backend: name })
    },
  })
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  )
  return {
    name,
    port,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  }
}

const EchoClient = grpc.makeGenericClientConstructor(echoService, 'Echo')

/** echoClient dials target (e.g. `xds:///echo`) and returns a promise-style `who`. */
export function echoClient(target: string) {
  const client = new EchoClient(
    target,
    grpc.credentials.createInsecure(),
  ) as unknown as grpc.Client & {
    Who: (
      req: object,
      options: grpc.CallOptions,
      cb: (e: grpc.ServiceError | null, r?: WhoReply) => void,
    ) => void
  }
  return {
    who: (timeoutMs = 5000) =>
      new Promise<string>((resolve, reject) =>
        client.Who({}, { deadline: Date.now() + timeoutMs }, (e, r) =>
          e ? reject(e) : resolve(r!.backend),
        ),
      ),
    close: () => client.close(),
  }
}
