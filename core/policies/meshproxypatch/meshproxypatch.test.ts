import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { validateSchema } from '../../schema/validate'
import { kind } from './index'

const schema = kind.specSchema!

function violationsOf(specYAML: string) {
  const v = validateSchema(parse(specYAML), schema, 'spec').violations
  return [...v].sort((a, b) => (a.field + a.message).localeCompare(b.field + b.message))
}

describe('MeshProxyPatch kind', () => {
  it('describes MeshProxyPatch as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshProxyPatch',
      plural: 'meshproxypatches',
      kumactlArg: 'meshproxypatch',
      singularDisplayName: 'Mesh Proxy Patch',
      pluralDisplayName: 'Mesh Proxy Patches',
      shortName: 'mpp',
      scope: 'Mesh',
      isPolicy: true,
      isTargetRefBased: true,
      hasToTargetRef: false,
      hasFromTargetRef: false,
      hasRulesTargetRef: false,
      isFromAsRules: false,
      hasStatus: false,
      includeInFederation: true,
    })
  })
})

describe('MeshProxyPatch schema', () => {
  it.each([
    [
      'cluster modifications with values and JSON patches',
      `
targetRef: { kind: MeshService, name: web-frontend }
default:
  appendModifications:
    - cluster: { operation: Add, value: "name: xyz\\nconnectTimeout: 5s\\ntype: STATIC\\n" }
    - cluster:
        operation: Patch
        jsonPatches:
          - { op: replace, path: /foo/bar, value: baz }
          - { op: replace, path: /foo, value: { bar: baz } }
          - { op: move, path: /a, from: /b }
    - cluster: { operation: Remove, match: { origin: inbound, name: 'inbound:127.0.0.1:8080' } }
`,
    ],
    [
      'listener, filter and virtual host modifications',
      `
default:
  appendModifications:
    - listener: { operation: Remove, match: { origin: inbound, tags: { kuma.io/service: backend } } }
    - networkFilter:
        operation: AddAfter
        match: { name: envoy.filters.network.direct_response, listenerName: 'inbound:127.0.0.0:8080' }
        value: "name: envoy.filters.network.tcp_proxy\\n"
    - httpFilter: { operation: AddFirst, value: "name: envoy.filters.http.router\\n", match: { listenerTags: { a: b } } }
    - virtualHost: { operation: Patch, match: { routeConfigurationName: outbound:backend }, value: "domains: ['*']" }
`,
    ],
    ['an empty default', `default: {}`],
  ])('accepts %s', (_, spec) => {
    expect(violationsOf(spec)).toEqual([])
  })

  it.each([
    [
      'a spec without default',
      `targetRef: { kind: Mesh }`,
      [{ field: 'spec.default', message: 'in body is required' }],
    ],
    [
      'modifications without operation and a virtual host without match',
      `default: { appendModifications: [{ cluster: {} }, { virtualHost: { operation: Remove } }] }`,
      [
        {
          field: 'spec.default.appendModifications[0].cluster.operation',
          message: 'in body is required',
        },
        {
          field: 'spec.default.appendModifications[1].virtualHost.match',
          message: 'in body is required',
        },
      ],
    ],
    [
      'operations not allowed for the resource',
      `
default:
  appendModifications:
    - cluster: { operation: AddFirst }
    - httpFilter: { operation: Add }
`,
      [
        {
          field: 'spec.default.appendModifications[0].cluster.operation',
          message: 'in body should be one of [Add Remove Patch]',
        },
        {
          field: 'spec.default.appendModifications[1].httpFilter.operation',
          message: 'in body should be one of [Remove Patch AddFirst AddBefore AddAfter AddLast]',
        },
      ],
    ],
    [
      'a JSON patch without path and with an unknown op',
      `default: { appendModifications: [{ listener: { operation: Patch, jsonPatches: [{ op: test }] } }] }`,
      [
        {
          field: 'spec.default.appendModifications[0].listener.jsonPatches[0].op',
          message: 'in body should be one of [add remove replace move copy]',
        },
        {
          field: 'spec.default.appendModifications[0].listener.jsonPatches[0].path',
          message: 'in body is required',
        },
      ],
    ],
    [
      'a value that is not a string',
      `default: { appendModifications: [{ cluster: { operation: Add, value: { name: xyz } } }] }`,
      [
        {
          field: 'spec.default.appendModifications[0].cluster.value',
          message: 'in body must be of type string: "object"',
        },
      ],
    ],
  ])('rejects %s', (_, spec, expected) => {
    expect(violationsOf(spec)).toEqual(expected)
  })
})
