/** @module Tests of the xDS snapshot model: content versions and the consistency check. */
import { describe, expect, it } from 'vitest'
import {
  canonicalJson,
  contentHash,
  consistent,
  type EnvoyResource,
  fnv1a64,
  newSnapshot,
  resourceHash,
  snapshotOfHashes,
  type Resources,
  resourceNames,
  typeVersion,
  TypeUrl,
} from './snapshot'

const T = (name: string) => `type.googleapis.com/${name}`
const TCP_PROXY = T('envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy')
const HCM = T('envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager')

const listener = (name: string, typedConfig: Record<string, unknown>): EnvoyResource => ({
  name,
  filterChains: [{ filters: [{ name: 'f', typedConfig }] }],
})
const cluster = (name: string, extra: Record<string, unknown> = {}): EnvoyResource => ({
  name,
  connectTimeout: '5s',
  ...extra,
})
const byName = (...rs: EnvoyResource[]) => Object.fromEntries(rs.map((r) => [r.name as string, r]))

/** reference FNV-1a 64 over UTF-8 bytes with BigInt, to check the 32-bit-halves version. */
function fnvReference(s: string): string {
  let h = 0xcbf29ce484222325n
  for (const b of new TextEncoder().encode(s)) {
    h ^= BigInt(b)
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return h.toString(16).padStart(16, '0')
}

describe('fnv1a64', () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('hashes %j to the published FNV-1a 64 value', (input, want) => {
    expect(fnv1a64(input)).toBe(want)
  })

  it('agrees with a BigInt reference on long and non-ASCII input', () => {
    for (const s of ['kuma.io/service=backend ✓ 日本', 'x'.repeat(10_000), '\u0000\uffff']) {
      expect(fnv1a64(s)).toBe(fnvReference(s))
    }
  })
})

describe('canonicalJson', () => {
  it('gives equal strings for equal values built in a different key order', () => {
    const a = { b: [1, { y: 2, x: 1 }], a: 'z', u: undefined }
    const b = { a: 'z', b: [1, { x: 1, y: 2 }] }
    expect(canonicalJson(a)).toBe(canonicalJson(b))
    expect(canonicalJson(a)).toBe('{"a":"z","b":[1,{"x":1,"y":2}]}')
  })
})

describe('newSnapshot', () => {
  const resources: Resources = {
    [TypeUrl.Cluster]: byName(cluster('a'), cluster('b')),
    [TypeUrl.Listener]: byName(
      listener('l', { '@type': TCP_PROXY, cluster: 'a', statPrefix: 'a' }),
    ),
    [TypeUrl.Secret]: {},
  }

  it('versions the same resources the same, whatever order the types and names come in', () => {
    const reordered: Resources = {
      [TypeUrl.Listener]: resources[TypeUrl.Listener],
      [TypeUrl.Cluster]: byName(cluster('b'), cluster('a')),
    }
    const s1 = newSnapshot(resources)
    const s2 = newSnapshot(reordered)
    expect(s2.version).toBe(s1.version)
    expect(s2.versions).toEqual(s1.versions)
    expect(s1.version).toMatch(/^[0-9a-f]{16}$/)
  })

  it('hashes a resource as its JSON is sent, and a frozen body once', () => {
    const c = cluster('a')
    expect(resourceHash(c)).toBe(resourceHash(JSON.parse(JSON.stringify(c))))
    const frozen = Object.freeze({ ...c })
    expect(resourceHash(frozen)).toBe(resourceHash(c))
    // a mutable body is hashed again, so an edit shows
    const m: Record<string, unknown> = { ...c }
    const before = resourceHash(m)
    m.connectTimeout = '9s'
    expect(resourceHash(m)).not.toBe(before)
  })

  it('changes only the version of the type that changed, and the snapshot version', () => {
    const s1 = newSnapshot(resources)
    const s2 = newSnapshot({
      ...resources,
      [TypeUrl.Cluster]: byName(cluster('a'), cluster('b', { connectTimeout: '6s' })),
    })
    expect(s2.versions[TypeUrl.Cluster]).not.toBe(s1.versions[TypeUrl.Cluster])
    expect(s2.versions[TypeUrl.Listener]).toBe(s1.versions[TypeUrl.Listener])
    expect(s2.version).not.toBe(s1.version)
  })

  it('drops empty types and gives absent types the version of no resources', () => {
    const s = newSnapshot(resources)
    expect(Object.keys(s.resources).sort()).toEqual([TypeUrl.Cluster, TypeUrl.Listener])
    expect(typeVersion(s, TypeUrl.Secret)).toMatch(/^[0-9a-f]{16}$/)
    expect(typeVersion(s, TypeUrl.Secret)).toBe(typeVersion(s, TypeUrl.Runtime))
    expect(resourceNames(s, TypeUrl.Cluster)).toEqual(['a', 'b'])
  })
})

