/** @module Tests of Go duration rendering and of the duration fields of stored specs. */
import { describe, expect, it } from 'vitest'
import {
  canonicalConf,
  canonicalDuration,
  canonicalSpec,
  formatGoDuration,
  parseGoDuration,
} from './durations'

describe('Go durations', () => {
  it.each([
    ['20m', '20m0s'],
    ['1h', '1h0m0s'],
    ['60s', '1m0s'],
    ['90s', '1m30s'],
    ['7s', '7s'],
    ['1.5s', '1.5s'],
    ['1500ms', '1.5s'],
    ['100ms', '100ms'],
    ['0.5ms', '500µs'],
    ['10us', '10µs'],
    ['3ns', '3ns'],
    ['0', '0s'],
    ['0s', '0s'],
    ['1h30m', '1h30m0s'],
    ['2h45m10.25s', '2h45m10.25s'],
    ['-5m', '-5m0s'],
    ['+5s', '5s'],
    ['.5s', '500ms'],
    ['8760h', '8760h0m0s'],
  ])('renders %s as Go does: %s', (input, want) => {
    expect(canonicalDuration(input)).toBe(want)
  })

  it.each(['', 'abc', '5', '1d', '.s', '5 s'])('leaves %j alone: Go cannot parse it', (input) => {
    expect(parseGoDuration(input)).toBeUndefined()
    expect(canonicalDuration(input)).toBe(input)
  })

  it('formats nanosecond counts the way time.Duration.String does', () => {
    expect(formatGoDuration(3_723_000_000_000n)).toBe('1h2m3s')
    expect(formatGoDuration(1_000_001n)).toBe('1.000001ms')
  })
})

describe('canonicalConf', () => {
  it('rewrites the duration fields of a MeshTimeout conf and nothing else', () => {
    const conf = {
      idleTimeout: '60s',
      http: { requestTimeout: '10s', streamIdleTimeout: '1h', maxStreamDuration: '30m' },
      other: '20m',
    }
    expect(canonicalConf('MeshTimeout', conf)).toEqual({
      idleTimeout: '1m0s',
      http: { requestTimeout: '10s', streamIdleTimeout: '1h0m0s', maxStreamDuration: '30m0s' },
      other: '20m',
    })
    expect(conf.idleTimeout).toBe('60s')
  })

  it('steps into lists (MeshFaultInjection http[].delay.value)', () => {
    const conf = { http: [{ delay: { value: '120s', percentage: 50 } }, { abort: {} }] }
    expect(canonicalConf('MeshFaultInjection', conf)).toEqual({
      http: [{ delay: { value: '2m0s', percentage: 50 } }, { abort: {} }],
    })
  })

  it('returns confs of kinds without durations unchanged', () => {
    const conf = { passthroughMode: 'None' }
    expect(canonicalConf('MeshPassthrough', conf)).toBe(conf)
  })
})

describe('canonicalSpec', () => {
  it('rewrites the conf of every to, from and rules item and the top-level default', () => {
    const spec = {
      targetRef: { kind: 'Mesh' },
      default: { idleTimeout: '60s' },
      to: [{ targetRef: { kind: 'Mesh' }, default: { idleTimeout: '1m' } }],
      from: [{ targetRef: { kind: 'Mesh' }, default: { connectionTimeout: '90s' } }],
      rules: [{ default: { http: { requestTimeout: '120s' } } }],
    }
    expect(canonicalSpec('MeshTimeout', spec)).toEqual({
      targetRef: { kind: 'Mesh' },
      default: { idleTimeout: '1m0s' },
      to: [{ targetRef: { kind: 'Mesh' }, default: { idleTimeout: '1m0s' } }],
      from: [{ targetRef: { kind: 'Mesh' }, default: { connectionTimeout: '1m30s' } }],
      rules: [{ default: { http: { requestTimeout: '2m0s' } } }],
    })
    expect(spec.to[0].default.idleTimeout).toBe('1m')
  })

  it('leaves durations Go cannot parse as they are', () => {
    const spec = { to: [{ default: { idleTimeout: '1d' } }] }
    expect(canonicalSpec('MeshTimeout', spec)).toEqual(spec)
  })

  it('rewrites the duration fields of a MeshIdentity spec', () => {
    const spec = {
      provider: { type: 'Bundled', bundled: { certificateParameters: { expiry: '24h' } } },
    }
    expect(canonicalSpec('MeshIdentity', spec)).toEqual({
      provider: { type: 'Bundled', bundled: { certificateParameters: { expiry: '24h0m0s' } } },
    })
  })

  it('returns specs of kinds without durations unchanged', () => {
    const spec = { ports: [{ port: 80 }] }
    expect(canonicalSpec('MeshService', spec)).toBe(spec)
  })
})
