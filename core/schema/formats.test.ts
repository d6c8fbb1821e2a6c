import { describe, expect, it } from 'vitest'
import { formatChecker, goFloat, goQuote, goValue } from './formats'

describe('goFloat', () => {
  it.each([
    [0, '0'],
    [1, '1'],
    [65535, '65535'],
    [100000, '100000'],
    [1000000, '1e+06'],
    [1234567, '1.234567e+06'],
    [4294967295, '4.294967295e+09'],
    [0.5, '0.5'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-2.5, '-2.5'],
  ])('prints %d as Go %%v does', (v, expected) => {
    expect(goFloat(v)).toBe(expected)
  })
})

describe('goValue and goQuote', () => {
  it('prints slices, maps and strings as Go does', () => {
    expect(goValue(['a', 1, true, null])).toBe('[a 1 true <nil>]')
    expect(goValue({ b: 1, a: 'x' })).toBe('map[a:x b:1]')
    expect(goQuote('a"b\\c\n\x01')).toBe('"a\\"b\\\\c\\n\\x01"')
  })
})

describe('formatChecker', () => {
  it.each<[string, string, boolean]>([
    ['date-time', '2024-02-29T10:00:00Z', true],
    ['date-time', '2024-02-29T10:00:00.123+02:00', true],
    ['date-time', '2023-02-29T10:00:00Z', false],
    ['date-time', '2024-01-01T24:00:00Z', false],
    ['date-time', '2024-01-01', false],
    ['date', '2024-12-31', true],
    ['duration', '1h', true],
    ['duration', '1.5s', true],
    ['duration', '0', true],
    ['duration', '3 days', true],
    ['duration', 'abc', false],
    ['byte', 'aGVsbG8=', true],
    ['byte', 'not base64!', false],
    ['ipv4', '10.0.0.1', true],
    ['ipv4', '10.0.0.256', false],
    ['ipv6', '::1', true],
    ['ipv6', 'fe80::1:2:3:4', true],
    ['ipv6', '1::2::3', false],
    ['cidr', '10.0.0.0/8', true],
    ['cidr', '10.0.0.0/33', false],
    ['uuid', '123e4567-e89b-12d3-a456-426614174000', true],
  ])('checks %s %j', (format, value, ok) => {
    expect(formatChecker(format)?.(value)).toBe(ok)
  })

  it('knows nothing of formats kube-openapi does not check', () => {
    expect(formatChecker('int32')).toBeUndefined()
    expect(formatChecker(undefined)).toBeUndefined()
  })
})
