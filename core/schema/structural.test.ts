import { describe, expect, it } from 'vitest'
import { applyDefaults, pruneUnknown, resourceSchema } from './structural'
import type { JSONSchemaProps } from './types'

const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    mode: { type: 'string', default: 'Auto' },
    conf: {
      type: 'object',
      default: {},
      properties: { timeout: { type: 'string', default: '15s' }, ratio: { type: 'integer' } },
    },
    list: {
      type: 'array',
      items: { type: 'object', properties: { weight: { type: 'integer', default: 1 } } },
    },
    byName: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: { on: { type: 'boolean', default: true } },
      },
    },
    opaque: {
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
      properties: { a: { type: 'object' } },
    },
    maybe: { type: 'string', nullable: true, default: 'x' },
  },
}

describe('applyDefaults', () => {
  it.each<[string, unknown, unknown]>([
    [
      'fills absent fields and defaults inside the defaults it set',
      {},
      { mode: 'Auto', conf: { timeout: '15s' }, maybe: 'x' },
    ],
    [
      'keeps given values and replaces a non-nullable null',
      { mode: null, conf: { timeout: '1s' }, maybe: null },
      { mode: 'Auto', conf: { timeout: '1s' }, maybe: null },
    ],
    [
      'defaults array items and map values',
      { list: [{}, { weight: 5 }], byName: { a: {} } },
      {
        mode: 'Auto',
        conf: { timeout: '15s' },
        maybe: 'x',
        list: [{ weight: 1 }, { weight: 5 }],
        byName: { a: { on: true } },
      },
    ],
  ])('%s', (_, input, expected) => {
    applyDefaults(input, schema)
    expect(input).toEqual(expected)
  })

  it('never shares a default object between two resources', () => {
    const a: Record<string, unknown> = {}
    const b: Record<string, unknown> = {}
    applyDefaults(a, schema)
    applyDefaults(b, schema)
    ;(a.conf as Record<string, unknown>).ratio = 2
    expect(b.conf).toEqual({ timeout: '15s' })
  })
})

describe('pruneUnknown', () => {
  it('removes undeclared fields and reports their paths', () => {
    const value = {
      mode: 'Auto',
      extra: 1,
      conf: { timeout: '1s', typo: true },
      list: [{ weight: 1, w: 2 }],
      byName: { a: { on: true, off: false } },
      opaque: { anything: 1, a: { b: 2 } },
    }
    expect(pruneUnknown(value, schema, 'spec')).toEqual([
      'spec.extra',
      'spec.conf.typo',
      'spec.list[0].w',
      'spec.byName["a"].off',
      'spec.opaque.a.b',
    ])
    expect(value).toEqual({
      mode: 'Auto',
      conf: { timeout: '1s' },
      list: [{ weight: 1 }],
      byName: { a: { on: true } },
      opaque: { anything: 1, a: {} },
    })
  })
})

describe('resourceSchema', () => {
  it('builds the mesh-scoped item schema of Kuma rest.yaml', () => {
    const spec: JSONSchemaProps = { type: 'object' }
    const s = resourceSchema('MeshTimeout', spec, 'Mesh')
    expect(s.required).toEqual(['type', 'name', 'spec'])
    expect(s.properties?.type).toEqual({ type: 'string', enum: ['MeshTimeout'] })
    expect(s.properties?.mesh).toEqual({ type: 'string', default: 'default' })
    expect(s.properties?.labels).toEqual({
      type: 'object',
      additionalProperties: { type: 'string' },
    })
    expect(s.properties?.spec).toBe(spec)
  })

  it('leaves mesh out of global kinds and accepts any spec when none is known', () => {
    const s = resourceSchema('HostnameGenerator', undefined, 'Global')
    expect(s.properties?.mesh).toBeUndefined()
    const value = { type: 'HostnameGenerator', name: 'a', mesh: 'default', spec: { x: 1 } }
    expect(pruneUnknown(value, s, '')).toEqual(['mesh'])
    expect(value.spec).toEqual({ x: 1 })
  })
})
