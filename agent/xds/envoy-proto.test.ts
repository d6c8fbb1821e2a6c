/** @module Tests of the Envoy proto judge: Kuma-shaped resources round-trip, bad ones are rejected with paths. */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse, parseAllDocuments } from 'yaml'
import { newSnapshot, TypeUrl } from '../../core/xds/snapshot'
import {
  checkResource,
  decodeResource,
  encodeResource,
  EnvoyProtoError,
  envoyProtoStats,
  fromAny,
  judgeSnapshot,
  toAny,
} from './envoy-proto'

type Json = Record<string, unknown>
const withoutType = ({ '@type': _, ...rest }: Json) => rest

const fixtures = parse(
  readFileSync(new URL('./testdata/kuma-shaped.resources.yaml', import.meta.url), 'utf8'),
) as { name: string; resource: Json }[]

const problemsOf = (typeUrl: string, json: unknown) => {
  const r = checkResource(typeUrl, json)
  return r.ok ? [] : r.violations
}

const listener = (typedConfig: Json, extra: Json = {}) => ({
  name: 'l',
  address: { socketAddress: { address: '10.0.0.1', portValue: 80 } },
  filterChains: [{ filters: [{ name: 'f', typedConfig }] }],
  ...extra,
})
const TCP_PROXY = 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy'

describe('loading', () => {
  it('loads the v3 protos once and reports how long it took', () => {
    const stats = envoyProtoStats()
    expect(stats.types).toBeGreaterThan(1000)
    expect(stats.loadMs).toBeGreaterThan(0)
    expect(envoyProtoStats()).toBe(stats)
    expect(stats.overlay).toContain('envoy.config.route.v3.RouteMatch.filter_state')
  })
})

describe('Kuma-shaped resources', () => {
  it.each(fixtures.map((f) => [`${String(f.resource['@type']).split('.').pop()} ${f.name}`, f]))(
    'encodes and round-trips %s',
    (_, { resource }) => {
      const typeUrl = resource['@type'] as string
      const bytes = encodeResource(typeUrl, resource)
      expect(decodeResource(typeUrl, bytes)).toEqual(withoutType(resource))
      expect(encodeResource(typeUrl, decodeResource(typeUrl, bytes))).toEqual(bytes)
    },
  )

  it('packs a resource as an Any and unpacks it', () => {
    const cla = fixtures.find((f) => f.resource['@type'] === TypeUrl.ClusterLoadAssignment)!
    const any = toAny(TypeUrl.ClusterLoadAssignment, withoutType(cla.resource))
    expect(any.type_url).toBe(TypeUrl.ClusterLoadAssignment)
    expect(fromAny(any)).toEqual(withoutType(cla.resource))
  })

  it('writes defaults away and 64-bit integers as strings, as Go protojson does', () => {
    const json = {
      name: 'c',
      connectTimeout: '1.000s',
      perConnectionBufferLimitBytes: 0,
      ringHashLbConfig: { minimumRingSize: 1024 },
    }
    const back = decodeResource(TypeUrl.Cluster, encodeResource(TypeUrl.Cluster, json))
    expect(back).toEqual({
      name: 'c',
      connectTimeout: '1s',
      perConnectionBufferLimitBytes: 0,
      ringHashLbConfig: { minimumRingSize: '1024' },
    })
    const tcp = { statPrefix: 's', cluster: 'c', maxDownstreamConnectionDuration: '1.000001s' }
    const l = listener({ '@type': TCP_PROXY, ...tcp }, { trafficDirection: 'UNSPECIFIED' })
    const out = decodeResource(TypeUrl.Listener, encodeResource(TypeUrl.Listener, l)) as Json
    expect(out.trafficDirection).toBeUndefined()
    expect(JSON.stringify(out)).toContain('"maxDownstreamConnectionDuration":"1.000001s"')
  })
})

