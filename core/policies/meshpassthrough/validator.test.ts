import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { kind } from './index'
import { validateMeshPassthrough } from './validator'

const ctx = { name: 'mp-1', mesh: 'default', labels: {} }

describe('MeshPassthrough validator', () => {
  it('is wired as the kind validator', () => {
    expect(kind.validate).toBe(validateMeshPassthrough)
  })

  it("accepts Kuma's valid example", () => {
    expect(
      validateMeshPassthrough(
        parse(`targetRef:
  kind: Mesh
default:
  appendMatch:
  - type: IP
    value: 192.168.1.1
    port: 8000
    protocol: tcp
  - type: Domain
    value: example.com
    protocol: tls
  - type: CIDR
    value: 1.2.3.4/24
    port: 9900
    protocol: tcp
  - type: Domain
    value: example.com
    port: 9999
    protocol: http
  - type: Domain
    value: '*.example.com'
    port: 9090
    protocol: http
  - type: IP
    value: 172.1.1.1
    port: 3306
    protocol: mysql
`),
        ctx,
      ).violations,
    ).toEqual([])
  })

  it("reports every violation of Kuma's full failing example", () => {
    expect(
      validateMeshPassthrough(
        parse(`targetRef:
  kind: Mesh
default:
  appendMatch:
  - type: test
    value: 1.2.3.4
    port: 0
    protocol: 1
  - type: Domain
    value: 1.2.3.4
    port: 1
    protocol: tcp
  - type: IP
    value: example.com
    port: 1
    protocol: tls
  - type: Domain
    value: example.com
    port: 999
    protocol: tcp
  - type: CIDR
    value: 1.2.3.4
    port: 999
    protocol: tcp
  - type: Domain
    value: example.com
    port: 8080
    protocol: http
  - type: Domain
    value: example.com
    port: 8080
    protocol: http2
  - type: Domain
    value: "*w.example.com"
    port: 9090
    protocol: http2
  - type: Domain
    value: google.com
    port: 10000
    protocol: http
  - type: Domain
    value: google.com
    port: 10000
    protocol: http
  - type: Domain
    value: "*.example.com"
    protocol: http
  - type: Domain
    value: mysql.server.com
    port: 3306
    protocol: mysql
  - type: IP
    value: 172.1.1.1
    protocol: mysql
  - type: Domain
    value: "*.hello@world"
    port: 443
    protocol: tls
`),
        ctx,
      ).violations,
    ).toEqual([
      { field: 'spec.default.appendMatch[0].port', message: 'port must be a valid (1-65535)' },
      {
        field: 'spec.default.appendMatch[0].protocol',
        message: '"protocol" must be one of ["tcp", "tls", "grpc", "http", "http2", "mysql"]',
      },
      {
        field: 'spec.default.appendMatch[0].type',
        message: 'provided type test is not supported, one of Domain, IP, or CIDR is supported',
      },
      {
        field: 'spec.default.appendMatch[1].protocol',
        message: 'protocol tcp is not supported for a domain',
      },
      { field: 'spec.default.appendMatch[1].value', message: 'provided DNS has incorrect value' },
      { field: 'spec.default.appendMatch[2].value', message: 'provided IP has incorrect value' },
      {
        field: 'spec.default.appendMatch[3].protocol',
        message: 'protocol tcp is not supported for a domain',
      },
      { field: 'spec.default.appendMatch[4].value', message: 'provided CIDR has incorrect value' },
      {
        field: 'spec.default.appendMatch[6].port',
        message:
          'using the same port in multiple matches requires the same protocol for the following protocols: [grpc http http2]',
      },
      {
        field: 'spec.default.appendMatch[7].value',
        message: 'provided DNS has incorrect value, partial wildcard is currently not supported',
      },
      {
        field: 'spec.default.appendMatch[9].value',
        message: 'value google.com is already defiend for this port and protocol',
      },
      {
        field: 'spec.default.appendMatch[10].port',
        message: "wildcard domains doesn't work for all ports and layer 7 protocol",
      },
      {
        field: 'spec.default.appendMatch[11].protocol',
        message: 'protocol mysql is not supported for a domain',
      },
      {
        field: 'spec.default.appendMatch[12].port',
        message: 'port must be defined for Mysql protocol',
      },
      { field: 'spec.default.appendMatch[13].value', message: 'provided DNS has incorrect value' },
    ])
  })

  it.each([
    [
      'a MeshService targetRef',
      `targetRef: { kind: MeshService, name: a }`,
      [{ field: 'spec.targetRef.kind', message: "value 'MeshService' is not supported" }],
    ],
    [
      'an IPv6 match and CIDR',
      `default: { appendMatch: [{ type: IP, value: '::1', protocol: tcp }, { type: CIDR, value: 'fd00::/8', protocol: tcp }] }`,
      [],
    ],
    [
      'an IP with a leading zero',
      `default: { appendMatch: [{ type: IP, value: 10.0.0.01, protocol: tcp }] }`,
      [{ field: 'spec.default.appendMatch[0].value', message: 'provided IP has incorrect value' }],
    ],
  ])('checks %s', (_, specYAML, expected) => {
    expect(validateMeshPassthrough(parse(specYAML), ctx).violations).toEqual(expected)
  })
})
