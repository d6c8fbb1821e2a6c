/**
 * @module Bootstraps that point a proxy at the agent's ADS server: Envoy's (a sidecar, what
 * kuma-cp's `/bootstrap` gives kuma-dp) and gRPC's xDS bootstrap (a proxyless client, read from
 * `GRPC_XDS_BOOTSTRAP` or `GRPC_XDS_BOOTSTRAP_CONFIG`).
 */
import type { ReportedDataplane } from '../../core/sync/protocol'

/** BootstrapParams name the proxy and where its ADS server is reachable. */
export interface BootstrapParams {
  mesh: string
  name: string
  /** adsHost and adsPort are the ADS server's address as the proxy dials it. */
  adsHost: string
  adsPort: number
  zone: string
  /** dataplane is the proxy's Dataplane when the agent knows it (service name, admin port). */
  dataplane?: ReportedDataplane
}

type Json = Record<string, unknown>

/** serviceOf is the first inbound's `kuma.io/service`, Kuma's node cluster. */
function serviceOf(dp: ReportedDataplane | undefined): string | undefined {
  const inbound = (dp?.spec as { networking?: { inbound?: { tags?: Record<string, string> }[] } })
    ?.networking?.inbound
  return inbound?.find((i) => i.tags?.['kuma.io/service'])?.tags?.['kuma.io/service']
}

function adminPortOf(dp: ReportedDataplane | undefined): number {
  const admin = (dp?.spec as { networking?: { admin?: { port?: number } } })?.networking?.admin
  return admin?.port ?? 9901
}

/**
 * envoyBootstrap is the static part of a sidecar's config: node `<mesh>.<name>`, an admin
 * listener on loopback, and every dynamic resource from ADS over one HTTP/2 cluster to the agent.
 */
export function envoyBootstrap(p: BootstrapParams): Json {
  const ads = { ads: {}, resourceApiVersion: 'V3' }
  return {
    node: {
      id: `${p.mesh}.${p.name}`,
      cluster: serviceOf(p.dataplane) ?? p.name,
      locality: { zone: p.zone },
    },
    admin: {
      address: { socketAddress: { address: '127.0.0.1', portValue: adminPortOf(p.dataplane) } },
    },
    dynamicResources: {
      adsConfig: {
        apiType: 'GRPC',
        transportApiVersion: 'V3',
        setNodeOnFirstMessageOnly: true,
        grpcServices: [{ envoyGrpc: { clusterName: 'ads_cluster' } }],
      },
      cdsConfig: ads,
      ldsConfig: ads,
    },
    staticResources: {
      clusters: [
        {
          name: 'ads_cluster',
          type: 'STRICT_DNS',
          connectTimeout: '1s',
          typedExtensionProtocolOptions: {
            'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
              '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
              explicitHttpConfig: { http2ProtocolOptions: {} },
            },
          },
          loadAssignment: {
            clusterName: 'ads_cluster',
            endpoints: [
              {
                lbEndpoints: [
                  {
                    endpoint: {
                      address: { socketAddress: { address: p.adsHost, portValue: p.adsPort } },
                    },
                  },
                ],
              },
            ],
          },
        },
      ],
    },
  }
}

/** grpcBootstrap is gRPC's xDS bootstrap (gRFC A27) for a proxyless client named `<mesh>.<name>`. */
export function grpcBootstrap(p: BootstrapParams): Json {
  return {
    xds_servers: [
      {
        server_uri: `${p.adsHost}:${p.adsPort}`,
        channel_creds: [{ type: 'insecure' }],
        server_features: ['xds_v3'],
      },
    ],
    node: {
      id: `${p.mesh}.${p.name}`,
      cluster: serviceOf(p.dataplane) ?? p.name,
      locality: { zone: p.zone },
    },
  }
}
