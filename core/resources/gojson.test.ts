import { describe, expect, it } from 'vitest'
import { goJsonSyntaxError } from './gojson'

describe('goJsonSyntaxError', () => {
  it.each([
    ['{,\n}', "invalid character ',' looking for beginning of object key string"],
    ['', 'unexpected end of JSON input'],
    ['{"a": 1', 'unexpected end of JSON input'],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a": 1 "b": 2}', `invalid character '"' after object key:value pair`],
    ['[1 2]', "invalid character '2' after array element"],
    ['{"a": tru}', "invalid character '}' in literal true (expecting 'e')"],
    ['{} x', "invalid character 'x' after top-level value"],
    ['x', "invalid character 'x' looking for beginning of value"],
  ])('words %j as Go does', (text, msg) => {
    expect(goJsonSyntaxError(text)).toBe(msg)
  })

  it('accepts valid JSON', () => {
    expect(goJsonSyntaxError('{"a": [1, -2.5e3, true, null, "x\\u00e9"]}')).toBeUndefined()
  })
})
