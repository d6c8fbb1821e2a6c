import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { Violation } from '../../validators/validation-error'
import { validate } from './validator'

const byField = (vs: Violation[]) =>
  [...vs].sort((a, b) => (a.field + a.message).localeCompare(b.field + b.message))
const violations = (yaml: string, labels: Record<string, string> = {}) =>
  validate(parse(yaml), { name: 'route-1', mesh: 'mesh-1', labels }).violations

// Cases from Kuma's meshhttproute/api/v1alpha1/validation_test.go.
const validCases: [string, string][] = [
  [
    'accepts valid resource',
    `
targetRef:
  kind: MeshService
  name: frontend
to: []
`,
  ],
  [
    'prefix rewrite with prefix match',
    `
targetRef:
  kind: MeshService
  name: frontend
to:
- targetRef:
    kind: MeshService
    name: frontend
  rules:
    - matches:
      - path:
          value: /prefix
          type: PathPrefix
      default:
        filters:
          - type: URLRewrite
            urlRewrite:
              path:
                type: ReplacePrefixMatch
                replacePrefixMatch: /other
          - type: RequestRedirect
            requestRedirect:
              path:
                type: ReplacePrefixMatch
                replacePrefixMatch: /other
`,
  ],
  [
    'MeshGateway to Mesh allowed',
    `
targetRef:
  kind: MeshGateway
  name: edge
to:
- targetRef:
    kind: Mesh
  rules:
    - matches:
      - path:
          value: /
          type: PathPrefix
      default:
        filters:
          - type: URLRewrite
            urlRewrite:
              hostToBackendHostname: true
        backendRefs:
          - kind: MeshService
            name: backend
`,
  ],
  [
    'MeshGateway with hostnames allowed',
    `
targetRef:
  kind: MeshGateway
  name: edge
to:
- targetRef:
    kind: Mesh
  hostnames:
    - exammple.com
  rules:
    - matches:
      - path:
          value: /
          type: PathPrefix
      default:
        backendRefs:
          - kind: MeshService
            name: backend
`,
  ],
  [
    'MeshService and MeshMultiZoneService',
    `
targetRef:
  kind: Mesh
to:
- targetRef:
    kind: MeshService
    labels:
      kuma.io/display-name: backend
  rules:
    - matches:
      - path:
          value: /v1
          type: PathPrefix
      default:
        backendRefs:
          - kind: MeshService
            labels:
              kuma.io/display-name: backend
            port: 8080
    - matches:
      - path:
          value: /v2
          type: PathPrefix
      default:
        backendRefs:
          - kind: MeshMultiZoneService
            labels:
              kuma.io/display-name: backend
            port: 8080
`,
  ],
]

