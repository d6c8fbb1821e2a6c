/** @module Go's address rules: net.ParseIP, govalidator.IsDNSName, net.SplitHostPort, url.ParseRequestURI. */
import { describe, expect, it } from 'vitest'
import { isCIDR, isDNSName, isIP, splitHostPort } from './net'
import { parseRequestURI } from './url'

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

describe('Go address rules', () => {
  it.each([
    ['192.168.0.1', true],
    ['::1', true],
    ['fd00::1:2', true],
    ['::ffff:10.0.0.1', true],
    ['010.0.0.1', false],
    ['256.0.0.1', false],
    ['1:2:3:4:5:6:7:8:9', false],
  ])('isIP(%s) is %s', (s, ok) => expect(isIP(s)).toBe(ok))

  it.each([
    ['example.com', true],
    ['my_host', true],
    ['..>_<..', false],
    ['1.2.3.4', false],
  ])('isDNSName(%s) is %s', (s, ok) => expect(isDNSName(s)).toBe(ok))

  it.each([
    ['/metrics', true],
    ['metrics', false],
    ['', false],
    ['http://zipkin:9411/api', true],
    ['http://zipkin:port/api', false],
  ])('parseRequestURI(%s) succeeds: %s', (s, ok) =>
    expect(parseRequestURI(s) !== undefined).toBe(ok),
  )

  it('reads the port of a URL and splits host:port', () => {
    expect(parseRequestURI('http://zipkin.local/api')?.port).toBe('')
    expect(splitHostPort('kibana:1234')).toEqual({ host: 'kibana', port: '1234' })
    expect(splitHostPort('kibana')).toBeUndefined()
  })
})

describe('Go network parsing edge cases', () => {
  it.each([
    ['10.0.0.0/8', true],
    ['fd00::/64', true],
    ['10.0.0.0/33', false],
    ['10.0.0.0', false],
  ])('isCIDR(%s) is %s', (s, ok) => expect(isCIDR(s)).toBe(ok))

  it.each(['[::1]:8080', 'host:80'])('splitHostPort accepts %s', (s) =>
    expect(splitHostPort(s)).toBeDefined(),
  )
  it.each(['host:1[', '[::1]:8[', 'a:b:c', '[::1]'])('splitHostPort rejects %s', (s) =>
    expect(splitHostPort(s)).toBeUndefined(),
  )
})
