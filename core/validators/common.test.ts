/** @module Kuma's shared value validators. */
import { describe, expect, it } from 'vitest'
import {
  durationGreaterThanZeroOrNil,
  durationNotNegative,
  pathOrNil,
  percentage,
  validateLength,
  validatePort,
} from './common'
import { parseDuration } from './duration'
import { PathBuilder, type ValidationError } from './validation-error'

const at = PathBuilder.rootedAt('x')
const messages = (err: ValidationError) => err.violations.map((v) => v.message)

describe('Kuma common validators', () => {
  it('reads Go durations, undefined where Go fails', () => {
    expect(parseDuration('1m30s')).toBe(90e9)
    expect(parseDuration('-1s')).toBe(-1e9)
    expect(parseDuration('1')).toBeUndefined()
  })

  it('checks durations only when they parse', () => {
    expect(messages(durationGreaterThanZeroOrNil(at, '0s'))).toEqual([
      'must be greater than zero when defined',
    ])
    expect(messages(durationGreaterThanZeroOrNil(at, undefined))).toEqual([])
    expect(messages(durationNotNegative(at, undefined))).toEqual(['must be defined'])
    expect(messages(durationNotNegative(at, '-1s'))).toEqual(['must not be negative when defined'])
  })

  it.each([
    [50, true, []],
    ['12.5', true, []],
    ['abc', true, ['string must be a valid number']],
    [101, false, ['must be in inclusive range [0.0, 100.0]']],
    [undefined, true, ['must be defined']],
    [undefined, false, []],
  ])('percentage(%j, required %s) says %j', (v, required, want) =>
    expect(messages(percentage(at, v, { required }))).toEqual(want),
  )

  it('checks ports, paths and lengths', () => {
    expect(messages(validatePort(at, 0))).toEqual(['port must be a valid (1-65535)'])
    expect(messages(validatePort(at, 8080))).toEqual([])
    expect(messages(pathOrNil(at, 'relative'))).toEqual(['must be a valid path when defined'])
    expect(messages(validateLength(at, 3, 'ééé'))).toEqual(['must not be longer than 3 characters'])
  })
})
