/** @module Go's url.Parse / url.ParseRequestURI and govalidator.IsURL. */
import { describe, expect, it } from 'vitest'
import { goURLPort, isURL, parseGoURL, parseRequestURI } from './url'

describe('parseGoURL', () => {
  it.each([
    ['http://zipkin:9411/api', true, true],
    ['*', true, true],
    ['', true, false],
    ['relative/path', true, false],
    [':no-scheme', false, false],
    ['http://a b/', false, false],
    ['http://host:port/', false, false],
    ['http://[::1]:8080/', true, true],
    ['http://host/%zz', false, false],
  ])('parses %j (url.Parse: %s, ParseRequestURI: %s)', (raw, parse, request) => {
    expect(parseGoURL(raw) !== undefined).toBe(parse)
    expect(parseGoURL(raw, true) !== undefined).toBe(request)
  })

  it('reads the parts Kuma looks at', () => {
    const u = parseGoURL('http://user@agent:8126/path?q=1', true)
    expect(u).toMatchObject({ scheme: 'http', user: true, host: 'agent:8126', path: '/path' })
    expect(u && goURLPort(u)).toBe('8126')
    expect(parseRequestURI('http://[::1]:9411/api')).toEqual({
      scheme: 'http',
      host: '[::1]',
      port: '9411',
    })
  })
})

describe('isURL', () => {
  it.each([
    ['http://zipkin:9411/api/v2/spans', true],
    ['tcp://logstash:5000', true],
    ['logstash:5000', true],
    ['not a url', false],
    ['.example.com', false],
  ])('isURL(%j) is %s', (s, ok) => expect(isURL(s)).toBe(ok))
})
