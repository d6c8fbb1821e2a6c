import { describe, expect, it } from 'vitest'
import { sha256, sha256Base64 } from './sha256'

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('')

describe('sha256', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('hashes %j to the FIPS 180-4 test vector', (input, want) => {
    expect(hex(sha256(new TextEncoder().encode(input)))).toBe(want)
  })

  it('hashes inputs spanning several blocks', () => {
    expect(hex(sha256(new TextEncoder().encode('a'.repeat(1000))))).toBe(
      '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3',
    )
  })

  it('encodes the digest in standard base64 as Kuma does', () => {
    expect(sha256Base64('[{"headers":[{"type":"Exact","name":"foo","value":"bar"}]}]')).toBe(
      'yM0/dbXyGi3nh/16+QCWa0maH7RkPXftZ4fkR+vFOjA=',
    )
  })
})
