/** @module Tests of Kuma's system labels on a standalone zone and on a global control plane. */
import { describe, expect, it } from 'vitest'
import type { ResourceKind } from './kind'
import {
  computeLabels,
  type LabelContext,
  validateLabels,
  validateOriginForWrite,
  validateImmutableLabels,
} from './labels'

const kind = (over: Partial<ResourceKind>) =>
  ({
    name: 'MeshTimeout',
    scope: 'Mesh',
    providedByZone: true,
    isProxy: false,
    ...over,
  }) as ResourceKind

const zone: LabelContext = { mode: 'zone', zone: 'east', mesh: 'default' }
const global: LabelContext = { mode: 'global', zone: '', mesh: 'default' }

const violations = (labels: Record<string, string>, ctx: LabelContext) =>
  validateLabels(labels, ctx).violations.map((v) => `${v.field}: ${v.message}`)

describe('computeLabels', () => {
  it('stamps mesh, origin, zone and env on what a zone creates', () => {
    expect(computeLabels(kind({}), {}, { mode: 'zone', mesh: 'm1', zone: 'east' })).toEqual({
      'kuma.io/mesh': 'm1',
      'kuma.io/origin': 'zone',
      'kuma.io/zone': 'east',
      'kuma.io/env': 'universal',
    })
  })

  it('stamps no zone or env on a zone for resources that came from global', () => {
    const given = { 'kuma.io/origin': 'global' }
    expect(computeLabels(kind({}), given, { mode: 'zone', mesh: 'm1', zone: 'east' })).toEqual({
      'kuma.io/mesh': 'm1',
      'kuma.io/origin': 'global',
    })
  })

  it('stamps only the mesh (and proxy type) on a global control plane', () => {
    expect(computeLabels(kind({}), { a: 'b' }, { mode: 'global', mesh: '', zone: '' })).toEqual({
      a: 'b',
      'kuma.io/mesh': 'default',
    })
    const dataplane = kind({ name: 'Dataplane', isProxy: true })
    const opts = { mode: 'global', mesh: 'm1', zone: '', proxyType: 'sidecar' } as const
    expect(computeLabels(dataplane, {}, opts)).toEqual({
      'kuma.io/mesh': 'm1',
      'kuma.io/proxy-type': 'sidecar',
    })
  })

  it('stamps nothing but the mesh on kinds zones do not provide', () => {
    const k = kind({ providedByZone: false })
    expect(computeLabels(k, {}, { mode: 'zone', mesh: 'm1', zone: 'east' })).toEqual({
      'kuma.io/mesh': 'm1',
    })
  })
})

describe('validateLabels', () => {
  it('accepts both origins on a zone and refuses unknown ones', () => {
    expect(violations({ 'kuma.io/origin': 'global' }, zone)).toEqual([])
    expect(violations({ 'kuma.io/origin': 'zone' }, zone)).toEqual([])
    expect(violations({ 'kuma.io/origin': 'elsewhere' }, zone)).toEqual([
      '["kuma.io/origin"]: unknown resource origin "elsewhere"',
    ])
  })

  it('wants origin global, or none, on a global control plane', () => {
    expect(violations({}, global)).toEqual([])
    expect(violations({ 'kuma.io/origin': 'global' }, global)).toEqual([])
    expect(violations({ 'kuma.io/origin': 'zone' }, global)).toEqual([
      `["kuma.io/origin"]: the origin label must be set to 'global'`,
    ])
    expect(violations({ 'kuma.io/origin': 'x' }, global)).toEqual([
      '["kuma.io/origin"]: unknown resource origin "x"',
      `["kuma.io/origin"]: the origin label must be set to 'global'`,
    ])
  })

  it('refuses another zone or mesh label for a zone-originated resource on a zone', () => {
    expect(violations({ 'kuma.io/zone': 'west', 'kuma.io/mesh': 'other' }, zone)).toEqual([
      '["kuma.io/zone"]: kuma.io/zone label should have east value',
      '["kuma.io/mesh"]: kuma.io/mesh label must not differ from mesh set on resource',
    ])
    expect(violations({ 'kuma.io/zone': 'east', 'kuma.io/mesh': 'default' }, zone)).toEqual([])
  })

  it('lets resources from global, and any resource on global, name other zones and meshes', () => {
    const labels = { 'kuma.io/zone': 'west', 'kuma.io/mesh': 'other' }
    expect(violations({ ...labels, 'kuma.io/origin': 'global' }, zone)).toEqual([])
    expect(violations(labels, global)).toEqual([])
  })
})

describe('validateOriginForWrite', () => {
  it('lets a global control plane change only its own resources', () => {
    expect(validateOriginForWrite({ 'kuma.io/origin': 'zone' }, 'global').violations).toHaveLength(
      1,
    )
    expect(validateOriginForWrite({ 'kuma.io/origin': 'global' }, 'global').hasViolations()).toBe(
      false,
    )
    expect(validateOriginForWrite({}, 'global').hasViolations()).toBe(false)
    expect(validateOriginForWrite({ 'kuma.io/origin': 'zone' }, 'zone').hasViolations()).toBe(false)
  })
})

describe('validateImmutableLabels', () => {
  it('refuses changing or removing the origin', () => {
    const err = validateImmutableLabels({ 'kuma.io/origin': 'zone' }, {})
    expect(err.violations[0].message).toBe('is immutable, cannot be removed (was "zone")')
  })
})
