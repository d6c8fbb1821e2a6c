/** @module Tests of the bootstraps the agent hands out at `/bootstrap`. */
import { describe, expect, it } from 'vitest'
import { envoyBootstrap, grpcBootstrap } from './bootstrap'

const dataplane = {
  mesh: 'default',
  name: 'web-1',
  labels: {},
  spec: {
    networking: {
      address: '10.0.0.1',
      admin: { port: 9902 },
      inbound: [{ port: 8080, tags: { 'kuma.io/service': 'web' } }],
    },
  },
}
const params = { mesh: 'default', name: 'web-1', adsHost: '10.0.0.9', adsPort: 5678, zone: 'z1' }

describe('bootstraps', () => {
  it("points an Envoy sidecar's ADS at the agent, named as Kuma names it", () => {
    const b = envoyBootstrap({ ...params, dataplane }) as any // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(b.node).toEqual({ id: 'default.web-1', cluster: 'web', locality: { zone: 'z1' } })
    expect(b.admin.address.socketAddress.portValue).toBe(9902)
    expect(b.dynamicResources.adsConfig.grpcServices[0].envoyGrpc.clusterName).toBe('ads_cluster')
    const ads = b.staticResources.clusters[0]
    expect(ads.loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address.socketAddress).toEqual({
      address: '10.0.0.9',
      portValue: 5678,
    })
  })

  it('gives a proxyless gRPC client an xDS bootstrap for the agent', () => {
    expect(grpcBootstrap(params)).toEqual({
      xds_servers: [
        {
          server_uri: '10.0.0.9:5678',
          channel_creds: [{ type: 'insecure' }],
          server_features: ['xds_v3'],
        },
      ],
      node: { id: 'default.web-1', cluster: 'web-1', locality: { zone: 'z1' } },
    })
  })
})