describe('snapshotOfHashes', () => {
  it('derives the versions newSnapshot derives, from the hashes alone', () => {
    const resources: Resources = {
      [TypeUrl.Cluster]: byName(cluster('a'), cluster('b')),
      [TypeUrl.Listener]: byName(listener('l', { '@type': TCP_PROXY, cluster: 'a' })),
    }
    const s = newSnapshot(resources)
    expect(s.hashes[TypeUrl.Cluster]).toEqual({
      a: resourceHash(cluster('a')),
      b: resourceHash(cluster('b')),
    })
    const t = snapshotOfHashes(resources, s.hashes)
    expect([t.version, t.versions, t.hashes]).toEqual([s.version, s.versions, s.hashes])
    expect(() => snapshotOfHashes(resources, {})).toThrow(/no hash/)
  })
})

describe('contentHash', () => {
  it('is 16 hex digits, stable, and tells apart close strings', () => {
    expect(contentHash('')).toMatch(/^[0-9a-f]{16}$/)
    expect(contentHash('{"a":1}')).toBe(contentHash('{"a":1}'))
    const seen = new Set<string>()
    for (let i = 0; i < 10000; i++) seen.add(contentHash(`{"name":"svc-${i}","port":${i % 7}}`))
    expect(seen.size).toBe(10000)
    expect(contentHash('ab')).not.toBe(contentHash('ba'))
    expect(contentHash('\u00e9')).not.toBe(contentHash('e\u0301'))
  })
})

