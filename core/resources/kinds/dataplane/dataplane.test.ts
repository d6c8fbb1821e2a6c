/** @module Dataplane validation against Kuma's validator table and its REST conformance cases. */
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import dataplanes_00 from '../../../../../shared/conformance/kuma-v2.14.3/api-server/crud/put_dataplanes_00.request.json'
import dataplanes_01 from '../../../../../shared/conformance/kuma-v2.14.3/api-server/crud/put_dataplanes_01.request.json'
import dataplanes_02 from '../../../../../shared/conformance/kuma-v2.14.3/api-server/crud/put_dataplanes_02.request.json'
import dataplanes_03 from '../../../../../shared/conformance/kuma-v2.14.3/api-server/crud/put_dataplanes_03.request.json'
import dataplanes_04 from '../../../../../shared/conformance/kuma-v2.14.3/api-server/crud/put_dataplanes_04.request.json'
import dataplanes_06 from '../../../../../shared/conformance/kuma-v2.14.3/api-server/crud/put_dataplanes_06.request.json'
import dataplanes_07 from '../../../../../shared/conformance/kuma-v2.14.3/api-server/crud/put_dataplanes_07.request.json'
import dataplanes_08 from '../../../../../shared/conformance/kuma-v2.14.3/api-server/crud/put_dataplanes_08.request.json'
import dataplanes_09 from '../../../../../shared/conformance/kuma-v2.14.3/api-server/crud/put_dataplanes_09.request.json'
import update_dataplanes_00 from '../../../../../shared/conformance/kuma-v2.14.3/api-server/crud/put_update_dataplanes_00.request.json'
import golden04 from '../../../../../shared/conformance/kuma-v2.14.3/api-server/crud/put_dataplanes_04.golden.json'
import { checkInlineShape, codec, kind } from './index'
import { cases } from './testdata/kuma-validator-cases'

const ctx = { name: 'dp-1', mesh: 'default', labels: {} }

function violations(spec: Record<string, unknown>) {
  return kind.validate!(spec, ctx).violations
}

describe('Dataplane validator (Kuma dataplane_validator_test.go)', () => {
  const passing = cases.filter((c) => c.table === 'should pass validation')
  const failing = cases.filter((c) => c.table !== 'should pass validation')

  it.each(passing.map((c) => [c.name, c.fields.input]))('accepts a %s', (_, input) => {
    expect(violations(parse(input))).toEqual([])
  })

  it.each(failing.map((c) => [c.name, c.fields.dataplane, c.fields.expected]))(
    'reports every violation for %s',
    (_, input, expected) => {
      expect(violations(parse(input))).toEqual(parse(expected ?? 'violations: []').violations)
    },
  )
})

describe('Dataplane PUT conformance cases (spec violations only)', () => {
  it('reports a missing kuma.io/service tag on a tagged inbound (put_dataplanes_04)', () => {
    const expected = golden04.invalid_parameters.map((p) => ({ field: p.field, message: p.reason }))
    expect(violations(dataplanes_04)).toEqual(expected)
  })

  it.each([
    ['put_dataplanes_00', dataplanes_00],
    ['put_dataplanes_01', dataplanes_01],
    ['put_dataplanes_02', dataplanes_02],
    ['put_dataplanes_03', dataplanes_03],
    ['put_dataplanes_06', dataplanes_06],
    ['put_dataplanes_07', dataplanes_07],
    ['put_dataplanes_08', dataplanes_08],
    ['put_dataplanes_09', dataplanes_09],
    ['put_update_dataplanes_00', update_dataplanes_00],
  ])('finds nothing wrong with the spec of %s', (_, body: Record<string, unknown>) => {
    expect(checkInlineShape(body)).toBeUndefined()
    expect(violations(body)).toEqual([])
  })
})

describe('Dataplane inline shape (jsonpb)', () => {
  it.each([
    [
      { networking: 'x' },
      'json: cannot unmarshal string into Go value of type map[string]json.RawMessage',
    ],
    [
      { networking: { inbound: {} } },
      'json: cannot unmarshal object into Go value of type []json.RawMessage',
    ],
    [{ networking: { address: 1 } }, 'json: cannot unmarshal number into Go value of type string'],
    [
      { networking: { inbound: [{ port: -1 }] } },
      'json: cannot unmarshal number -1 into Go value of type uint32',
    ],
    [
      { networking: { inbound: [{ port: 'abc' }] } },
      "invalid character 'a' looking for beginning of value",
    ],
    [
      { networking: { inbound: [{ tags: { a: 1 } }] } },
      'json: cannot unmarshal number into Go value of type string',
    ],
    [
      { networking: { gateway: { type: 'FOO' } } },
      'unknown value "\\"FOO\\"" for enum kuma.mesh.v1alpha1.Dataplane.Networking.Gateway.GatewayType',
    ],
    [
      { networking: { inbound: [{ serviceProbe: { interval: 'abc' } }] } },
      'bad Duration: time: invalid duration "abc"',
    ],
    [
      { metrics: { conf: [] } },
      'bad StructValue: json: cannot unmarshal array into Go value of type map[string]json.RawMessage',
    ],
  ])('rejects %j', (spec, message) => {
    expect(checkInlineShape(spec)).toBe(message)
  })

  it('ignores fields the proto does not define, as Kuma does', () => {
    expect(
      checkInlineShape({ type: 'Dataplane', foo: 1, networking: { bar: true } }),
    ).toBeUndefined()
  })

  it('reads proto names and quoted numbers into the canonical form', () => {
    const decoded = codec.decode({
      networking: {
        address: '1.1.1.1',
        transparent_proxying: { redirect_port_inbound: '15006' },
        inbound: [{ port: '80', state: 0, serviceProbe: { interval: '1m', healthy_threshold: 0 } }],
      },
    })
    expect(decoded).toEqual({
      value: {
        networking: {
          address: '1.1.1.1',
          transparentProxying: { redirectPortInbound: 15006 },
          inbound: [{ port: 80, serviceProbe: { interval: '60s', healthyThreshold: 0 } }],
        },
      },
    })
  })
})