const errorCases: [string, string, Violation[]][] = [
  [
    'spec.targetRef error',
    `
targetRef:
  kind: BlahBlah
  name: frontend
to: []
`,
    [{ field: 'spec.targetRef.kind', message: "value 'BlahBlah' is not supported" }],
  ],
  [
    'spec.to.targetRef error',
    `
targetRef:
  kind: MeshService
  name: frontend
to:
- targetRef:
    kind: BlahBlah
    name: frontend
`,
    [{ field: 'spec.to[0].targetRef.kind', message: "value 'BlahBlah' is not supported" }],
  ],
  [
    'spec.to.targetRef Mesh not allowed',
    `
targetRef:
  kind: MeshService
  name: frontend
to:
- targetRef:
    kind: Mesh
`,
    [{ field: 'spec.to[0].targetRef.kind', message: "value 'Mesh' is not supported" }],
  ],
  [
    'spec.to.targetRef MeshService not allowed with top MeshGateway',
    `
targetRef:
  kind: MeshGateway
  name: edge
to:
- targetRef:
    kind: MeshService
    name: backend
`,
    [{ field: 'spec.to[0].targetRef.kind', message: "value 'MeshService' is not supported" }],
  ],
  [
    'incorrect path match value',
    `
targetRef:
  kind: MeshService
  name: frontend
to:
- targetRef:
    kind: MeshService
    name: frontend
  rules:
    - matches:
      - path:
          value: "relative"
          type: Exact
      - path:
          value: "/trailing/slash/"
          type: PathPrefix
      - path:
          value: "relative"
          type: PathPrefix
`,
    [
      { field: 'spec.to[0].rules[0].matches[0].path.value', message: 'must be an absolute path' },
      {
        field: 'spec.to[0].rules[0].matches[1].path.value',
        message:
          'does not need a trailing slash because only a `/`-separated prefix or an entire path is matched',
      },
      { field: 'spec.to[0].rules[0].matches[2].path.value', message: 'must be an absolute path' },
    ],
  ],
  [
    'repeated match query param names',
    `
targetRef:
  kind: MeshService
  name: frontend
to:
- targetRef:
    kind: MeshService
    name: frontend
  rules:
    - matches:
      - queryParams:
        - type: Exact
          name: foo
          value: bar
        - type: Exact
          name: foo
          value: baz
`,
    [
      {
        field: 'spec.to[0].rules[0].matches[0].queryParams[1].name',
        message: 'multiple entries for name foo',
      },
    ],
  ],
  [
    'empty filter',
    `
targetRef:
  kind: MeshService
  name: frontend
to:
- targetRef:
    kind: MeshService
    name: frontend
  rules:
    - default:
        filters:
          - type: RequestHeaderModifier
          - type: ResponseHeaderModifier
          - type: RequestRedirect
          - type: RequestMirror
          - type: URLRewrite
`,
    [
      {
        field: 'spec.to[0].rules[0].default.filters[0].requestHeaderModifier',
        message: 'must be defined',
      },
      {
        field: 'spec.to[0].rules[0].default.filters[1].responseHeaderModifier',
        message: 'must be defined',
      },
      {
        field: 'spec.to[0].rules[0].default.filters[2].requestRedirect',
        message: 'must be defined',
      },
      { field: 'spec.to[0].rules[0].default.filters[3].requestMirror', message: 'must be defined' },
      { field: 'spec.to[0].rules[0].default.filters[4].urlRewrite', message: 'must be defined' },
    ],
  ],
  [
    'invalid HeaderModifier filter',
    `
targetRef:
  kind: MeshService
  name: frontend
to:
- targetRef:
    kind: MeshService
    name: frontend
  rules:
    - default:
        filters:
          - type: RequestHeaderModifier
            requestHeaderModifier:
              set:
                - name: foo
                  value: bar
                - name: foo
                  value: bazz
          - type: ResponseHeaderModifier
            responseHeaderModifier: {}
          - type: ResponseHeaderModifier
            responseHeaderModifier: 
              set:
                - name: foo
                  value: bar
              add:
                - name: foo
                  value: bar
              remove:
                - foo
`,
    [
      {
        field: 'spec.to[0].rules[0].default.filters[0].requestHeaderModifier.set[1].name',
        message: 'duplicate header name',
      },
      {
        field: 'spec.to[0].rules[0].default.filters[1].responseHeaderModifier',
        message: 'must have at least one defined: set, add, remove',
      },
      {
        field: 'spec.to[0].rules[0].default.filters[2].responseHeaderModifier.add[0].name',
        message: 'duplicate header name',
      },
      {
        field: 'spec.to[0].rules[0].default.filters[2].responseHeaderModifier.remove[0].name',
        message: 'duplicate header name',
      },
    ],
  ],
  [
    'prefix rewrite without prefix match',
    `
targetRef:
  kind: MeshService
  name: frontend
to:
- targetRef:
    kind: MeshService
    name: frontend
  rules:
    - matches:
      - path:
          value: /prefix
          type: Exact
      default:
        filters:
          - type: URLRewrite
            urlRewrite:
              path:
                type: ReplacePrefixMatch
                replacePrefixMatch: /other
          - type: RequestRedirect
            requestRedirect:
              path:
                type: ReplacePrefixMatch
                replacePrefixMatch: /other
`,
    [
      {
        field: 'spec.to[0].rules[0].default.filters[0].urlRewrite.path.replacePrefixMatch',
        message: 'can only appear if all matches match a path prefix',
      },
      {
        field: 'spec.to[0].rules[0].default.filters[1].requestRedirect.path.replacePrefixMatch',
        message: 'can only appear if all matches match a path prefix',
      },
    ],
  ],
  [
    'non-empty value for header present/absent match',
    `
targetRef:
  kind: MeshService
  name: frontend
to:
- targetRef:
    kind: MeshService
    name: frontend
  rules:
    - matches:
      - headers:
        - type: Present
          name: foo
          value: x
        - type: Absent
          name: foo
          value: x
`,
    [
      { field: 'spec.to[0].rules[0].matches[0].headers[0].value', message: 'must not be defined' },
      { field: 'spec.to[0].rules[0].matches[0].headers[1].value', message: 'must not be defined' },
    ],
  ],
  [
    'invalid backendRefs',
    `
targetRef:
  kind: MeshService
  name: frontend
to:
- targetRef:
    kind: MeshService
    name: frontend
  rules:
    - matches:
      - path:
          type: PathPrefix
          value: /
      default:
        backendRefs:
          - kind: MeshServiceSubset
            tags:
              version: v1
`,
    [
      {
        field: 'spec.to[0].rules[0].default.backendRefs[0].name',
        message: 'must be set when kind is MeshServiceSubset',
      },
    ],
  ],
  [
    'missing port in backendRefs',
    `
targetRef:
  kind: MeshService
  name: frontend
to:
- targetRef:
    kind: MeshService
    name: frontend
  rules:
    - matches:
      - path:
          type: PathPrefix
          value: /
      default:
        backendRefs:
          - kind: MeshMultiZoneService
            name: test-server
`,
    [
      {
        field: 'spec.to[0].rules[0].default.backendRefs[0].port',
        message: 'must be defined with kind MeshMultiZoneService',
      },
    ],
  ],
  [
    'hostnames and hostname to backend rewrite not allowed with services',
    `
targetRef:
  kind: MeshService
  name: frontend
to:
- targetRef:
    kind: MeshService
    name: backend
  hostnames:
    - backend.com
  rules:
    - matches:
      - path:
          type: PathPrefix
          value: /
      default:
        filters:
          - type: URLRewrite
            urlRewrite:
              hostToBackendHostname: true
        backendRefs:
          - kind: MeshService
            name: backend
`,
    [
      { field: 'spec.to[0].hostnames', message: 'must not be defined' },
      {
        field: 'spec.to[0].rules[0].default.filters[0].urlRewrite.hostToBackendHostname',
        message: 'can only be set with MeshGateway',
      },
    ],
  ],
  [
    'top level MeshGateway requires backendRefs',
    `
targetRef:
  kind: MeshGateway
  name: edge
to:
- targetRef:
    kind: Mesh
  rules:
    - matches:
      - path:
          type: PathPrefix
          value: /
      default:
        filters:
          - type: URLRewrite
            urlRewrite:
              path:
                type: ReplacePrefixMatch
                replacePrefixMatch: /other
`,
    [{ field: 'spec.to[0].rules[0].default.backendRefs', message: 'must not be empty' }],
  ],
  [
    'invalid backendRef in requestMirror',
    `
targetRef:
  kind: MeshService
  name: frontend
to:
- targetRef:
    kind: MeshService
    name: frontend
  rules:
    - matches:
      - path:
          type: PathPrefix
          value: /
      default:
        filters:
          - type: RequestMirror
            requestMirror:
              backendRef:
                kind: MeshServiceSubset
                tags:
                  version: v1
`,
    [
      {
        field: 'spec.to[0].rules[0].default.filters[0].requestMirror.backendRef.name',
        message: 'must be set when kind is MeshServiceSubset',
      },
    ],
  ],
  [
    'invalid hostnames',
    `
targetRef:
  kind: MeshService
  name: frontend
to:
- targetRef:
    kind: MeshService
    name: frontend
  rules:
    - matches:
      - path:
          type: PathPrefix
          value: /
      default:
        filters:
          - type: RequestRedirect
            requestRedirect:
              hostname: 127.0.0.1
          - type: RequestRedirect
            requestRedirect:
              hostname: 2001:db8:3333:4444:5555:6666:7777:8888
          - type: RequestRedirect
            requestRedirect:
              hostname: a..bc
          - type: RequestRedirect
            requestRedirect:
              hostname: ec2-35-160-210-253.us-west-2-.compute.amazonaws.com
          - type: RequestRedirect
            requestRedirect:
              hostname: -ec2_35$160%210-253.us-west-2-.compute.amazonaws.com
          - type: RequestRedirect
            requestRedirect:
              hostname: ec2-35-160-210-253.us-west-2-.compute.amazonaws.com.
          - type: RequestRedirect
            requestRedirect:
              hostname: a23456789-a23456789-a234567890.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.com
          - type: RequestRedirect
            requestRedirect:
              hostname: mx.foo.com.
          - type: RequestRedirect
            requestRedirect:
              hostname: a23456789-a23456789-a234567890.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a2345678.com.
          - type: URLRewrite
            urlRewrite:
              hostname: 127.0.0.1
          - type: URLRewrite
            urlRewrite:
              hostname: 2001:db8:3333:4444:5555:6666:7777:8888
          - type: URLRewrite
            urlRewrite:
              hostname: a..bc
          - type: URLRewrite
            urlRewrite:
              hostname: ec2-35-160-210-253.us-west-2-.compute.amazonaws.com
          - type: URLRewrite
            urlRewrite:
              hostname: -ec2_35$160%210-253.us-west-2-.compute.amazonaws.com
          - type: URLRewrite
            urlRewrite:
              hostname: ec2-35-160-210-253.us-west-2-.compute.amazonaws.com.
          - type: URLRewrite
            urlRewrite:
              hostname: a23456789-a23456789-a234567890.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.com
          - type: URLRewrite
            urlRewrite:
              hostname: mx.foo.com.
          - type: URLRewrite
            urlRewrite:
              hostname: a23456789-a23456789-a234567890.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a2345678.com.
`,
    [
      {
        field: 'spec.to[0].rules[0].default.filters[0].requestRedirect.hostname',
        message: 'cannot be an IP address',
      },
      {
        field: 'spec.to[0].rules[0].default.filters[1].requestRedirect.hostname',
        message: 'cannot be an IP address',
      },
      {
        field: 'spec.to[0].rules[0].default.filters[2].requestRedirect.hostname',
        message:
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      },
      {
        field: 'spec.to[0].rules[0].default.filters[3].requestRedirect.hostname',
        message:
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      },
      {
        field: 'spec.to[0].rules[0].default.filters[4].requestRedirect.hostname',
        message:
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      },
      {
        field: 'spec.to[0].rules[0].default.filters[5].requestRedirect.hostname',
        message:
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      },
      {
        field: 'spec.to[0].rules[0].default.filters[6].requestRedirect.hostname',
        message: 'must be no more than 253 characters',
      },
      {
        field: 'spec.to[0].rules[0].default.filters[7].requestRedirect.hostname',
        message:
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      },
      {
        field: 'spec.to[0].rules[0].default.filters[8].requestRedirect.hostname',
        message: 'must be no more than 253 characters',
      },
      {
        field: 'spec.to[0].rules[0].default.filters[8].requestRedirect.hostname',
        message:
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      },
      {
        field: 'spec.to[0].rules[0].default.filters[9].urlRewrite.hostname',
        message: 'cannot be an IP address',
      },
      {
        field: 'spec.to[0].rules[0].default.filters[10].urlRewrite.hostname',
        message: 'cannot be an IP address',
      },
      {
        field: 'spec.to[0].rules[0].default.filters[11].urlRewrite.hostname',
        message:
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      },
      {
        field: 'spec.to[0].rules[0].default.filters[12].urlRewrite.hostname',
        message:
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      },
      {
        field: 'spec.to[0].rules[0].default.filters[13].urlRewrite.hostname',
        message:
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      },
      {
        field: 'spec.to[0].rules[0].default.filters[14].urlRewrite.hostname',
        message:
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      },
      {
        field: 'spec.to[0].rules[0].default.filters[15].urlRewrite.hostname',
        message: 'must be no more than 253 characters',
      },
      {
        field: 'spec.to[0].rules[0].default.filters[16].urlRewrite.hostname',
        message:
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      },
      {
        field: 'spec.to[0].rules[0].default.filters[17].urlRewrite.hostname',
        message: 'must be no more than 253 characters',
      },
      {
        field: 'spec.to[0].rules[0].default.filters[17].urlRewrite.hostname',
        message:
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      },
    ],
  ],
]