describe('consistent', () => {
  it('accepts a snapshot whose every reference resolves', () => {
    const s = newSnapshot({
      [TypeUrl.Listener]: byName(
        listener('tcp', { '@type': TCP_PROXY, cluster: 'a' }),
        listener('http', { '@type': HCM, rds: { routeConfigName: 'r' } }),
      ),
      [TypeUrl.RouteConfiguration]: byName({
        name: 'r',
        virtualHosts: [{ routes: [{ route: { cluster: 'eds' } }] }],
      }),
      [TypeUrl.Cluster]: byName(cluster('a'), cluster('eds', { type: 'EDS' })),
      [TypeUrl.ClusterLoadAssignment]: { eds: { clusterName: 'eds' } },
    })
    expect(consistent(s)).toEqual([])
  })

  const inlineRoute = (route: Record<string, unknown>) =>
    listener('l', { '@type': HCM, routeConfig: { virtualHosts: [{ routes: [{ route }] }] } })
  const HCM_AT = 'Listener["l"].filterChains[0].filters[0].typedConfig'
  const ROUTE_AT = `${HCM_AT}.routeConfig.virtualHosts[0].routes[0].route`

  it.each<[string, Resources, { field: string; message: string }[]]>([
    [
      'a tcp_proxy cluster',
      { [TypeUrl.Listener]: byName(listener('l', { '@type': TCP_PROXY, cluster: 'x' })) },
      [{ field: `${HCM_AT}.cluster`, message: 'cluster "x" is not in the snapshot' }],
    ],
    [
      'tcp_proxy weighted clusters',
      {
        [TypeUrl.Listener]: byName(
          listener('l', {
            '@type': TCP_PROXY,
            weightedClusters: {
              clusters: [
                { name: 'a', weight: 1 },
                { name: 'y', weight: 1 },
              ],
            },
          }),
        ),
        [TypeUrl.Cluster]: byName(cluster('a')),
      },
      [
        {
          field: `${HCM_AT}.weightedClusters.clusters[1].name`,
          message: 'cluster "y" is not in the snapshot',
        },
      ],
    ],
    [
      'an RDS route configuration',
      {
        [TypeUrl.Listener]: byName(listener('l', { '@type': HCM, rds: { routeConfigName: 'r' } })),
      },
      [{ field: `${HCM_AT}.rds.routeConfigName`, message: 'route "r" is not in the snapshot' }],
    ],
    [
      'the clusters of an inline route configuration',
      {
        [TypeUrl.Listener]: byName(
          inlineRoute({
            cluster: 'x',
            weightedClusters: { clusters: [{ name: 'y' }] },
            requestMirrorPolicies: [{ cluster: 'z' }],
          }),
        ),
      },
      [
        { field: `${ROUTE_AT}.cluster`, message: 'cluster "x" is not in the snapshot' },
        {
          field: `${ROUTE_AT}.weightedClusters.clusters[0].name`,
          message: 'cluster "y" is not in the snapshot',
        },
        {
          field: `${ROUTE_AT}.requestMirrorPolicies[0].cluster`,
          message: 'cluster "z" is not in the snapshot',
        },
      ],
    ],
    [
      'a cluster of an RDS route',
      {
        [TypeUrl.RouteConfiguration]: byName({
          name: 'r',
          virtualHosts: [{ routes: [{ route: { cluster: 'a' } }, { route: { cluster: 'x' } }] }],
        }),
        [TypeUrl.Cluster]: byName(cluster('a')),
      },
      [
        {
          field: 'RouteConfiguration["r"].virtualHosts[0].routes[1].route.cluster',
          message: 'cluster "x" is not in the snapshot',
        },
      ],
    ],
    [
      'the endpoints of EDS clusters, by service name or cluster name',
      {
        [TypeUrl.Cluster]: byName(
          cluster('a', { type: 'EDS' }),
          cluster('b', { type: 'EDS', edsClusterConfig: { serviceName: 'svc' } }),
          cluster('c', { type: 'STATIC' }),
        ),
        [TypeUrl.ClusterLoadAssignment]: { b: { clusterName: 'b' } },
      },
      [
        { field: 'Cluster["a"]', message: 'endpoints of EDS cluster "a" is not in the snapshot' },
        {
          field: 'Cluster["b"].edsClusterConfig.serviceName',
          message: 'endpoints of EDS cluster "svc" is not in the snapshot',
        },
      ],
    ],
    [
      'the clusters of an aggregate cluster',
      {
        [TypeUrl.Cluster]: byName(
          cluster('agg', {
            clusterType: {
              name: 'envoy.clusters.aggregate',
              typedConfig: {
                '@type': T('envoy.extensions.clusters.aggregate.v3.ClusterConfig'),
                clusters: ['x'],
              },
            },
          }),
        ),
      },
      [
        {
          field: 'Cluster["agg"].clusterType.typedConfig.clusters[0]',
          message: 'cluster "x" is not in the snapshot',
        },
      ],
    ],
    [
      'the gRPC cluster of an access log and ADS-served secrets',
      {
        [TypeUrl.Listener]: byName(
          listener('l', {
            '@type': HCM,
            routeConfig: {},
            accessLog: [{ typedConfig: { grpcService: { envoyGrpc: { clusterName: 'otel' } } } }],
          }),
        ),
        [TypeUrl.Cluster]: byName(
          cluster('a', {
            transportSocket: {
              typedConfig: {
                commonTlsContext: {
                  tlsCertificateSdsSecretConfigs: [{ name: 'cert', sdsConfig: { ads: {} } }],
                  validationContextSdsSecretConfig: { name: 'ca', sdsConfig: { ads: {} } },
                },
              },
            },
          }),
        ),
      },
      [
        {
          field: `${HCM_AT}.accessLog[0].typedConfig.grpcService.envoyGrpc.clusterName`,
          message: 'cluster "otel" is not in the snapshot',
        },
        {
          field:
            'Cluster["a"].transportSocket.typedConfig.commonTlsContext.tlsCertificateSdsSecretConfigs[0].name',
          message: 'secret "cert" is not in the snapshot',
        },
        {
          field:
            'Cluster["a"].transportSocket.typedConfig.commonTlsContext.validationContextSdsSecretConfig.name',
          message: 'secret "ca" is not in the snapshot',
        },
      ],
    ],
  ])('reports a dangling reference: %s', (_, resources, want) => {
    expect(consistent(newSnapshot(resources))).toEqual(want)
  })
})
