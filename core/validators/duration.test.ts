/** @module Go's time.ParseDuration and jsonpb's Duration text. */
import { describe, expect, it } from 'vitest'
import { durationNanos, formatDuration, parseGoDuration } from './duration'

describe('Go durations', () => {
  it.each([
    ['0', '0s'],
    ['1.5s', '1.500s'],
    ['300ms', '0.300s'],
    ['1h', '3600s'],
    ['-2m', '-120s'],
    ['1us', '0.000001s'],
  ])('parses %s and writes %s', (text, canonical) => {
    const d = parseGoDuration(text)
    expect('nanos' in d && formatDuration(d.nanos)).toBe(canonical)
    expect('nanos' in d && durationNanos(canonical)).toBe('nanos' in d && d.nanos)
  })

  it.each(['', '.s', '1', 's', '1.2.3s'])('rejects %j', (text) => {
    expect(parseGoDuration(text)).toHaveProperty('error')
  })
})
