/**
 * @module Golden tests of the proxyless gRPC generator. Every snapshot goes through Envoy's protos
 * and through gRPC's own xDS resource validation (`@grpc/grpc-js-xds`), which is what decides
 * whether a gRPC client ACKs or NACKs it.
 */
import { fileURLToPath } from 'node:url'
import { register } from '@grpc/grpc-js-xds'
import { ClusterResourceType } from '@grpc/grpc-js-xds/build/src/xds-resource-type/cluster-resource-type'
import { EndpointResourceType } from '@grpc/grpc-js-xds/build/src/xds-resource-type/endpoint-resource-type'
import { ListenerResourceType } from '@grpc/grpc-js-xds/build/src/xds-resource-type/listener-resource-type'
import { RouteConfigurationResourceType } from '@grpc/grpc-js-xds/build/src/xds-resource-type/route-config-resource-type'
import { describe, expect, it } from 'vitest'
import { encodeResource, judgeSnapshot } from '../../../agent/xds/envoy-proto'
import { generate } from '../generator'
import { TypeUrl, type Snapshot } from '../snapshot'
import { goldenMessage, listCases, loadCase, matchGolden } from '../testing/golden'

const dir = fileURLToPath(new URL('./testdata', import.meta.url))
const problems = (vs: { field: string; message: string }[]) =>
  vs.map((v) => `${v.field}: ${v.message}`)

register()
const GRPC_TYPES = {
  [TypeUrl.Listener]: ListenerResourceType.get(),
  [TypeUrl.RouteConfiguration]: RouteConfigurationResourceType.get(),
  [TypeUrl.Cluster]: ClusterResourceType.get(),
  [TypeUrl.ClusterLoadAssignment]: EndpointResourceType.get(),
}
const decodeContext = {
  server: { serverUri: 'kumo', channelCreds: [], serverFeatures: [] },
  bootstrap: { xdsServers: [], node: {}, authorities: {}, certificateProviders: {} },
} as never

/** grpcJudge lists what gRPC's xDS client would NACK in the snapshot. */
function grpcJudge(snapshot: Snapshot): string[] {
  const errors: string[] = []
  for (const [typeUrl, byName] of Object.entries(snapshot.resources)) {
    const type = GRPC_TYPES[typeUrl as keyof typeof GRPC_TYPES]
    if (!type) {
      errors.push(`${typeUrl}: not a type gRPC clients subscribe to`)
      continue
    }
    for (const [name, resource] of Object.entries(byName)) {
      const value = Buffer.from(encodeResource(typeUrl, resource))
      const res = type.decode(decodeContext, { type_url: typeUrl, value } as never)
      if (res.error) errors.push(`${name}: ${res.error}`)
    }
  }
  return errors
}

function generateProxylessCase(name: string) {
  const c = loadCase(dir, name)
  const res = generate(c.ctx, c.dataplane, c.options)
  if (!res.ok) throw new Error(`${name}: ${res.reason}`)
  return res
}

describe('proxyless gRPC generator', () => {
  it.each(listCases(dir))('generates %s as in its golden files, and gRPC accepts it', (name) => {
    const { snapshot } = generateProxylessCase(name)
    expect(problems(judgeSnapshot(snapshot))).toEqual([])
    expect(grpcJudge(snapshot)).toEqual([])
    const r = matchGolden(dir, name, snapshot)
    expect(problems(judgeSnapshot(r.golden))).toEqual([])
    expect(r.mismatches, goldenMessage(r)).toEqual([])
  })

  it('names API listeners by the dial targets of each destination', () => {
    const { snapshot } = generateProxylessCase('mesh-services')
    expect(Object.keys(snapshot.resources[TypeUrl.Listener]).sort()).toEqual([
      'echo-a',
      'echo-a:80',
      'echo-b',
      'echo-b:80',
    ])
  })

  it('sends a gRPC client by its user agent to the proxyless generator, with warnings', () => {
    const res = generateProxylessCase('legacy-services')
    expect(Object.keys(res.snapshot.resources[TypeUrl.Listener]).sort()).toEqual([
      'backend',
      'backend:10001',
      'client',
    ])
    expect(res.warnings).toEqual([])
  })

  it('reports what gRPC rejects as the proto judge does not: the judge catches a bad ring', () => {
    const { snapshot } = generateProxylessCase('mesh-services')
    const bad = structuredClone(snapshot.resources) as any
    bad[TypeUrl.Cluster][Object.keys(bad[TypeUrl.Cluster])[0]].lbPolicy = 'LEAST_REQUEST'
    expect(grpcJudge({ ...snapshot, resources: bad }).join()).toMatch(/LEAST_REQUEST/)
  })
})
