/** @module Tests of REST-JSON xDS: request parsing, token checks, per-type versions, and Envoy's judge. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { checkResource } from '../../agent/xds/envoy-proto'
import {
  dataplaneMetadataOf,
  discoveryResponse,
  nodeToken,
  parseDiscoveryRequest,
  parseProxyId,
  REST_XDS_TYPES,
  selectVersion,
  tokenRefusal,
  withRestSources,
} from './rest-discovery'
import { newSnapshot, TypeUrl } from './snapshot'
import { generateCase, loadCase } from './testing/golden'

const dir = fileURLToPath(new URL('./generator/testdata', import.meta.url))
const DISCOVERY_RESPONSE = 'type.googleapis.com/envoy.service.discovery.v3.DiscoveryResponse'
const problems = (vs: { field: string; message: string }[]) =>
  vs.map((v) => `${v.field}: ${v.message}`)

describe('parseDiscoveryRequest', () => {
  it('reads the proto field names Envoy sends', () => {
    const r = parseDiscoveryRequest(
      {
        version_info: 'v1',
        node: {
          id: 'default.web-01',
          user_agent_name: 'envoy',
          metadata: { 'dataplane.admin.port': '9901', features: ['f1'] },
        },
        resource_names: ['b', 'a'],
        type_url: TypeUrl.Cluster,
        response_nonce: 'n1',
      },
      TypeUrl.Cluster,
    )
    expect(r).toEqual({
      ok: true,
      request: {
        nodeId: 'default.web-01',
        mesh: 'default',
        name: 'web-01',
        versionInfo: 'v1',
        resourceNames: ['b', 'a'],
        typeUrl: TypeUrl.Cluster,
        responseNonce: 'n1',
        errorDetail: undefined,
        metadata: { 'dataplane.admin.port': '9901', features: ['f1'] },
        userAgentName: 'envoy',
      },
    })
    if (!r.ok) return
    expect(dataplaneMetadataOf(r.request)).toEqual({
      adminPort: 9901,
      adminAddress: undefined,
      features: ['f1'],
      userAgentName: 'envoy',
    })
  })

  it('reads the lowerCamel JSON names too, and a NACK', () => {
    const r = parseDiscoveryRequest(
      {
        versionInfo: 'v2',
        node: { id: 'm.a.b', userAgentName: 'envoy' },
        resourceNames: ['x'],
        typeUrl: TypeUrl.Listener,
        responseNonce: 'n',
        errorDetail: { code: 3, message: 'bad listener' },
      },
      TypeUrl.Listener,
    )
    expect(r.ok && r.request).toMatchObject({
      mesh: 'm',
      name: 'a.b',
      versionInfo: 'v2',
      resourceNames: ['x'],
      errorDetail: { code: 3, message: 'bad listener' },
    })
  })

  it('reports every problem of a malformed request', () => {
    const r = parseDiscoveryRequest(
      {
        version_info: 7,
        node: { id: 'no-dot', metadata: [] },
        resource_names: ['ok', 3],
        type_url: TypeUrl.Cluster,
        error_detail: 'x',
      },
      TypeUrl.Listener,
    )
    expect(r.ok ? [] : problems(r.violations)).toEqual([
      'node.id: the name should be provided after the dot',
      'node.metadata: must be an object',
      'version_info: must be a string',
      `type_url: must be "${TypeUrl.Listener}" at this endpoint, got "${TypeUrl.Cluster}"`,
      'resource_names[1]: must be a string',
      'error_detail: must be an object',
    ])
  })

  it('needs a node', () => {
    const r = parseDiscoveryRequest({}, TypeUrl.Cluster)
    expect(r.ok ? [] : problems(r.violations)).toEqual([
      'node: must be present: it carries the id "<mesh>.<name>"',
    ])
    const s = parseDiscoveryRequest([], TypeUrl.Cluster)
    expect(s.ok).toBe(false)
  })

  it.each([
    ['', 'Envoy ID must not be nil'],
    ['default', 'the name should be provided after the dot'],
    ['default.', 'name must not be empty'],
    ['.web', 'mesh must not be empty'],
    ['default.web.1', { mesh: 'default', name: 'web.1' }],
  ])('parses the node id %j as Kuma does', (id, want) => {
    expect(parseProxyId(id)).toEqual(want)
  })
})

describe('nodeToken', () => {
  it.each([
    [{ node: { metadata: { 'dataplane.token': 't1' } } }, 't1'],
    [{ node: { metadata: { dataplane: { token: 't2' } } } }, 't2'],
    [{ node: { metadata: {} } }, undefined],
    [{ node: 'x' }, undefined],
    [null, undefined],
  ])('reads the token of %j', (body, want) => {
    expect(nodeToken(body)).toBe(want)
  })
})

describe('tokenRefusal', () => {
  const dp = {
    spec: {
      networking: {
        inbound: [{ tags: { 'kuma.io/service': 'web', version: 'v1' } }],
      },
    },
  }
  it.each([
    [{ name: 'web-01', mesh: 'default', type: 'dataplane' }, undefined],
    [{ name: '', mesh: 'default' }, undefined],
    [
      { name: 'other', mesh: 'default' },
      'proxy name from requestor: web-01 is different than in token: other',
    ],
    [
      { name: 'web-01', mesh: 'prod' },
      'proxy mesh from requestor: default is different than in token: prod',
    ],
    [
      { mesh: 'default', type: 'ingress' },
      'this is a ingress token; REST xDS serves Dataplanes only',
    ],
    [{ mesh: 'default', tags: { version: ['v1', 'v2'] } }, undefined],
    [
      { mesh: 'default', tags: { team: ['a'] } },
      'dataplane has no tag "team" required by the token',
    ],
    [
      { mesh: 'default', tags: { version: ['v2'] } },
      'dataplane contains tag "version" with value "v1" which is not allowed with this token. Allowed values in token are ["v2"]',
    ],
  ])('judges claims %j as Kuma does', (claims, want) => {
    expect(tokenRefusal(claims, 'default', 'web-01', dp)).toBe(want)
  })
})

describe('selectVersion', () => {
  const snapshot = newSnapshot({
    [TypeUrl.ClusterLoadAssignment]: {
      a: { clusterName: 'a', endpoints: [] },
      b: { clusterName: 'b', endpoints: [] },
    },
    [TypeUrl.Cluster]: { a: { name: 'a' } },
  })

  it('gives a wildcard request the type version of the snapshot', () => {
    const all = selectVersion(snapshot, TypeUrl.ClusterLoadAssignment, [])
    expect(all.version).toBe(snapshot.versions[TypeUrl.ClusterLoadAssignment])
    expect(Object.keys(all.resources)).toEqual(['a', 'b'])
  })

  it('versions named resources by themselves: changing another leaves the version', () => {
    const a = selectVersion(snapshot, TypeUrl.ClusterLoadAssignment, ['a', 'missing'])
    expect(Object.keys(a.resources)).toEqual(['a'])
    const changed = newSnapshot({
      ...snapshot.resources,
      [TypeUrl.ClusterLoadAssignment]: {
        a: { clusterName: 'a', endpoints: [] },
        b: { clusterName: 'b', endpoints: [{}] },
      },
      [TypeUrl.Cluster]: { a: { name: 'a' }, c: { name: 'c' } },
    })
    expect(selectVersion(changed, TypeUrl.ClusterLoadAssignment, ['a']).version).toBe(a.version)
    expect(selectVersion(changed, TypeUrl.ClusterLoadAssignment, ['b']).version).not.toBe(
      selectVersion(snapshot, TypeUrl.ClusterLoadAssignment, ['b']).version,
    )
  })

  it('gives a type with no resources a stable version', () => {
    expect(selectVersion(snapshot, TypeUrl.Listener, []).version).toBe(
      selectVersion(newSnapshot({}), TypeUrl.Listener, []).version,
    )
  })
})

describe('discoveryResponse', () => {
  const c = loadCase(dir, 'mtls-legacy-outbound-all-plugins')
  const snapshot = generateCase(c)

  it.each(Object.entries(REST_XDS_TYPES))(
    'answers /v3/discovery:%s with resources Envoy accepts',
    (_, typeUrl) => {
      const res = discoveryResponse(snapshot, typeUrl, [], { cluster: 'kumo.example.com' })
      expect(res.typeUrl).toBe(typeUrl)
      expect(res.resources.length).toBe(Object.keys(snapshot.resources[typeUrl] ?? {}).length)
      for (const r of res.resources) expect(r['@type']).toBe(typeUrl)
      const judged = checkResource(DISCOVERY_RESPONSE, JSON.parse(JSON.stringify(res)))
      expect(judged.ok ? [] : problems(judged.violations)).toEqual([])
      // no ADS config source is left for an Envoy without an ADS stream
      expect(JSON.stringify(res)).not.toContain('"ads"')
    },
  )

  it('would be caught by the judge if a resource were not Envoy proto JSON', () => {
    const res = discoveryResponse(snapshot, TypeUrl.Cluster, [], { cluster: 'k' })
    const bad = { ...res, resources: [{ ...res.resources[0], connectTimeout: 5 }] }
    expect(checkResource(DISCOVERY_RESPONSE, bad).ok).toBe(false)
  })

  it('serves every type the case generates, with REST config sources to the edge', () => {
    for (const t of [
      TypeUrl.Listener,
      TypeUrl.Cluster,
      TypeUrl.ClusterLoadAssignment,
      TypeUrl.Secret,
    ]) {
      expect(Object.keys(snapshot.resources[t] ?? {}).length, t).toBeGreaterThan(0)
    }
    const res = discoveryResponse(snapshot, TypeUrl.Cluster, [], { cluster: 'kumo.example.com' })
    expect(JSON.stringify(res)).toContain(
      '"apiConfigSource":{"apiType":"REST","transportApiVersion":"V3","clusterNames":["kumo.example.com"],"refreshDelay":"1s","requestTimeout":"30s"}',
    )
  })

  it('keeps the version of the snapshot type and names resources as asked', () => {
    const names = Object.keys(snapshot.resources[TypeUrl.Cluster]).sort()
    const res = discoveryResponse(snapshot, TypeUrl.Cluster, [names[0]], { cluster: 'k' })
    expect(res.resources.map((r) => r.name)).toEqual([names[0]])
    const all = discoveryResponse(snapshot, TypeUrl.Cluster, [], { cluster: 'k' })
    expect(all.versionInfo).toBe(snapshot.versions[TypeUrl.Cluster])
    expect(all.nonce).toBe(all.versionInfo)
  })
})

describe('withRestSources', () => {
  it('replaces ads config sources at any depth and copies the rest', () => {
    const src = { apiType: 'REST' }
    const input = { a: [{ edsConfig: { ads: {}, resourceApiVersion: 'V3' } }], b: 1 }
    expect(withRestSources(input, src)).toEqual({
      a: [{ edsConfig: { apiConfigSource: { apiType: 'REST' }, resourceApiVersion: 'V3' } }],
      b: 1,
    })
    expect(input.a[0].edsConfig).toEqual({ ads: {}, resourceApiVersion: 'V3' })
  })
})

describe('docs/envoy-rest-xds.md', () => {
  it('shows an Envoy bootstrap that Envoy accepts, with REST LDS and CDS through the edge', () => {
    const doc = readFileSync(new URL('../../docs/envoy-rest-xds.md', import.meta.url), 'utf8')
    const block = /```yaml\n(node:[\s\S]*?)```/.exec(doc)?.[1]
    expect(block, 'the bootstrap YAML block').toBeDefined()
    const bootstrap = parse(block!) as Record<string, any>
    const judged = checkResource(
      'type.googleapis.com/envoy.config.bootstrap.v3.Bootstrap',
      bootstrap,
    )
    expect(judged.ok ? [] : problems(judged.violations)).toEqual([])
    const cluster = bootstrap.static_resources.clusters[0].name
    for (const source of [
      bootstrap.dynamic_resources.lds_config,
      bootstrap.dynamic_resources.cds_config,
    ]) {
      expect(source.api_config_source).toMatchObject({ api_type: 'REST', cluster_names: [cluster] })
    }
    expect(nodeToken(bootstrap)).toBeDefined()
  })
})
