import { describe, expect, it } from 'vitest'
import { goString, hashHttpMatches } from './http-matches'

describe('hashHttpMatches', () => {
  it.each([
    ['bar', 'yM0/dbXyGi3nh/16+QCWa0maH7RkPXftZ4fkR+vFOjA='],
    ['baz', '7AL18PkCPj3JAlwamTpzmVg7/sLnT8IXWtQljrRqs+4='],
    ['bazz', 'tX9tfbEoFumfHilx1E5h3KWj9aB7Zbw0+bi2Mq2yRaw='],
  ])('gives the hash Kuma prints for a header match on %s', (value, want) => {
    // keys deliberately out of Go's field order: the hash must not depend on it
    const matches = [{ headers: [{ value, name: 'foo', type: 'Exact' }] }]
    expect(hashHttpMatches(matches)).toBe(want)
  })

  it('orders path fields as Go does (value before type)', () => {
    const a = hashHttpMatches([{ path: { type: 'PathPrefix', value: '/api' } }])
    const b = hashHttpMatches([{ path: { value: '/api', type: 'PathPrefix' } }])
    expect(a).toBe(b)
  })
})

describe('goString', () => {
  it('escapes HTML characters as Go does', () => {
    expect(goString('<a&b>')).toBe('"\\u003ca\\u0026b\\u003e"')
  })
})
