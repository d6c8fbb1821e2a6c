/** @module Kuma's mesh.ValidateTargetRef, ValidateMatch and IncludesGateways, shared by the policies. */
import { describe, expect, it } from 'vitest'
import type { ValidationError } from '../../validators/validation-error'
import { topLevelTargetRefOpts, TOP_LEVEL_KINDS } from './policy-role'
import {
  includesGateways,
  validateMatch,
  validateRouteBackendRef,
  validateTargetRef,
} from './targetref-rules'

const list = (err: ValidationError) => err.violations.map((v) => `${v.field}: ${v.message}`)
const all = [...TOP_LEVEL_KINDS.system, 'MeshExternalService', 'MeshHTTPRoute']

describe('validateTargetRef', () => {
  it.each([
    [{}, ['kind: must be defined']],
    [{ kind: 'MeshService', name: 'a' }, ["kind: value 'MeshService' is not supported"]],
  ])('rejects %j for a Mesh-only policy', (ref, want) =>
    expect(list(validateTargetRef(ref, { supportedKinds: ['Mesh'] }))).toEqual(want),
  )

  it.each([
    [{ kind: 'Mesh', name: 'x' }, ['name: using name with kind Mesh is not yet supported']],
    [{ kind: 'MeshService' }, [': name or labels must be set when kind is MeshService']],
    [
      { kind: 'MeshService', name: 'a', labels: { app: 'b' } },
      ['labels: either labels or name and namespace must be specified'],
    ],
    [
      { kind: 'MeshExternalService', namespace: 'ns', labels: { app: 'b' } },
      ['labels: either labels or name must be specified'],
    ],
    [{ kind: 'MeshGateway' }, ['name: must be set when kind is MeshGateway']],
    [
      { kind: 'MeshGateway', name: 'gw', tags: { listener: 'a' } },
      ['tags: must not be set with kind MeshGateway'],
    ],
    [
      { kind: 'MeshSubset', tags: { app: 'a*' } },
      [
        'tags["app"]: tag value must consist of alphanumeric characters, dots, dashes and underscores',
      ],
    ],
    [
      { kind: 'Dataplane', sectionName: 'http' },
      ['sectionName: can only be used with inbound policies'],
    ],
    [
      { kind: 'Mesh', proxyTypes: [] },
      ['proxyTypes: must be undefined or have at least one element'],
    ],
  ])('reports %j as Kuma does', (ref, want) =>
    expect(list(validateTargetRef(ref, { supportedKinds: all }))).toEqual(want),
  )

  it('lets route backends keep the unresolved-backend name and asks a MeshMultiZoneService for a port', () => {
    const ref = { kind: 'MeshService', name: 'kuma.io/unresolved-backend' }
    expect(list(validateRouteBackendRef(ref, ['kuma.io/unresolved-backend']))).toEqual([])
    expect(list(validateRouteBackendRef({ kind: 'MeshMultiZoneService', name: 'm' }))).toEqual([
      'port: must be defined with kind MeshMultiZoneService',
    ])
  })
})

describe('top-level targetRef by policy role', () => {
  it('lets only system policies select gateways', () => {
    const gw = { kind: 'MeshGateway', name: 'edge', tags: { listener: 'a' } }
    expect(list(validateTargetRef(gw, topLevelTargetRefOpts(undefined, TOP_LEVEL_KINDS)))).toEqual(
      [],
    )
    const consumer = topLevelTargetRefOpts({ 'kuma.io/policy-role': 'consumer' }, TOP_LEVEL_KINDS)
    expect(list(validateTargetRef(gw, consumer))).toEqual([
      "kind: value 'MeshGateway' is not supported",
    ])
  })

  it.each([
    [undefined, true],
    [{ kind: 'Mesh', proxyTypes: ['Sidecar'] }, false],
    [{ kind: 'MeshSubset' }, true],
    [{ kind: 'MeshService', name: 'a' }, false],
    [{ kind: 'MeshHTTPRoute', name: 'r' }, true],
  ])('includesGateways(%j) is %s', (ref, want) =>
    expect(includesGateways(ref ?? { kind: 'Mesh' })).toBe(want),
  )
})

describe('validateMatch', () => {
  it('checks the SPIFFE ID and the SNI', () => {
    expect(list(validateMatch({ spiffeID: { type: 'Exact', value: 'spiffe://a/b' } }))).toEqual([])
    expect(list(validateMatch({ sni: { type: 'Prefix', value: 'Bad_Name' } }))).toEqual([
      'sni.type: unrecognized type "Prefix", supported values are: Exact',
      "sni.value: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ])
  })
})
