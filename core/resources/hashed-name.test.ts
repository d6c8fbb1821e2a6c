/** @module Tests of Kuma's hashed names of synced resources. */
import { describe, expect, it } from 'vitest'
import { hashedName } from './hashed-name'

describe('hashedName', () => {
  it('names a synced resource as Kuma does (matcher golden: a global policy in kuma-system)', () => {
    expect(hashedName('mesh-1', 'mtp-1', 'kuma-system')).toBe('mtp-1-w6b2779598z4fd75')
  })

  it('depends on every value hashed', () => {
    const a = hashedName('default', 'zone-ingress-1', 'east')
    expect(a).toMatch(/^zone-ingress-1-[bcdfghjklmnpqrstvwxz2456789]{16}$/)
    expect(hashedName('default', 'zone-ingress-1', 'west')).not.toBe(a)
    expect(hashedName('default', 'zone-ingress-1')).not.toBe(a)
  })

  it('shortens names that would exceed 253 characters with the hash', () => {
    expect(hashedName('m', 'a'.repeat(300))).toHaveLength(253)
  })
})