describe('MeshHTTPRoute validator', () => {
  it.each(validCases)('accepts %s', (_, yaml) => {
    expect(violations(yaml)).toEqual([])
  })

  it.each(errorCases)('reports %s', (_, yaml, expected) => {
    expect(byField(violations(yaml))).toEqual(byField(expected))
  })

  it.each<[string, string, Violation[]]>([
    [
      'a Mesh targetRef with a name',
      `targetRef: { kind: Mesh, name: default }`,
      [{ field: 'spec.targetRef.name', message: 'using name with kind Mesh is not yet supported' }],
    ],
    [
      'a MeshService targetRef without name or labels',
      `targetRef: { kind: MeshService }`,
      [{ field: 'spec.targetRef', message: 'name or labels must be set when kind is MeshService' }],
    ],
    [
      'a MeshSubset targetRef with a name and a bad tag value',
      `targetRef: { kind: MeshSubset, name: x, tags: { version: "v 1" } }`,
      [
        { field: 'spec.targetRef.name', message: 'must not be set with kind MeshSubset' },
        {
          field: 'spec.targetRef.tags["version"]',
          message:
            'tag value must consist of alphanumeric characters, dots, dashes and underscores',
        },
      ],
    ],
    [
      'a MeshService targetRef with an upper-case name and proxyTypes',
      `targetRef: { kind: MeshService, name: Backend, proxyTypes: [Sidecar] }`,
      [
        {
          field: 'spec.targetRef.name',
          message:
            "invalid characters: must consist of lower case alphanumeric characters, '-', '.' and '_'.",
        },
        { field: 'spec.targetRef.proxyTypes', message: 'must not be set with kind MeshService' },
      ],
    ],
  ])('reports %s', (_, yaml, expected) => {
    expect(violations(yaml)).toEqual(expected)
  })

  it('rejects a top-level MeshGateway for a consumer route but not for a system one', () => {
    const yaml = `targetRef: { kind: MeshGateway, name: edge }`
    expect(violations(yaml)).toEqual([])
    expect(violations(yaml, { 'kuma.io/policy-role': 'consumer' })).toEqual([
      { field: 'spec.targetRef.kind', message: "value 'MeshGateway' is not supported" },
    ])
  })
})
