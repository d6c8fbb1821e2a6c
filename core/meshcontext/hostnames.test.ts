import { describe, expect, it } from 'vitest'
import {
  generateHostname,
  inspectHostnames,
  sortHostnameGenerators,
  zoneOfResource,
} from './hostnames'
import { meshService, record } from './testing'

const hg = (name: string, template: string, selector: Record<string, unknown>, labels = {}) =>
  record('HostnameGenerator', name, { template, selector }, { labels })

const svc = meshService('test-server-syncedhash', [{ port: 80 }], {
  'kuma.io/origin': 'zone',
  'kuma.io/env': 'universal',
  'kuma.io/display-name': 'test-server',
  'kuma.io/zone': 'west',
})

describe('generateHostname', () => {
  it('renders the template for a service its selector matches', () => {
    const g = hg('g', '{{ .DisplayName }}.{{ .Name }}.{{ .Mesh }}.{{ .Zone }}{{ .Namespace }}', {
      meshService: { matchLabels: { 'kuma.io/env': 'universal' } },
    })
    expect(generateHostname('local', g, svc, true)).toEqual({
      ok: true,
      hostname: 'test-server.test-server-syncedhash.default.west',
    })
  })

  it('gives no hostname when the selector is for another kind or does not match', () => {
    const other = hg('g', 'x', { meshExternalService: {} })
    expect(generateHostname('local', other, svc, true)).toEqual({ ok: true, hostname: '' })
    const miss = hg('g', 'x', { meshService: { matchLabels: { 'kuma.io/env': 'kubernetes' } } })
    expect(generateHostname('local', miss, svc, true)).toEqual({ ok: true, hostname: '' })
  })

  it('uses the local zone and the name when the labels lack them', () => {
    const g = hg('g', '{{ .DisplayName }}.{{ .Zone }}', { meshService: {} })
    const bare = record('MeshService', 'bare', {})
    expect(generateHostname('east', g, bare, true)).toEqual({ ok: true, hostname: 'bare.east' })
  })

  it('reads labels with the label function and fails on a missing one', () => {
    const g = hg('g', '{{ label "kuma.io/env" }}.{{ label "nope" }}', { meshService: {} })
    const res = generateHostname('z', g, svc, true)
    expect(res.ok).toBe(false)
    const ok = hg('g', '{{ label "kuma.io/env" }}.mesh', { meshService: {} })
    expect(generateHostname('z', ok, svc, true)).toEqual({ ok: true, hostname: 'universal.mesh' })
  })

  it('checks the DNS shape only when asked to', () => {
    const g = hg('g', 'Upper.{{ .DisplayName }}', { meshService: {} })
    expect(generateHostname('z', g, svc, true).ok).toBe(false)
    expect(generateHostname('z', g, svc, false)).toEqual({
      ok: true,
      hostname: 'Upper.test-server',
    })
  })
})

describe('inspectHostnames', () => {
  const gens = [
    hg('on-global', '{{ .DisplayName }}.svc.{{ .Zone }}.mesh.local', {
      meshService: { matchLabels: { 'kuma.io/origin': 'global' } },
    }),
    hg('on-zone', '{{ .DisplayName }}.svc.{{ .Zone }}.zone.mesh.local', {
      meshService: { matchLabels: { 'kuma.io/origin': 'zone' } },
    }),
    hg('any', '{{ .DisplayName }}.svc.{{ .Zone }}.zone.mesh.local', { meshService: {} }),
  ]

  it('looks at the service with its own origin on a zone control plane', () => {
    expect(inspectHostnames(svc, gens, false)).toEqual({
      ok: true,
      value: {
        items: [{ hostname: 'test-server.svc.west.zone.mesh.local', zones: [{ name: 'west' }] }],
        total: 1,
      },
    })
  })

  it('looks at the service with both origins on a global control plane', () => {
    const res = inspectHostnames(svc, gens, true)
    expect(res.ok && res.value.items?.map((i) => i.hostname)).toEqual([
      'test-server.svc.west.mesh.local',
      'test-server.svc.west.zone.mesh.local',
    ])
  })

  it('answers items null when no generator applies', () => {
    expect(inspectHostnames(svc, [], false)).toEqual({ ok: true, value: { items: null, total: 0 } })
  })

  it('names the zone of a service without zone label after the first part of its name', () => {
    expect(zoneOfResource(record('MeshExternalService', 'mes-1.x', {}))).toBe('mes-1')
  })
})

describe('sortHostnameGenerators', () => {
  it('puts zone-origin generators first, then the oldest, then by name', () => {
    const a = hg('a', 'x', {}, { 'kuma.io/origin': 'global' })
    const b = {
      ...hg('b', 'x', {}, { 'kuma.io/origin': 'zone' }),
      creationTime: '2030-01-01T00:00:00Z',
    }
    const c = hg('c', 'x', {}, { 'kuma.io/origin': 'zone' })
    expect(sortHostnameGenerators([a, b, c]).map((g) => g.name)).toEqual(['c', 'b', 'a'])
  })
})
