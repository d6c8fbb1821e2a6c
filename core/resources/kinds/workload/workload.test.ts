/** @module Workload: its descriptor and Kuma's name-length rule. */
import { describe, expect, it } from 'vitest'
import { kindByPlural } from '../../registry'
import { kind } from './index'

describe('Workload', () => {
  it('is registered as Kuma describes it', () => {
    expect(kindByPlural('workloads')).toBe(kind)
    expect(kind).toMatchObject({
      shortName: 'wl',
      scope: 'Mesh',
      hasStatus: true,
      includeInFederation: false,
    })
  })

  it('limits the display name to 253 characters', () => {
    const long = 'a'.repeat(254)
    expect(kind.validate!({}, { name: 'w', mesh: 'default', labels: {} }).violations).toEqual([])
    expect(
      kind.validate!({}, { name: 'w', mesh: 'default', labels: { 'kuma.io/display-name': long } })
        .violations,
    ).toEqual([{ field: 'name', message: 'must not be longer than 253 characters' }])
  })

  it('registers the read-only insight kinds and the zone-ingresses path', () => {
    for (const plural of [
      'dataplane-insights',
      'zone-insights',
      'zone-ingress-insights',
      'zoneegressinsights',
      'mesh-insights',
      'service-insights',
    ]) {
      expect(kindByPlural(plural)?.readOnly).toBe(true)
    }
    expect(kindByPlural('zone-ingresses')?.name).toBe('ZoneIngress')
  })
})