describe('rejections', () => {
  it.each([
    [
      'an unknown field',
      { name: 'c', connectTimeot: '5s' },
      'connectTimeot',
      'unknown field "connectTimeot" in envoy.config.cluster.v3.Cluster',
    ],
    ['a wrong type', { name: 'c', altStatName: 7 }, 'altStatName', 'must be a string, got number'],
    [
      'a bad enum',
      { name: 'c', lbPolicy: 'ROUND_ROBINS' },
      'lbPolicy',
      'invalid value "ROUND_ROBINS" for enum',
    ],
    [
      'a bad duration',
      { name: 'c', connectTimeout: '5' },
      'connectTimeout',
      'invalid Duration "5"',
    ],
    [
      'a duration number',
      { name: 'c', connectTimeout: 5 },
      'connectTimeout',
      'invalid Duration number',
    ],
    [
      'an out of range uint32',
      { name: 'c', perConnectionBufferLimitBytes: -1 },
      'perConnectionBufferLimitBytes',
      'out of range for uint32',
    ],
    [
      'a scalar for a list',
      { name: 'c', healthChecks: {} },
      'healthChecks',
      'must be an array, got object',
    ],
    [
      'a float for an integer',
      { name: 'c', circuitBreakers: { thresholds: [{ maxRetries: 1.5 }] } },
      'circuitBreakers.thresholds[0].maxRetries',
      'must be an integer (uint32)',
    ],
    [
      'a broken PGV rule',
      { name: 'c', lbPolicy: 'RING_HASH', ringHashLbConfig: { maximumRingSize: '9000000' } },
      'ringHashLbConfig.maximumRingSize',
      'value must be less than or equal to 8388608',
    ],
  ])('rejects a Cluster with %s, at its path', (_, json, field, message) => {
    const problems = problemsOf(TypeUrl.Cluster, json)
    expect(problems).toHaveLength(1)
    expect(problems[0].field).toBe(field)
    expect(problems[0].message).toContain(message)
  })

  it('rejects an Any whose type URL names no loaded message, at its @type', () => {
    const l = listener({
      '@type': 'type.googleapis.com/envoy.extensions.filters.network.nope.v3.Nope',
    })
    expect(problemsOf(TypeUrl.Listener, l)).toEqual([
      {
        field: 'filterChains[0].filters[0].typedConfig.@type',
        message: expect.stringContaining('unknown type URL'),
      },
    ])
  })

  it('finds problems inside nested Anys, with the full JSON path', () => {
    const hcm = {
      '@type':
        'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
      statPrefix: 's',
      rds: { routeConfigName: 'r', configSource: { ads: {} } },
      httpFilters: [
        {
          name: 'router',
          typedConfig: {
            '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router',
            suppressEnvoyHeaders: 'yes',
          },
        },
      ],
      codecType: 'HTTP7',
    }
    expect(problemsOf(TypeUrl.Listener, listener(hcm)).map((p) => p.field)).toEqual([
      'filterChains[0].filters[0].typedConfig.httpFilters[0].typedConfig.suppressEnvoyHeaders',
      'filterChains[0].filters[0].typedConfig.codecType',
    ])
  })

  it('collects every problem of a resource instead of stopping at the first', () => {
    const l = listener(
      {
        '@type': TCP_PROXY,
        cluster: 'a',
        weightedClusters: { clusters: [{ name: 'b', weight: 1 }] },
      },
      { bogus: true, trafficDirection: 'SIDEWAYS', listenerFilters: [null] },
    )
    expect(problemsOf(TypeUrl.Listener, l).map((p) => p.field)).toEqual([
      'filterChains[0].filters[0].typedConfig.weightedClusters',
      'filterChains[0].filters[0].typedConfig.statPrefix',
      'bogus',
      'trafficDirection',
      'listenerFilters[0]',
    ])
  })

  it('checks the schema only when rules are off', () => {
    const l = listener({ '@type': TCP_PROXY, cluster: 'a' })
    expect(problemsOf(TypeUrl.Listener, l)).toEqual([
      {
        field: 'filterChains[0].filters[0].typedConfig.statPrefix',
        message: 'value length must be at least 1 runes',
      },
    ])
    expect(checkResource(TypeUrl.Listener, l, { rules: false }).ok).toBe(true)
  })

  it('throws EnvoyProtoError with every violation from encodeResource', () => {
    expect(() => encodeResource(TypeUrl.Cluster, { name: 'c', x: 1, y: 2 })).toThrow(
      EnvoyProtoError,
    )
    try {
      encodeResource(TypeUrl.Cluster, { name: 'c', x: 1, y: 2 })
    } catch (e) {
      expect((e as EnvoyProtoError).violations.map((v) => v.field)).toEqual(['x', 'y'])
    }
  })

  it('rejects a resource whose @type is not its type URL, and an unknown type URL', () => {
    expect(problemsOf(TypeUrl.Cluster, { '@type': TypeUrl.Listener, name: 'c' })[0].field).toBe(
      '@type',
    )
    expect(problemsOf('type.googleapis.com/envoy.Nope', {})[0].message).toContain(
      'unknown type URL',
    )
  })
})

