import { describe, expect, it } from 'vitest'
import { PathBuilder, ValidationError } from './validation-error'

describe('PathBuilder', () => {
  it('renders fields, indexes and keys as Kuma does', () => {
    const p = PathBuilder.rootedAt('spec').field('to').index(0).field('tags').key('kuma.io/service')
    expect(p.toString()).toBe('spec.to[0].tags["kuma.io/service"]')
  })
})

describe('ValidationError', () => {
  it('re-roots nested violations under a path', () => {
    const inner = new ValidationError()
      .addViolation('targetRef.kind', 'bad')
      .addViolation('', 'root')
    const outer = new ValidationError().addErrorAt(
      PathBuilder.rootedAt('spec').field('to').index(1),
      inner,
    )
    expect(outer.violations).toEqual([
      { field: 'spec.to[1].targetRef.kind', message: 'bad' },
      { field: 'spec.to[1]', message: 'root' },
    ])
  })
})
