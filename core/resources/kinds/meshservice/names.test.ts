import { describe, expect, it } from 'vitest'
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isDNSName, isIP } from './names'

describe('isIP', () => {
  it.each([
    '1.1.1.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    '2001:db8::8a2e:370:7334',
    '::ffff:1.2.3.4',
    '1:2:3:4:5:6:7:8',
  ])('accepts %s', (ip) => expect(isIP(ip)).toBe(true))
  it.each([
    '',
    '1.1.1',
    '256.1.1.1',
    '01.1.1.1',
    '1.1.1.1.1',
    'example.com',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    'fe80::1%eth0',
  ])('rejects %s', (ip) => expect(isIP(ip)).toBe(false))
})

describe('isDNSName', () => {
  it.each(['example.com', 'otel-collector.observability', 'localhost', 'a_b.c', 'example.com.'])(
    'accepts %s',
    (n) => expect(isDNSName(n)).toBe(true),
  )
  it.each(['', '1.1.1.1', 'not[]valid', 'not a valid address!@#', '-a.com', 'a..b'])(
    'rejects %s',
    (n) => expect(isDNSName(n)).toBe(false),
  )
})

describe('Kubernetes DNS name rules', () => {
  it('reports a dotted DNS-1123 label as containing dots', () => {
    expect(isDNS1123Label('aa.a')).toEqual(['must not contain dots'])
  })

  it('reports length and format of a DNS-1035 label separately', () => {
    expect(isDNS1035Label('1' + 'a'.repeat(63))).toEqual([
      'must be no more than 63 characters',
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ])
  })

  it('accepts a DNS-1123 subdomain and rejects a leading dot', () => {
    expect(isDNS1123Subdomain('name.mesh')).toEqual([])
    expect(isDNS1123Subdomain('.name.mesh')).toHaveLength(1)
  })
})
