/** @module The jsonpb-compatible decoder: Go's error texts and the canonical form it writes back. */
import { describe, expect, it } from 'vitest'
import { decodeMessage, duration, field, str, uint32, wrapper, type MessageDesc } from './protojson'
import { DataSourceProto } from './protos'

const Probe: MessageDesc = {
  fullName: 'test.Probe',
  fields: [
    field('interval', duration),
    field('healthy_threshold', wrapper('UInt32Value')),
    field('port', uint32),
    field('names', str, { repeated: true }),
  ],
}

describe('decodeMessage', () => {
  it('drops zero values but keeps set wrappers, and writes durations as jsonpb does', () => {
    expect(
      decodeMessage({ interval: '1m30s', healthy_threshold: 0, port: 0, names: [] }, Probe),
    ).toEqual({ value: { interval: '90s', healthyThreshold: 0 } })
  })

  it('prefers the JSON name over the proto name when both are given', () => {
    expect(decodeMessage({ healthy_threshold: 1, healthyThreshold: 2 }, Probe)).toEqual({
      value: { healthyThreshold: 2 },
    })
  })

  it('treats null as unset and a top-level null as an empty message', () => {
    expect(decodeMessage({ interval: null, names: null }, Probe)).toEqual({ value: {} })
    expect(decodeMessage(null, Probe)).toEqual({ value: {} })
  })

  it('keeps the last member of a oneof, even when it is empty', () => {
    expect(decodeMessage({ secret: 'a', inlineString: '' }, DataSourceProto)).toEqual({
      value: { inlineString: '' },
    })
  })

  it.each([
    [{ port: 1.5 }, 'json: cannot unmarshal number 1.5 into Go value of type uint32'],
    [{ port: 4294967296 }, 'json: cannot unmarshal number 4294967296 into Go value of type uint32'],
    [{ port: '' }, 'unexpected end of JSON input'],
    [{ port: '12x' }, "invalid character 'x' after top-level value"],
    [{ port: true }, 'json: cannot unmarshal bool into Go value of type uint32'],
    [{ interval: 5 }, 'json: cannot unmarshal number into Go value of type string'],
    [{ interval: '5' }, 'bad Duration: time: missing unit in duration "5"'],
    [{ interval: '5y' }, 'bad Duration: time: unknown unit "y" in duration "5y"'],
    [{ names: [1] }, 'json: cannot unmarshal number into Go value of type string'],
    [[], 'json: cannot unmarshal array into Go value of type map[string]json.RawMessage'],
  ])('reports %j as Go does', (raw, message) => {
    expect(decodeMessage(raw, Probe)).toEqual({ error: message })
  })
})
