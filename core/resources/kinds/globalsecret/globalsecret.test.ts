/** @module GlobalSecret: same inline fields as Secret, global scope. */
import { describe, expect, it } from 'vitest'
import put00 from '../../../../../shared/conformance/kuma-v2.14.3/api-server/crud/put_globalsecret_00.request.json'
import { checkInlineShape, kind } from './index'

describe('GlobalSecret', () => {
  it('accepts the body of put_globalsecret_00', () => {
    expect(checkInlineShape(put00)).toBeUndefined()
    expect(kind.validate!(put00, { name: 'sec-1', mesh: '', labels: {} }).violations).toEqual([])
  })

  it('is the global-scoped twin of Secret', () => {
    expect([kind.scope, kind.plural, kind.singularDisplayName]).toEqual([
      'Global',
      'globalsecrets',
      'Global Secret',
    ])
  })

  it('rejects data that is not base64', () => {
    expect(checkInlineShape({ data: true })).toBe(
      'json: cannot unmarshal bool into Go value of type []uint8',
    )
  })
})
