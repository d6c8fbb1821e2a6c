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

/** MeshMultiZoneService is not provided by zones: it gets only the mesh label. */
const ctx = (name = 'mzsvc'): ValidateContext => ({
  name,
  mesh: 'default',
  labels: { 'kuma.io/mesh': 'default' },
})
const violations = (yaml: string) => kind.validate!(parse(yaml) ?? {}, ctx()).violations

describe('MeshMultiZoneService kind', () => {
  it('describes MeshMultiZoneService as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'MeshMultiZoneService',
      plural: 'meshmultizoneservices',
      kumactlArg: 'meshmultizoneservice',
      singularDisplayName: 'Mesh Multi Zone Service',
      pluralDisplayName: 'Mesh Multi Zone Services',
      shortName: 'mzsvc',
      scope: 'Mesh',
      hasStatus: true,
      includeInFederation: true,
      providedByZone: false,
    })
  })
})

describe('MeshMultiZoneService spec schema', () => {
  it('accepts a full spec', () => {
    const yaml =
      'selector: { meshService: { matchLabels: { app: xyz } } }\nports: [{ port: 123, name: main, appProtocol: tcp }]'
    expect(validateSchema(parse(yaml), specSchema, 'spec').violations).toEqual([])
  })

  it.each([
    ['missing ports', 'selector: { meshService: {} }', 'spec.ports', 'in body is required'],
    ['missing selector', 'ports: [{ port: 1 }]', 'spec.selector', 'in body is required'],
    [
      'a selector without meshService',
      'selector: {}\nports: [{ port: 1 }]',
      'spec.selector.meshService',
      'in body is required',
    ],
    [
      'no ports',
      'selector: { meshService: {} }\nports: []',
      'spec.ports',
      'in body should have at least 1 items',
    ],
    [
      'a port without number',
      'selector: { meshService: {} }\nports: [{ name: a }]',
      'spec.ports[0].port',
      'in body is required',
    ],
  ])('reports %s', (_, yaml, field, message) => {
    expect(validateSchema(parse(yaml), specSchema, 'spec').violations).toContainEqual({
      field,
      message,
    })
  })

  it('defaults appProtocol to tcp', () => {
    const spec = { selector: { meshService: {} }, ports: [{ port: 1 }] }
    applyDefaults(spec, specSchema)
    expect(spec.ports[0]).toEqual({ port: 1, appProtocol: 'tcp' })
  })

  it('leaves the golden PUT request unchanged by defaults', () => {
    const spec = readJSON('put_meshmultizoneservice_00.request.json').spec
    applyDefaults(spec, specSchema)
    expect(spec).toEqual(readJSON('put_meshmultizoneservice_01.golden.json').spec)
  })
})

describe('MeshMultiZoneService validator', () => {
  it('accepts a full spec', () => {
    expect(
      violations(
        'selector: { meshService: { matchLabels: { app: xyz } } }\nports: [{ port: 123, appProtocol: tcp }]',
      ),
    ).toEqual([])
  })

  it.each([
    [
      'an empty port name',
      "selector: { meshService: { matchLabels: { app: xyz } } }\nports: [{ port: 123, name: '', appProtocol: tcp }]",
      [{ field: 'spec.ports[0].name', message: 'must not be empty' }],
    ],
    [
      'an unsupported protocol',
      'selector: { meshService: { matchLabels: { app: xyz } } }\nports: [{ port: 123, appProtocol: not_supported }]',
      [
        {
          field: 'spec.ports[0].appProtocol',
          message: 'appProtocol must be one of: grpc, http, http2, kafka, tcp',
        },
      ],
    ],
    [
      'an empty spec',
      '',
      [
        { field: 'spec.selector.meshService.matchLabels', message: 'cannot be empty' },
        { field: 'spec.ports', message: 'cannot be empty' },
      ],
    ],
  ])('rejects %s', (_, yaml, expected) => {
    expect(violations(yaml)).toEqual(expected)
  })

  it('does not limit the name length', () => {
    const spec = readJSON('put_meshmultizoneservice_03.request.json')
    expect(kind.validate!(spec.spec, ctx(spec.name)).violations).toEqual([])
  })
})

describe('MeshMultiZoneService warnings', () => {
  it('has none for a DNS-friendly name', () => {
    expect(
      kind.warnings!(readJSON('put_meshmultizoneservice_00.request.json').spec, ctx('redis')),
    ).toEqual([])
  })

  it.each(['02', '03'])('warns as Kuma does for put_meshmultizoneservice_%s', (n) => {
    const req = readJSON(`put_meshmultizoneservice_${n}.request.json`)
    expect(kind.warnings!(req.spec, ctx(req.name))).toEqual(
      readJSON(`put_meshmultizoneservice_${n}.golden.json`).warnings,
    )
  })

  it('names a port by its number when its name is empty', () => {
    expect(kind.warnings!({ ports: [{ port: 80, name: '' }] }, ctx('web'))).toEqual([])
  })
})

describe('MeshMultiZoneService status schema', () => {
  it('accepts the status of the golden GET response', () => {
    const status = readJSON('put_meshmultizoneservice_01.golden.json').status
    expect(validateSchema(status, statusSchema, 'status').violations).toEqual([])
  })
})
