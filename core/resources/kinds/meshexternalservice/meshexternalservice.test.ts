import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { applyDefaults, validateSchema } from '../../../schema/validate'
import type { ValidateContext } from '../../kind'
import { kind } from './index'
import { specSchema, statusSchema } from './schema'

const conformance = new URL(
  '../../../../../shared/conformance/kuma-v2.14.3/api-server/crud/',
  import.meta.url,
)
const readJSON = (name: string) => JSON.parse(readFileSync(new URL(name, conformance), 'utf8'))

const zoneLabels = {
  'kuma.io/env': 'universal',
  'kuma.io/mesh': 'default',
  'kuma.io/origin': 'zone',
  'kuma.io/zone': 'default',
}
const ctx = (name = 'external-service'): ValidateContext => ({
  name,
  mesh: 'default',
  labels: zoneLabels,
})
const violations = (yaml: string, name?: string) =>
  kind.validate!(parse(yaml), ctx(name)).violations

describe('MeshExternalService kind', () => {
  it('describes MeshExternalService as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshExternalService',
      plural: 'meshexternalservices',
      kumactlArg: 'meshexternalservice',
      singularDisplayName: 'Mesh External Service',
      pluralDisplayName: 'Mesh External Services',
      shortName: 'extsvc',
      scope: 'Mesh',
      hasStatus: true,
      includeInFederation: true,
      providedByZone: true,
    })
  })
})

const fullValid = `
match: { type: HostnameGenerator, port: 8080, protocol: http }
endpoints:
  - { address: 1.1.1.1, port: 12345 }
  - { address: example.com, port: 80 }
tls:
  version: { min: TLS12, max: TLS13 }
  allowRenegotiation: false
  verification:
    serverName: example.com
    subjectAltNames:
      - { type: Exact, value: example.com }
      - { type: Prefix, value: "spiffe://example.local/ns/local" }
    caCert: { inline: dGVzdA== }
    clientCert: { secret: "123" }
    clientKey: { secret: "123" }
`

describe('MeshExternalService spec schema', () => {
  it('accepts a full spec', () => {
    expect(validateSchema(parse(fullValid), specSchema, 'spec').violations).toEqual([])
  })

  it.each([
    ['a missing match', '{}', 'spec.match', 'in body is required'],
    ['a missing match port', '{ match: {} }', 'spec.match.port', 'in body is required'],
    [
      'a match port above 65535',
      '{ match: { port: 70000 } }',
      'spec.match.port',
      'in body should be less than or equal to 65535',
    ],
    [
      'a bad protocol',
      '{ match: { port: 80, protocol: udp } }',
      'spec.match.protocol',
      'in body should be one of [tcp grpc http http2]',
    ],
    [
      'an empty endpoint address',
      '{ match: { port: 80 }, endpoints: [{ address: "", port: 80 }] }',
      'spec.endpoints[0].address',
      'in body should be at least 1 chars long',
    ],
    [
      'a priority above 128',
      '{ match: { port: 80 }, endpoints: [{ address: a, port: 80, priority: 129 }] }',
      'spec.endpoints[0].priority',
      'in body should be less than or equal to 128',
    ],
    [
      'a bad verification mode',
      '{ match: { port: 80 }, tls: { verification: { mode: X } } }',
      'spec.tls.verification.mode',
      'in body should be one of [SkipSAN SkipCA Secured SkipAll]',
    ],
  ])('reports %s', (_, yaml, field, message) => {
    expect(validateSchema(parse(yaml), specSchema, 'spec').violations).toContainEqual({
      field,
      message,
    })
  })

  it('leaves the golden PUT request unchanged by defaults', () => {
    const spec = readJSON('put_meshexternalservice_00.request.json').spec
    applyDefaults(spec, specSchema)
    expect(spec).toEqual(readJSON('put_meshexternalservice_01.golden.json').spec)
  })

  it('defaults match type and protocol', () => {
    const spec = { match: { port: 80 } }
    applyDefaults(spec, specSchema)
    expect(spec).toEqual({ match: { port: 80, type: 'HostnameGenerator', protocol: 'tcp' } })
  })
})

