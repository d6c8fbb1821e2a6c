/** @module Kubernetes' RFC 1123 and RFC 1035 name rules. */
import { describe, expect, it } from 'vitest'
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain } from './names'

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
