/** @module Tests of kumo-agent's configuration: flags over env over file, every error reported. */
import { describe, expect, it } from 'vitest'
import { parseConfig } from './config'

const required = ['--control-plane', 'http://edge:5681', '--zone', 'z1', '--zone-token', '/t']

describe('parseConfig', () => {
  it('reads flags with defaults for the rest', () => {
    const r = parseConfig(required, {})
    expect(r).toMatchObject({
      ok: true,
      config: {
        controlPlane: 'http://edge:5681',
        zone: 'z1',
        adsAddress: '127.0.0.1:5678',
        apiAddress: '127.0.0.1:5679',
        holdSeconds: 25,
      },
    })
  })

  it('takes flags over KUMO_* variables over the config file', () => {
    const file =
      'controlPlane: http://file\nzone: from-file\nzoneTokenFile: /f\nadsAddress: 0.0.0.0:1\n'
    const r = parseConfig(
      ['--config', 'c.yaml', '--zone', 'flag'],
      { KUMO_ADS_ADDRESS: '0.0.0.0:2' },
      () => file,
    )
    expect(r).toMatchObject({
      ok: true,
      config: { zone: 'flag', adsAddress: '0.0.0.0:2', controlPlane: 'http://file' },
    })
  })

  it('reports every problem at once', () => {
    const r = parseConfig(['--control-plane', 'ftp://x', '--bogus', '1', '--hold', '99'], {})
    expect(r.ok).toBe(false)
    expect(!r.ok && !r.help && r.errors).toEqual([
      'unknown flag --bogus',
      '--zone (or KUMO_ZONE) is required',
      '--zone-token (or KUMO_ZONE_TOKEN_FILE) is required',
      '--control-plane must be an http(s) URL, not "ftp://x"',
      '--hold must be 0..25 seconds',
    ])
  })

  it('answers --help', () => {
    expect(parseConfig(['--help'], {})).toEqual({ ok: false, help: true })
  })
})
