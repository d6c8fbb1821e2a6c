/** @module MeshIdentity: Kuma's validator golden cases and the SPIFFE ID `_layout` prints. */
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { kind } from './index'
import { bestMatched, proxySpiffeId, spiffeIdProblem } from './spiffe'

const ctx = { name: 'test', mesh: 'default', labels: {} }
const violations = (yaml: string) => kind.validate!(parse(yaml), ctx).violations

describe('MeshIdentity validator (Kuma testdata/spec)', () => {
  it.each([
    [
      'full-valid-bundled',
      `selector: {dataplane: {matchLabels: {app: test}}}
spiffeID: {trustDomain: "{{ .Mesh }}.{{ .Zone }}.mesh.local", path: "/ns/{{ .Namespace }}/sa/{{ .ServiceAccount }}"}
provider:
  type: Bundled
  bundled:
    meshTrustCreation: Disabled
    insecureAllowSelfSigned: true
    certificateParameters: {expiry: 24h}
    autogenerate: {enabled: false}
    ca:
      certificate: {type: InsecureInline, insecureInline: {value: "123"}}
      privateKey: {type: File, file: {path: /tmp/key}}`,
    ],
    ['full-valid-spire', 'provider: {type: Spire, spire: {agent: {timeout: 1s}}}'],
    ['valid-extension', 'provider: {type: Extension, extension: {name: my-custom-provider}}'],
    [
      'minimal-valid-bundled',
      'provider: {type: Bundled, bundled: {autogenerate: {enabled: true}}}',
    ],
  ])('accepts %s', (_, yaml) => {
    expect(violations(yaml)).toEqual([])
  })

  it('reports every violation of invalid-source', () => {
    expect(
      violations(`spiffeID:
  trustDomain: "{{ .Mesh|1 }}.{ .Zone|2 }.mesh.local"
  path: "/ns/.Namespace/sa/{ .ServiceAccount|2 }"
provider:
  type: Bundled
  bundled:
    meshTrustCreation: Test
    autogenerate: {enabled: false}
    ca:
      certificate: {type: File, file: null}
      privateKey: {type: EnvVar}`),
    ).toEqual([
      {
        field: 'spec.spiffeID.trustDomain',
        message:
          "couldn't parse template: template: :1: non executable command in pipeline stage 2",
      },
      {
        field: 'spec.provider.bundled.meshTrustCreation',
        message: '"Test" must be one of ["Enabled", "Disabled"]',
      },
      { field: 'spec.provider.bundled.ca.certificate.file', message: 'must be defined' },
      { field: 'spec.provider.bundled.ca.privateKey.envVar', message: 'must be defined' },
    ])
  })

  it('reports an undefined template function and an unnamed extension', () => {
    expect(violations('spiffeID: {path: "/ns/{{ .Namespace|invalid }}"}')).toEqual([
      {
        field: 'spec.spiffeID.path',
        message: `couldn't parse template: template: :1: function "invalid" not defined`,
      },
    ])
    expect(violations('provider: {type: Extension, extension: {name: ""}}')).toEqual([
      { field: 'spec.provider.extension.name', message: 'extension name needs to be defined' },
    ])
  })
})

const identity = (name: string, matchLabels: Record<string, string>, ready = true, spec = {}) => ({
  name,
  mesh: 'default',
  labels: { 'kuma.io/zone': 'test-zone' },
  spec: { selector: { dataplane: { matchLabels } }, ...spec },
  status: {
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', reason: 'R', message: '' }],
  },
})

describe('MeshIdentity SPIFFE IDs', () => {
  const proxy = {
    mesh: 'default',
    labels: { 'kuma.io/zone': 'test-zone', 'kuma.io/workload': 'my-app' },
  }

  it('picks the identity with most matching labels, then the smallest name', () => {
    const ids = [
      identity('b', {}),
      identity('a', {}),
      identity('c', { 'kuma.io/zone': 'test-zone' }),
    ]
    expect(bestMatched(proxy.labels, ids)?.name).toBe('c')
    expect(bestMatched(proxy.labels, ids.slice(0, 2))?.name).toBe('a')
  })

  it('renders the default Universal SPIFFE ID of an initialized identity', () => {
    expect(proxySpiffeId(proxy, [identity('i', { 'kuma.io/zone': 'test-zone' })], 'zone-x')).toBe(
      'spiffe://default.test-zone.mesh.local/workload/my-app',
    )
  })

  it('gives none when the identity is not ready or the ID does not parse', () => {
    expect(proxySpiffeId(proxy, [identity('i', {}, false)], 'z')).toBeUndefined()
    const noWorkload = { mesh: 'default', labels: {} }
    expect(proxySpiffeId(noWorkload, [identity('i', {})], 'z')).toBeUndefined()
  })

  it('renders custom templates with the label function', () => {
    const custom = identity('i', {}, true, {
      spiffeID: { trustDomain: 'td.{{ label "kuma.io/zone" }}', path: '/app/{{ .Workload }}' },
    })
    expect(proxySpiffeId(proxy, [custom], 'z')).toBe('spiffe://td.test-zone/app/my-app')
  })

  it.each([
    ['spiffe://td/a/b', undefined],
    ['spiffe://td', undefined],
    ['spiffe://td/a/', 'path cannot contain empty segments'],
    ['http://td/a', 'scheme is missing or invalid'],
    ['spiffe://TD/a', expect.stringContaining('trust domain characters')],
  ])('checks %s as go-spiffe does', (id, problem) => {
    expect(spiffeIdProblem(id)).toEqual(problem)
  })
})
