import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { applyDefaults, validateSchema } from '../../../schema/validate'
import { kind } from './index'
import { specSchema } from './schema'

const violations = (yaml: string) =>
  kind.validate!(parse(yaml) ?? {}, { name: 'backend', mesh: 'default', labels: {} }).violations

describe('MeshOpenTelemetryBackend kind', () => {
  it('describes MeshOpenTelemetryBackend as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshOpenTelemetryBackend',
      plural: 'meshopentelemetrybackends',
      kumactlArg: 'meshopentelemetrybackend',
      singularDisplayName: 'Mesh OpenTelemetry Backend',
      pluralDisplayName: 'Mesh OpenTelemetry Backends',
      shortName: 'motb',
      scope: 'Mesh',
      hasStatus: true,
      includeInFederation: true,
      providedByZone: true,
    })
  })
})

describe('MeshOpenTelemetryBackend spec schema', () => {
  it('accepts a full spec', () => {
    const yaml = `
endpoint: { address: otel-collector.observability, port: 4318, path: /v1/custom }
protocol: http
env: { mode: Required, precedence: ExplicitFirst, allowSignalOverrides: false }
`
    expect(validateSchema(parse(yaml), specSchema, 'spec').violations).toEqual([])
  })

  it.each([
    ['a bad protocol', 'protocol: tcp', 'spec.protocol', 'in body should be one of [grpc http]'],
    [
      'a bad env mode',
      'env: { mode: Sometimes }',
      'spec.env.mode',
      'in body should be one of [Disabled Optional Required]',
    ],
    [
      'a string port',
      'endpoint: { port: "4317" }',
      'spec.endpoint.port',
      'in body must be of type integer: "string"',
    ],
  ])('reports %s', (_, yaml, field, message) => {
    expect(validateSchema(parse(yaml), specSchema, 'spec').violations).toContainEqual({
      field,
      message,
    })
  })

  it('defaults env mode and precedence only when env is given', () => {
    const withEnv = { env: {} }
    applyDefaults(withEnv, specSchema)
    expect(withEnv).toEqual({ env: { mode: 'Optional', precedence: 'EnvFirst' } })
    const without = {}
    applyDefaults(without, specSchema)
    expect(without).toEqual({})
  })
})

describe('MeshOpenTelemetryBackend validator', () => {
  it.each([
    ['minimal gRPC', 'endpoint: { address: otel-collector.observability, port: 4317 }'],
    [
      'full HTTP with path',
      'endpoint: { address: otel-collector.observability, port: 4318, path: /v1/custom }\nprotocol: http',
    ],
    ['no address', 'endpoint: { port: 4317 }'],
    ['no port', 'endpoint: { address: otel-collector.observability }'],
    [
      'env defaults',
      'endpoint: { address: otel-collector.observability, port: 4317 }\nprotocol: grpc\nenv: {}',
    ],
    [
      'full env',
      'protocol: grpc\nenv: { mode: Required, precedence: ExplicitFirst, allowSignalOverrides: false }',
    ],
    ['only protocol', 'protocol: grpc'],
    ['an empty spec', '{}'],
  ])('accepts %s', (_, yaml) => {
    expect(violations(yaml)).toEqual([])
  })

  it.each([
    [
      'a path with gRPC',
      'endpoint: { address: a.b, port: 4317, path: /some/path }\nprotocol: grpc',
      'spec.endpoint.path',
      'must not be set when protocol is grpc',
    ],
    [
      'a path with the default protocol',
      'endpoint: { path: /some/path }',
      'spec.endpoint.path',
      'must not be set when protocol is grpc',
    ],
    [
      'an invalid address',
      'endpoint: { address: "not a valid address!@#", port: 4317 }',
      'spec.endpoint.address',
      'address has to be a valid IP or hostname',
    ],
    [
      'an empty address',
      'endpoint: { address: "", port: 4317 }',
      'spec.endpoint.address',
      'must not be empty',
    ],
    [
      'a port out of range',
      'endpoint: { address: a.b, port: 70000 }',
      'spec.endpoint.port',
      'port must be a valid (1-65535)',
    ],
    [
      'a protocol other than grpc or http',
      'endpoint: { address: a.b, port: 4317 }\nprotocol: tcp',
      'spec.protocol',
      '"protocol" must be one of ["grpc", "http"]',
    ],
    [
      'a path without leading slash',
      'endpoint: { path: v1/traces }\nprotocol: http',
      'spec.endpoint.path',
      'must start with /',
    ],
    [
      'a path with a query',
      'endpoint: { path: /v1/traces?format=json }\nprotocol: http',
      'spec.endpoint.path',
      'must not contain query or fragment',
    ],
    [
      'an unknown env mode',
      'env: { mode: Sometimes }',
      'spec.env.mode',
      '"mode" must be one of ["Disabled", "Optional", "Required"]',
    ],
    [
      'an unknown env precedence',
      'env: { precedence: Maybe }',
      'spec.env.precedence',
      '"precedence" must be one of ["ExplicitFirst", "EnvFirst"]',
    ],
  ])('rejects %s', (_, yaml, field, message) => {
    expect(violations(yaml)).toEqual([{ field, message }])
  })
})
