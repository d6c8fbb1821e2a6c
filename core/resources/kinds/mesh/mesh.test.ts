/** @module Mesh validation, defaults and warnings against Kuma's tables and REST conformance cases. */
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import put02 from '../../../../../shared/conformance/kuma-v2.14.3/api-server/crud/put_meshes_02.request.json'
import put03 from '../../../../../shared/conformance/kuma-v2.14.3/api-server/crud/put_meshes_03.request.json'
import put04 from '../../../../../shared/conformance/kuma-v2.14.3/api-server/crud/put_meshes_04.request.json'
import golden04 from '../../../../../shared/conformance/kuma-v2.14.3/api-server/crud/put_meshes_04.golden.json'
import { applyMeshDefaults, checkInlineShape, codec, kind, validateMeshUpdate } from './index'
import { cases as defaulterCases } from './testdata/kuma-defaulter-cases'
import { cases } from './testdata/kuma-validator-cases'
import type { MeshSpec } from './types'
import { validateMeshResource } from './validator'

const decode = (spec: unknown) => (codec.decode(spec) as { value: MeshSpec }).value
const ctx = (name: string) => ({ name, mesh: '', labels: {} })

describe('Mesh resource validator (Kuma mesh_validator_test.go)', () => {
  it.each(cases.map((c) => [c.name, c.fields.mesh, c.fields.expected]))(
    'validates a mesh with %s',
    (_, input, expected) => {
      const want = parse(expected ?? 'violations: []')?.violations ?? []
      expect(validateMeshResource(decode(parse(input))).violations).toEqual(want)
    },
  )
})

describe('Mesh defaults (Kuma mesh_defaulter_test.go)', () => {
  it.each(defaulterCases.map((c) => [c.name, c.fields.input, c.fields.expected]))(
    'fills prometheus defaults %s',
    (_, input, expected) => {
      expect(applyMeshDefaults(decode(parse(input)))).toEqual(decode(parse(expected)))
    },
  )
})

describe('Mesh PUT conformance cases', () => {
  it.each([
    ['put_meshes_02', put02],
    ['put_meshes_03', put03],
    ['put_meshes_04', put04],
  ])('accepts the spec of %s', (_, body) => {
    expect(checkInlineShape(body)).toBeUndefined()
    expect(kind.validate!(body, ctx(body.name)).violations).toEqual([])
  })

  it('warns that a Mesh name is not a DNS-1035 label (put_meshes_04)', () => {
    expect(kind.warnings!(put04, ctx(put04.name))).toEqual(golden04.warnings)
    expect(kind.warnings!(put02, ctx(put02.name))).toEqual([])
  })
})

describe('Mesh manager checks', () => {
  it.each([
    [
      'rejects an unknown CA type',
      'mesh-1',
      { mtls: { backends: [{ name: 'ca-1', type: 'vault' }] } },
      [
        {
          field: 'mtls.backends[0].type',
          message: 'could not find installed plugin for this type',
        },
      ],
    ],
    [
      'rejects a builtin CA whose secret name is not a DNS name',
      'mesh-1',
      { mtls: { backends: [{ name: 'CA_1', type: 'builtin' }] } },
      [
        {
          field: 'mtls.backends[0].conf.mtls.backends.name',
          message: '"CA_1" name must be valid dns name',
        },
      ],
    ],
    [
      'rejects a provided CA without cert and key',
      'mesh-1',
      { mtls: { backends: [{ name: 'ca-1', type: 'provided', conf: { cert: { secret: '' } } }] } },
      [
        { field: 'mtls.backends[0].conf.cert.secret', message: 'cannot be empty' },
        { field: 'mtls.backends[0].conf.key', message: 'has to be defined' },
      ],
    ],
    [
      'rejects a name longer than 63 characters',
      'a'.repeat(64),
      {},
      [{ field: 'name', message: 'cannot be longer than 63 characters' }],
    ],
    [
      'runs the manager checks only once the resource rules pass',
      'a'.repeat(64),
      { routing: { zoneEgress: true } },
      [{ field: 'mtls', message: 'has to be set when zoneEgress enabled' }],
    ],
  ])('%s', (_, name, spec, expected) => {
    expect(kind.validate!(spec, ctx(name)).violations).toEqual(expected)
  })

  it('forbids changing the CA while mTLS is enabled', () => {
    const prev = { mtls: { enabledBackend: 'a', backends: [{ name: 'a', type: 'builtin' }] } }
    const next = { mtls: { enabledBackend: 'b', backends: [{ name: 'b', type: 'builtin' }] } }
    expect(validateMeshUpdate('m', prev, next).violations).toEqual([
      {
        field: 'mtls.enabledBackend',
        message:
          'Changing CA when mTLS is enabled is forbidden. Disable mTLS first and then change the CA',
      },
    ])
  })
})

describe('Mesh inline shape (jsonpb)', () => {
  it.each([
    [
      { mtls: { backends: {} } },
      'json: cannot unmarshal object into Go value of type []json.RawMessage',
    ],
    [
      { mtls: { skipValidation: 'yes' } },
      'json: cannot unmarshal string into Go value of type bool',
    ],
    [
      { meshServices: { mode: 'Sometimes' } },
      'unknown value "\\"Sometimes\\"" for enum kuma.mesh.v1alpha1.Mesh.MeshServices.Mode',
    ],
    [
      { tracing: { backends: [{ sampling: 'x' }] } },
      "invalid character 'x' looking for beginning of value",
    ],
    [
      { skipCreatingInitialPolicies: 'all' },
      'json: cannot unmarshal string into Go value of type []json.RawMessage',
    ],
  ])('rejects %j', (spec, message) => {
    expect(checkInlineShape(spec)).toBe(message)
  })

  it('reports a backend conf that does not fit its type as Kuma does', () => {
    const spec = { logging: { backends: [{ name: 'f', type: 'file', conf: { path: 1 } }] } }
    expect(kind.validate!(spec, ctx('m')).violations).toEqual([
      {
        field: 'logging.backends[0].config',
        message:
          'could not parse config: json: cannot unmarshal number into Go value of type string',
      },
    ])
  })
})