describe('judgeSnapshot', () => {
  const resourcesOf = (typeUrl: string) =>
    Object.fromEntries(
      fixtures
        .filter((f) => f.resource['@type'] === typeUrl)
        .map((f) => [f.name, withoutType(f.resource)]),
    )

  it('reports bad resources, keys that are not names, and dangling references together', () => {
    const snapshot = newSnapshot({
      [TypeUrl.Cluster]: {
        ...resourcesOf(TypeUrl.Cluster),
        other: { name: 'renamed', connectTimeout: 'soon' },
      },
      [TypeUrl.Listener]: {
        l: listener({ '@type': TCP_PROXY, statPrefix: 's', cluster: 'missing' }),
      },
    })
    const problems = judgeSnapshot(snapshot)
    expect(problems).toHaveLength(5)
    expect(problems).toEqual(
      expect.arrayContaining([
        {
          field: 'Cluster["other"].connectTimeout',
          message: expect.stringContaining('invalid Duration'),
        },
        {
          field: 'Cluster["other"].name',
          message: 'must equal the resource\'s key "other", got "renamed"',
        },
        {
          field: 'Listener["l"].filterChains[0].filters[0].typedConfig.cluster',
          message: 'cluster "missing" is not in the snapshot',
        },
        {
          field: 'Cluster["backend"]',
          message: 'endpoints of EDS cluster "backend" is not in the snapshot',
        },
        {
          field:
            'Cluster["backend"].transportSocket.typedConfig.commonTlsContext.tlsCertificateSdsSecretConfigs[0].name',
          message: 'secret "identity_cert:secret:default" is not in the snapshot',
        },
      ]),
    )
  })

  it('passes the Kuma-shaped fixtures as one snapshot once every reference resolves', () => {
    const resources: Record<string, Record<string, Json>> = {}
    for (const f of fixtures) {
      const typeUrl = f.resource['@type'] as string
      resources[typeUrl] = { ...resources[typeUrl], [f.name]: withoutType(f.resource) }
    }
    const cluster = (name: string) => ({ name, connectTimeout: '5s' })
    for (const name of [
      'localhost:8080',
      'backend-v1',
      'backend-v2',
      'meshaccesslog:opentelemetry:0',
    ]) {
      resources[TypeUrl.Cluster][name] = cluster(name)
    }
    resources[TypeUrl.Secret]['mesh_ca:secret:default'] = {
      name: 'mesh_ca:secret:default',
      validationContext: { trustedCa: { inlineBytes: 'Y2E=' } },
    }
    expect(judgeSnapshot(newSnapshot(resources))).toEqual([])
  })
})

const KUMA = process.env.KUMA_REPO ?? '/work/.mirror/kumahq+kuma/repo'
const KUMA_REF = 'v2.14.3'

/** kumaGoldenResources reads every typed Envoy resource in Kuma's golden YAML files. */
function kumaGoldenResources(): { file: string; typeUrl: string; resource: Json }[] {
  const git = (args: string[], input?: string) =>
    execFileSync('git', ['-C', KUMA, ...args], { input, maxBuffer: 1 << 30 })
  const files = git(['ls-tree', '-r', '--name-only', KUMA_REF, 'pkg/'])
    .toString()
    .split('\n')
    .filter((f) => f.endsWith('.golden.yaml'))
  const out = git(['cat-file', '--batch'], files.map((f) => `${KUMA_REF}:${f}\n`).join(''))
  const found: { file: string; typeUrl: string; resource: Json }[] = []
  let off = 0
  for (const file of files) {
    const nl = out.indexOf(10, off)
    const size = Number(out.subarray(off, nl).toString().split(' ')[2])
    const text = out.subarray(nl + 1, nl + 1 + size).toString()
    off = nl + 1 + size + 1
    for (const doc of parseAllDocuments(text)) {
      const d = doc.toJSON() as Json | null
      const items = Array.isArray(d?.resources)
        ? (d.resources as Json[]).map((r) => r?.resource)
        : [d]
      for (const r of items as Json[]) {
        if (r && typeof r['@type'] === 'string')
          found.push({ file, typeUrl: r['@type'], resource: r })
      }
    }
  }
  return found
}

describe.runIf(existsSync(KUMA))(`Kuma ${KUMA_REF} golden resources`, () => {
  it('all load against the protos and round-trip byte for byte; only PGV rules ever fail', () => {
    const resources = kumaGoldenResources()
    expect(resources.length).toBeGreaterThan(1000)
    const schemaProblems: string[] = []
    for (const { file, typeUrl, resource } of resources) {
      const r = checkResource(typeUrl, resource, { rules: false })
      if (!r.ok) {
        schemaProblems.push(...r.violations.map((v) => `${file}: ${v.field}: ${v.message}`))
        continue
      }
      expect(decodeResource(typeUrl, r.bytes), file).toEqual(withoutType(resource))
      const ruled = checkResource(typeUrl, resource)
      if (!ruled.ok) for (const v of ruled.violations) expect(v.message, file).toMatch(/^value /)
    }
    expect(schemaProblems).toEqual([])
  }, 120_000)
})
