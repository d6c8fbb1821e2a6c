/** @module govalidator's IsFilePath and IsJSON, RE2 syntax, go-spiffe IDs. */
import { describe, expect, it } from 'vitest'
import { isFilePath, isJSON, isRE2, spiffeIDError } from './formats'

describe('spiffeIDError', () => {
  it.each([
    ['spiffe://example.org/ns/default', undefined],
    ['spiffe://example.org', undefined],
    ['', 'cannot be empty'],
    ['http://example.org', 'scheme is missing or invalid'],
    ['spiffe://', 'trust domain is missing'],
    [
      'spiffe://Example.org',
      'trust domain characters are limited to lowercase letters, numbers, dots, dashes, and underscores',
    ],
    ['spiffe://example.org/a/', 'path cannot have a trailing slash'],
    ['spiffe://example.org/a//b', 'path cannot contain empty segments'],
    ['spiffe://example.org/../b', 'path cannot contain dot segments'],
    [
      'spiffe://example.org/a b',
      'path segment characters are limited to letters, numbers, dots, dashes, and underscores',
    ],
  ])('spiffeIDError(%j) is %j', (id, problem) => expect(spiffeIDError(id)).toBe(problem))
})

describe('text checks', () => {
  it.each([
    ['/var/log/access.log', true],
    ['C:\\logs\\access.log', true],
    ['relative.log', false],
  ])('isFilePath(%j) is %s', (s, ok) => expect(isFilePath(s)).toBe(ok))

  it('tells JSON from not JSON', () => {
    expect(isJSON('{"a": "b"}')).toBe(true)
    expect(isJSON('{"a": "b}')).toBe(false)
  })

  it.each([
    ['^envoy_cluster_.*', true],
    ['(?P<name>a)', true],
    ['a(?=b)', false],
    ['(a)\\1', false],
    ['[', false],
  ])('isRE2(%j) is %s', (s, ok) => expect(isRE2(s)).toBe(ok))
})
