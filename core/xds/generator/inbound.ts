/**
 * @module Inbound listeners and local clusters (Kuma `InboundProxyGenerator`): one listener per
 * inbound with a `kuma.io/service`, TCP or HTTP by protocol, mTLS by the mesh's CA mode.
 */
import type { Proxy, ProxyInbound } from '../proxy'
import type { Json, ResourceSet } from '../resource-set'
import { TypeUrl } from '../snapshot'
import {
  ANY_TYPE,
  downstreamMtls,
  hcmFilter,
  httpProtocolOptions,
  internalAddressConfig,
  networkRbacDenyAll,
  routerFilter,
  socketAddress,
  staticCluster,
  statName,
  tagsMetadata,
  tcpProxyFilter,
} from './envoy'

const LOOPBACK = ['127.0.0.1', '::1']
/** TRANSPARENT_IN_PASSTHROUGH is the source address Kuma binds to reach a non-loopback workload. */
const TRANSPARENT_IN_PASSTHROUGH = { v4: '127.0.0.6', v6: '::6' }

/**
 * INBOUND_TIMEOUT is Kuma's `DefaultInboundTimeout` (twice the outbound defaults); MeshTimeout's
 * plugin replaces these with its inbound conf or its own defaults.
 */
const INBOUND_TIMEOUT = { connect: '10s', idle: '7200s', streamIdle: '3600s' }

const isHttp = (p: string) => p === 'http' || p === 'http2' || p === 'grpc'

function localCluster(proxy: Proxy, inbound: ProxyInbound): Json {
  const c = staticCluster(inbound.clusterName, inbound.serviceAddress, inbound.servicePort)
  c.connectTimeout = INBOUND_TIMEOUT.connect
  if (proxy.transparentProxy && !LOOPBACK.includes(inbound.serviceAddress)) {
    const v6 = inbound.serviceAddress.includes(':')
    c.upstreamBindConfig = {
      sourceAddress: {
        address: v6 ? TRANSPARENT_IN_PASSTHROUGH.v6 : TRANSPARENT_IN_PASSTHROUGH.v4,
        portValue: 0,
      },
    }
  }
  if (isHttp(inbound.protocol)) {
    const opts = httpProtocolOptions(inbound.protocol !== 'http')
    ;(Object.values(opts)[0] as Json).commonHttpProtocolOptions = {
      idleTimeout: INBOUND_TIMEOUT.idle,
    }
    c.typedExtensionProtocolOptions = opts
  }
  return c
}

function filters(proxy: Proxy, inbound: ProxyInbound): Json[] {
  const service = proxy.unifiedNaming
    ? inbound.listenerName
    : (inbound.tags['kuma.io/service'] ?? '')
  const statPrefix = statName(inbound.clusterName)
  if (!isHttp(inbound.protocol)) {
    const tcp = tcpProxyFilter(statPrefix, inbound.clusterName)
    ;(tcp.typedConfig as Json).idleTimeout = INBOUND_TIMEOUT.idle
    return [tcp]
  }
  let routeConfigName = proxy.unifiedNaming ? inbound.listenerName : `inbound:${service}`
  let virtualHostName = service
  if (!service) {
    routeConfigName = `inbound:${inbound.address}:${inbound.port}`
    virtualHostName = routeConfigName
  }
  const httpFilters: Json[] = []
  if (inbound.protocol === 'grpc') {
    httpFilters.push({
      name: 'envoy.filters.http.grpc_stats',
      typedConfig: { '@type': ANY_TYPE.GrpcStats, emitFilterState: true, statsForAllMethods: true },
    })
  }
  httpFilters.push(routerFilter())
  const hcm: Json = {
    statPrefix,
    httpFilters,
    commonHttpProtocolOptions: { idleTimeout: INBOUND_TIMEOUT.idle },
    streamIdleTimeout: INBOUND_TIMEOUT.streamIdle,
    forwardClientCertDetails: 'SANITIZE_SET',
    setCurrentClientCertDetails: { uri: true },
    internalAddressConfig: internalAddressConfig(false),
    routeConfig: {
      name: routeConfigName,
      validateClusters: false,
      requestHeadersToRemove: ['x-kuma-tags'],
      virtualHosts: [
        {
          name: virtualHostName,
          domains: ['*'],
          routes: [
            { match: { prefix: '/' }, route: { cluster: inbound.clusterName, timeout: '0s' } },
          ],
        },
      ],
    },
  }
  return [hcmFilter(hcm)]
}

/** generateInbounds adds a listener and a local cluster for every serviceful inbound. */
export function generateInbounds(rs: ResourceSet, proxy: Proxy): void {
  const mtls = proxy.mtls
  for (const inbound of proxy.inbounds) {
    if (inbound.state === 'Ignored' || Object.keys(inbound.tags).length === 0) continue
    const common = {
      origin: 'inbound' as const,
      resourceOrigin: inbound.kri,
      protocol: inbound.protocol,
    }
    rs.add({
      ...common,
      typeUrl: TypeUrl.Cluster,
      name: inbound.clusterName,
      resource: localCluster(proxy, inbound),
    })

    const chain = (serverMtls: boolean, transportProtocol?: string): Json => {
      const fs = filters(proxy, inbound)
      if (serverMtls) fs.unshift(networkRbacDenyAll(inbound.listenerName))
      const fc: Json = { filters: fs }
      if (transportProtocol) fc.filterChainMatch = { transportProtocol }
      if (serverMtls) fc.transportSocket = downstreamMtls(proxy.mesh, mtls!)
      return fc
    }
    const listener: Json = {
      name: inbound.listenerName,
      address: socketAddress(inbound.address, inbound.port),
      filterChains: [] as Json[],
      metadata: tagsMetadata(
        Object.keys(inbound.tags).length > 0
          ? inbound.tags
          : { 'kuma.io/unified-name': `self_inbound_dp_${inbound.sectionName}` },
      ),
      trafficDirection: 'INBOUND',
      enableReusePort: false,
    }
    if (proxy.unifiedNaming) listener.statPrefix = inbound.listenerName
    if (proxy.transparentProxy) listener.bindToPort = false
    if (!mtls) {
      listener.filterChains = [chain(false)]
    } else if (mtls.mode === 'STRICT') {
      listener.filterChains = [chain(true)]
    } else {
      listener.listenerFilters = [
        {
          name: 'envoy.filters.listener.tls_inspector',
          typedConfig: { '@type': ANY_TYPE.TlsInspector },
        },
      ]
      const kuma = chain(true, 'tls')
      ;(kuma.filterChainMatch as Json).applicationProtocols = ['kuma']
      listener.filterChains = [chain(false, 'raw_buffer'), chain(false, 'tls'), kuma]
    }
    rs.add({ ...common, typeUrl: TypeUrl.Listener, name: inbound.listenerName, resource: listener })
  }
}