describe('MeshExternalService validator', () => {
  it.each([
    [
      'a minimal spec',
      'match: { port: 80, protocol: http }\nendpoints: [{ address: 1.1.1.1, port: 12345 }]',
    ],
    ['a full spec without extension', fullValid],
    [
      'endpoints with priorities',
      'match: { port: 8080, protocol: http }\nendpoints: [{ address: 1.1.1.1, port: 443, priority: 0 }, { address: 2.2.2.2, port: 443, priority: 2 }]',
    ],
    [
      'an extension without endpoints',
      'match: { port: 80, protocol: http }\nextension: { type: custom, config: { a: 1 } }',
    ],
  ])('accepts %s', (_, yaml) => {
    expect(violations(yaml)).toEqual([])
  })

  it('accepts a 63 character name', () => {
    expect(violations('match: { port: 80, protocol: http }', 'b'.repeat(63))).toEqual([])
  })

  it('rejects a name longer than 63 characters', () => {
    expect(
      violations(
        'match: { port: 80, protocol: http }',
        'external-service-very-long-very-long-very-long-very-long-very-long',
      ),
    ).toEqual([{ field: 'name', message: 'must not be longer than 63 characters' }])
  })

  it('rejects an unknown match protocol', () => {
    expect(violations('match: { port: 80, protocol: unknown }')).toEqual([
      {
        field: 'spec.match.protocol',
        message: '"protocol" must be one of ["tcp", "grpc", "http", "http2"]',
      },
    ])
  })

  it('rejects an extension without type', () => {
    expect(
      violations('match: { port: 80, protocol: http }\nextension: { config: { example: true } }'),
    ).toEqual([{ field: 'spec.extension.type', message: 'must not be empty' }])
  })

  it('rejects a client key without client cert', () => {
    expect(
      violations(
        'match: { port: 80, protocol: http }\ntls: { verification: { clientKey: { secret: "123" } } }',
      ),
    ).toEqual([
      {
        field: 'spec.tls.verification.clientCert',
        message: 'must be defined when clientKey is defined',
      },
    ])
  })

  it('rejects a min TLS version above max', () => {
    expect(
      violations(
        'match: { port: 80, protocol: http }\ntls: { version: { min: TLS13, max: TLS12 } }',
      ),
    ).toEqual([{ field: 'spec.tls.version.min', message: 'min version must be lower than max' }])
  })

  it('reports every violation of a fully broken spec, in Kuma order', () => {
    const yaml = `
match: { type: UnknownMatchType, port: 0, protocol: unknown }
endpoints:
  - address: 1.1.1.1
  - { address: 1.1.1.2, port: 999999 }
  - address: example.com
  - port: 90
tls:
  version: { min: TLS15, max: TLS16 }
  verification:
    serverName: not[]valid
    mode: Unknown
    subjectAltNames: [{ type: Regex, value: .*.example.com }]
    clientCert: { secret: "123" }
`
    expect(violations(yaml)).toEqual([
      {
        field: 'spec.match.type',
        message: "unrecognized type 'UnknownMatchType' - only 'HostnameGenerator' is supported",
      },
      { field: 'spec.match.port', message: 'port must be a valid (1-65535)' },
      {
        field: 'spec.match.protocol',
        message: '"protocol" must be one of ["tcp", "grpc", "http", "http2"]',
      },
      { field: 'spec.endpoints[0].port', message: 'port must be a valid (1-65535)' },
      { field: 'spec.endpoints[1].port', message: 'port must be a valid (1-65535)' },
      { field: 'spec.endpoints[2].port', message: 'port must be a valid (1-65535)' },
      { field: 'spec.endpoints[3].address', message: 'address has to be a valid IP or hostname' },
      {
        field: 'spec.tls.version.min',
        message: '"min" must be one of ["TLSAuto", "TLS10", "TLS11", "TLS12", "TLS13"]',
      },
      {
        field: 'spec.tls.version.max',
        message: '"max" must be one of ["TLSAuto", "TLS10", "TLS11", "TLS12", "TLS13"]',
      },
      { field: 'spec.tls.verification.serverName', message: 'must be a valid DNS name' },
      {
        field: 'spec.tls.verification.mode',
        message: '"mode" must be one of ["SkipSAN", "SkipCA", "SkipAll", "Secured"]',
      },
      {
        field: 'spec.tls.verification.subjectAltNames[0].type',
        message: '"type" must be one of ["Prefix", "Exact"]',
      },
      {
        field: 'spec.tls.verification.clientKey',
        message: 'must be defined when clientCert is defined',
      },
    ])
  })
})

describe('MeshExternalService warnings', () => {
  it('has none for a DNS-friendly name', () => {
    expect(
      kind.warnings!(readJSON('put_meshexternalservice_00.request.json').spec, ctx('mes-tcp')),
    ).toEqual([])
  })

  it('warns about a dotted name as Kuma does on PUT', () => {
    const spec = readJSON('put_meshexternalservice_02.request.json').spec
    expect(kind.warnings!(spec, ctx('mes.http'))).toEqual(
      readJSON('put_meshexternalservice_02.golden.json').warnings,
    )
  })
})

describe('MeshExternalService status schema', () => {
  it('accepts the status of the golden GET response', () => {
    const status = readJSON('put_meshexternalservice_01.golden.json').status
    expect(validateSchema(status, statusSchema, 'status').violations).toEqual([])
  })
})
