import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { applyDefaults, validateSchema } from '../../schema/validate'
import { kind } from './index'
import { HEADER_NAME_PATTERN, specSchema } from './schema'
import { validate } from './validator'

function schemaViolations(yaml: string) {
  return validateSchema(parse(yaml), specSchema, 'spec').violations
}

const route = (rule: string) => `
targetRef: { kind: Mesh }
to:
  - targetRef: { kind: MeshService, name: backend }
    rules:
      - ${rule}
`

describe('MeshHTTPRoute kind', () => {
  it('describes MeshHTTPRoute as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshHTTPRoute',
      plural: 'meshhttproutes',
      kumactlArg: 'meshhttproute',
      singularDisplayName: 'Mesh HTTP Route',
      shortName: 'mhttpr',
      scope: 'Mesh',
      isPolicy: true,
      hasToTargetRef: true,
      hasFromTargetRef: false,
      hasRulesTargetRef: false,
      includeInFederation: true,
      providedByZone: true,
      isProxy: false,
    })
    expect(kind.specSchema).toBe(specSchema)
    expect(kind.validate).toBe(validate)
  })
})

describe('MeshHTTPRoute spec schema', () => {
  it.each([
    ['an empty to[]', `targetRef: { kind: MeshService, name: frontend }\nto: []`],
    [
      'rewrites and redirects with a prefix match',
      route(`matches: [{ path: { value: /prefix, type: PathPrefix } }]
        default:
          filters:
            - type: URLRewrite
              urlRewrite: { path: { type: ReplacePrefixMatch, replacePrefixMatch: /other } }
            - type: RequestRedirect
              requestRedirect:
                scheme: https
                hostname: example.com
                port: 8443
                statusCode: 301
                path: { type: ReplaceFullPath, replaceFullPath: /x }`),
    ],
    [
      'every kind of match, header modifiers, a mirror and weighted backends',
      route(`matches:
          - method: GET
            headers: [{ name: x-version, value: v2 }, { name: x-debug, type: Present }]
            queryParams: [{ type: RegularExpression, name: q, value: '.*' }]
        default:
          filters:
            - type: RequestHeaderModifier
              requestHeaderModifier:
                set: [{ name: x-a, value: b }]
                add: [{ name: x-c, value: d }]
                remove: [x-e]
            - type: RequestMirror
              requestMirror: { percentage: '12.5', backendRef: { kind: MeshService, name: mirror } }
          backendRefs:
            - { kind: MeshService, name: backend, port: 8080, weight: 90 }
            - { kind: MeshServiceSubset, name: backend, tags: { version: v2 }, weight: 10 }`),
    ],
  ])('accepts %s', (_, yaml) => {
    expect(schemaViolations(yaml)).toEqual([])
  })

  it.each([
    [
      'a to[] entry without rules',
      `to: [{ targetRef: { kind: MeshService, name: a } }]`,
      { field: 'spec.to[0].rules', message: 'in body is required' },
    ],
    [
      'a rule without matches',
      route(`default: {}`),
      { field: 'spec.to[0].rules[0].matches', message: 'in body is required' },
    ],
    [
      'a rule with an empty matches list',
      route(`{ matches: [], default: {} }`),
      { field: 'spec.to[0].rules[0].matches', message: 'in body should have at least 1 items' },
    ],
    [
      'a rule without default',
      route(`matches: [{ method: GET }]`),
      { field: 'spec.to[0].rules[0].default', message: 'in body is required' },
    ],
    [
      'an unknown method',
      route(`{ matches: [{ method: FETCH }], default: {} }`),
      {
        field: 'spec.to[0].rules[0].matches[0].method',
        message: 'in body should be one of [CONNECT DELETE GET HEAD OPTIONS PATCH POST PUT TRACE]',
      },
    ],
    [
      'a path match with an empty value',
      route(`{ matches: [{ path: { type: Exact, value: '' } }], default: {} }`),
      {
        field: 'spec.to[0].rules[0].matches[0].path.value',
        message: 'in body should be at least 1 chars long',
      },
    ],
    [
      'a path match of unknown type',
      route(`{ matches: [{ path: { type: Prefix, value: /a } }], default: {} }`),
      {
        field: 'spec.to[0].rules[0].matches[0].path.type',
        message: 'in body should be one of [Exact PathPrefix RegularExpression]',
      },
    ],
    [
      'a header match name with upper case',
      route(`{ matches: [{ headers: [{ name: X-Version }] }], default: {} }`),
      {
        field: 'spec.to[0].rules[0].matches[0].headers[0].name',
        message: `in body should match '${HEADER_NAME_PATTERN}'`,
      },
    ],
    [
      'a query param match without value',
      route(`{ matches: [{ queryParams: [{ type: Exact, name: q }] }], default: {} }`),
      {
        field: 'spec.to[0].rules[0].matches[0].queryParams[0].value',
        message: 'in body is required',
      },
    ],
    [
      'a filter without type',
      route(
        `{ matches: [{ method: GET }], default: { filters: [{ requestHeaderModifier: {} }] } }`,
      ),
      { field: 'spec.to[0].rules[0].default.filters[0].type', message: 'in body is required' },
    ],
    [
      'a filter of unknown type',
      route(`{ matches: [{ method: GET }], default: { filters: [{ type: Rewrite }] } }`),
      {
        field: 'spec.to[0].rules[0].default.filters[0].type',
        message:
          'in body should be one of [RequestHeaderModifier ResponseHeaderModifier RequestRedirect URLRewrite RequestMirror]',
      },
    ],
    [
      'a redirect status code outside the enum',
      route(
        `{ matches: [{ method: GET }], default: { filters: [{ type: RequestRedirect, requestRedirect: { statusCode: 304 } }] } }`,
      ),
      {
        field: 'spec.to[0].rules[0].default.filters[0].requestRedirect.statusCode',
        message: 'in body should be one of [301 302 303 307 308]',
      },
    ],
    [
      'a redirect port above 65535',
      route(
        `{ matches: [{ method: GET }], default: { filters: [{ type: RequestRedirect, requestRedirect: { port: 70000 } }] } }`,
      ),
      {
        field: 'spec.to[0].rules[0].default.filters[0].requestRedirect.port',
        message: 'in body should be less than or equal to 65535',
      },
    ],
    [
      'a rewrite hostname that is not a precise hostname',
      route(
        `{ matches: [{ method: GET }], default: { filters: [{ type: URLRewrite, urlRewrite: { hostname: Example.COM } }] } }`,
      ),
      {
        field: 'spec.to[0].rules[0].default.filters[0].urlRewrite.hostname',
        message:
          "in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'",
      },
    ],
    [
      'a rewrite path without type',
      route(
        `{ matches: [{ method: GET }], default: { filters: [{ type: URLRewrite, urlRewrite: { path: { replaceFullPath: /a } } }] } }`,
      ),
      {
        field: 'spec.to[0].rules[0].default.filters[0].urlRewrite.path.type',
        message: 'in body is required',
      },
    ],
    [
      'a mirror without backendRef',
      route(
        `{ matches: [{ method: GET }], default: { filters: [{ type: RequestMirror, requestMirror: { percentage: 5 } }] } }`,
      ),
      {
        field: 'spec.to[0].rules[0].default.filters[0].requestMirror.backendRef',
        message: 'in body is required',
      },
    ],
    [
      'a backendRef with a negative weight',
      route(
        `{ matches: [{ method: GET }], default: { backendRefs: [{ kind: MeshService, name: a, weight: -1 }] } }`,
      ),
      {
        field: 'spec.to[0].rules[0].default.backendRefs[0].weight',
        message: 'in body should be greater than or equal to 0',
      },
    ],
    [
      'a backendRef without kind',
      route(`{ matches: [{ method: GET }], default: { backendRefs: [{ name: a }] } }`),
      { field: 'spec.to[0].rules[0].default.backendRefs[0].kind', message: 'in body is required' },
    ],
  ])('reports %s', (_, yaml, violation) => {
    expect(schemaViolations(yaml)).toEqual([violation])
  })

  it('defaults backendRef weights to 1, header match types to Exact and redirects to 302', () => {
    const spec = parse(
      route(`matches: [{ headers: [{ name: x-a, value: b }] }]
        default:
          filters: [{ type: RequestRedirect, requestRedirect: { scheme: https } }]
          backendRefs: [{ kind: MeshService, name: a }]`),
    )
    applyDefaults(spec, specSchema)
    const rule = spec.to[0].rules[0]
    expect(rule.matches[0].headers[0].type).toBe('Exact')
    expect(rule.default.filters[0].requestRedirect.statusCode).toBe(302)
    expect(rule.default.backendRefs[0].weight).toBe(1)
  })
})
