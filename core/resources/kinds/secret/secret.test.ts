/** @module Secret inline fields: jsonpb shape of `data` and the conformance PUT body. */
import { describe, expect, it } from 'vitest'
import put00 from '../../../../../shared/conformance/kuma-v2.14.3/api-server/crud/put_secret_00.request.json'
import { checkInlineShape, codec, kind } from './index'

describe('Secret', () => {
  it('accepts the body of put_secret_00 and keeps only data', () => {
    expect(checkInlineShape(put00)).toBeUndefined()
    expect(
      kind.validate!(put00, { name: 'sec-1', mesh: 'default', labels: {} }).violations,
    ).toEqual([])
    expect(codec.decode(put00)).toEqual({ value: { data: 'dGVzdAo=' } })
  })

  it('keeps empty data, as a set BytesValue is written back', () => {
    expect(codec.decode({ data: '' })).toEqual({ value: { data: '' } })
  })

  it.each([
    [{ data: 'dGVzdAo' }, 'illegal base64 data at input byte 4'],
    [{ data: 'dG=' }, 'illegal base64 data at input byte 2'],
    [{ data: 12 }, 'json: cannot unmarshal number into Go value of type []uint8'],
    [
      { data: { value: 'dGVzdAo=' } },
      'json: cannot unmarshal object into Go value of type []uint8',
    ],
  ])('rejects %j', (spec, message) => {
    expect(checkInlineShape(spec)).toBe(message)
  })
})
