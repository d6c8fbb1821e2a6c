/** @module Zone inline fields and the DNS-1035 name warning. */
import { describe, expect, it } from 'vitest'
import { checkInlineShape, codec, kind } from './index'

const ctx = (name: string, labels: Record<string, string> = {}) => ({ name, mesh: '', labels })

describe('Zone', () => {
  it('keeps an explicit enabled: false (a set BoolValue)', () => {
    expect(codec.decode({ type: 'Zone', name: 'z', enabled: false })).toEqual({
      value: { enabled: false },
    })
    expect(kind.validate!({ enabled: false }, ctx('zone-1')).violations).toEqual([])
  })

  it('rejects a non-boolean enabled', () => {
    expect(checkInlineShape({ enabled: 'true' })).toBe(
      'json: cannot unmarshal string into Go value of type bool',
    )
  })

  it.each([
    ['zone-1', {}, []],
    [
      'zone_1',
      {},
      [
        "Invalid Zone resource name: 'zone_1'. It does not conform to the DNS format (RFC 1035). This is deprecated. Errors: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    ['zone-1.abc', { 'kuma.io/display-name': 'zone-1' }, []],
  ])('warns about the name %s only when it is not a DNS-1035 label', (name, labels, expected) => {
    expect(kind.warnings!({}, ctx(name, labels))).toEqual(expected)
  })

  it('warns about names longer than 63 characters', () => {
    const name = 'a'.repeat(64)
    expect(kind.warnings!({}, ctx(name))).toEqual([
      `Invalid Zone resource name: '${name}'. It does not conform to the DNS format (RFC 1035). This is deprecated. Errors: must be no more than 63 characters`,
    ])
  })
})
