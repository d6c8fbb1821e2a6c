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

/** zoneLabels are the labels a universal zone control plane computes for a new MeshService. */
const zoneLabels = {
  'kuma.io/env': 'universal',
  'kuma.io/mesh': 'default',
  'kuma.io/origin': 'zone',
  'kuma.io/zone': 'default',
}
const ctx = (name: string, labels: Record<string, string> = zoneLabels): ValidateContext => ({
  name,
  mesh: 'default',
  labels,
})

describe('MeshService kind', () => {
  it('describes MeshService as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshService',
      plural: 'meshservices',
      kumactlArg: 'meshservice',
      singularDisplayName: 'Mesh Service',
      pluralDisplayName: 'Mesh Services',
      shortName: 'msvc',
      scope: 'Mesh',
      isPolicy: false,
      hasStatus: true,
      includeInFederation: false,
      providedByZone: true,
    })
  })
})

describe('MeshService spec schema', () => {
  it.each([
    ['an empty spec', '{}'],
    [
      'a full spec',
      `
state: Available
selector: { dataplaneTags: { app: redis } }
ports:
  - { name: main, port: 6379, targetPort: 6379, appProtocol: tcp }
  - { port: 8080, targetPort: http }
identities:
  - { type: ServiceTag, value: redis }
`,
    ],
  ])('accepts %s', (_, yaml) => {
    expect(validateSchema(parse(yaml), specSchema, 'spec').violations).toEqual([])
  })

  it.each([
    [
      'a bad state',
      '{ state: Down }',
      'spec.state',
      'in body should be one of [Available Unavailable]',
    ],
    [
      'a port without number',
      '{ ports: [{ name: a }] }',
      'spec.ports[0].port',
      'in body is required',
    ],
    [
      'a string port',
      '{ ports: [{ port: "80" }] }',
      'spec.ports[0].port',
      'in body must be of type integer: "string"',
    ],
    [
      'a non-string tag',
      '{ selector: { dataplaneTags: { app: 1 } } }',
      'spec.selector.dataplaneTags.app',
      'in body must be of type string: "number"',
    ],
    [
      'an identity without value',
      '{ identities: [{ type: SpiffeID }] }',
      'spec.identities[0].value',
      'in body is required',
    ],
    [
      'a bad identity type',
      '{ identities: [{ type: X, value: y }] }',
      'spec.identities[0].type',
      'in body should be one of [ServiceTag SpiffeID]',
    ],
  ])('reports %s', (_, yaml, field, message) => {
    expect(validateSchema(parse(yaml), specSchema, 'spec').violations).toContainEqual({
      field,
      message,
    })
  })

  it('defaults state and port protocols as the golden PUT response shows', () => {
    const spec = readJSON('put_meshservice_00.request.json').spec
    delete spec.ports[0].protocol // Kuma's unmarshal drops the unknown field
    applyDefaults(spec, specSchema)
    expect(spec).toEqual(readJSON('put_meshservice_01.golden.json').spec)
  })
})

describe('MeshService validator', () => {
  it.each([
    ['an empty spec', {}],
    ['dataplaneTags', { selector: { dataplaneTags: { app: 'redis' } } }],
    ['dataplaneRef', { selector: { dataplaneRef: { name: 'redis-01' } } }],
    ['dataplaneLabels', { selector: { dataplaneLabels: { matchLabels: { app: 'redis' } } } }],
  ])('accepts %s', (_, spec) => {
    expect(kind.validate!(spec, ctx('meshservice')).violations).toEqual([])
  })

  it('rejects a name longer than 63 characters', () => {
    const name = 'meshservice-too-long-too-long-too-long-too-long-too-long-too-long-too-long'
    expect(kind.validate!({}, ctx(name)).violations).toEqual([
      { field: 'name', message: 'must not be longer than 63 characters' },
    ])
  })

  it('measures the display name, not the name with its namespace suffix', () => {
    const labels = { 'kuma.io/display-name': 'redis' }
    expect(
      kind.validate!(
        {},
        ctx('redis.kuma-demo-with-a-very-long-namespace-name-here-too-long', labels),
      ).violations,
    ).toEqual([])
  })

  it('rejects more than one selector', () => {
    const spec = {
      selector: {
        dataplaneTags: { app: 'redis' },
        dataplaneLabels: { matchLabels: { app: 'redis' } },
      },
    }
    expect(kind.validate!(spec, ctx('meshservice')).violations).toEqual([
      {
        field: 'spec.selector',
        message: 'must specify only one of: dataplaneTags, dataplaneRef, or dataplaneLabels',
      },
    ])
  })
})

describe('MeshService warnings', () => {
  it('has none for a DNS-friendly name', () => {
    const spec = readJSON('put_meshservice_00.request.json').spec
    expect(kind.warnings!(spec, ctx('redis'))).toEqual([])
  })

  it('warns about a dotted name as Kuma does on PUT', () => {
    const spec = readJSON('put_meshservice_02.request.json').spec
    expect(kind.warnings!(spec, ctx('aa.a'))).toEqual(
      readJSON('put_meshservice_02.golden.json').warnings,
    )
  })

  it('uses the port name as SNI section and checks zone and namespace labels', () => {
    const labels = { ...zoneLabels, 'kuma.io/zone': 'Zone_1', 'k8s.kuma.io/namespace': 'kuma-demo' }
    expect(
      kind.warnings!(
        {
          ports: [
            { port: 80, name: 'http.x' },
            { port: 81, name: '' },
          ],
        },
        ctx('web', labels),
      ),
    ).toEqual([
      `Invalid MeshService SNI (port "http.x"): zone "Zone_1" does not conform to RFC 1123: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?'). This is deprecated.`,
      'Invalid MeshService SNI (port "http.x"): must not contain dots. This is deprecated.',
      'Invalid MeshService SNI (port ""): mesh, name and sectionName must be non-empty. This is deprecated.',
    ])
  })
})

describe('MeshService status schema', () => {
  it('accepts the status of the golden GET response and a full status', () => {
    expect(
      validateSchema(readJSON('put_meshservice_01.golden.json').status, statusSchema, 'status')
        .violations,
    ).toEqual([])
    const full = {
      addresses: [
        {
          hostname: 'redis.svc.mesh.local',
          origin: 'HostnameGenerator',
          hostnameGeneratorRef: { coreName: 'local' },
        },
      ],
      vips: [{ ip: '241.0.0.1' }],
      tls: { status: 'Ready' },
      hostnameGenerators: [
        {
          hostnameGeneratorRef: { coreName: 'local' },
          conditions: [{ type: 'Generated', status: 'True', reason: 'Generated', message: '' }],
        },
      ],
      dataplaneProxies: { connected: 1, healthy: 1, total: 1 },
    }
    expect(validateSchema(full, statusSchema, 'status').violations).toEqual([])
  })

  it('rejects a condition with an unknown status', () => {
    const status = {
      hostnameGenerators: [
        {
          hostnameGeneratorRef: { coreName: 'x' },
          conditions: [{ type: 'A', status: 'Maybe', reason: 'R', message: '' }],
        },
      ],
    }
    expect(validateSchema(status, statusSchema, 'status').violations).not.toEqual([])
  })
})
