/** @module Tests of the conformance case reader and differ (pure, no Worker). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  actualOf,
  caseMode,
  compareBody,
  jsonDiff,
  legacyKinds,
  loadCase,
  meshPlan,
  normalize,
  parseActions,
  parseResources,
  tenantName,
} from './cases.mjs'

const get = (path: string) => ({ path, status: 200, method: 'GET' })

describe('parseActions', () => {
  it('reads actions from the leading comment lines and skips plain comments', () => {
    const text =
      '# absent resource\n#/meshes/default/dataplanes/dp-5 404 method=DELETE\n#/meshes 200\ntype: Mesh\n#/late 200\n'
    expect(parseActions(text)).toEqual([
      { path: '/meshes/default/dataplanes/dp-5', status: 404, method: 'DELETE' },
      { path: '/meshes', status: 200, method: 'GET' },
    ])
  })

  it('keeps query strings with brackets as they are', () => {
    const [a] = parseActions('#/meshes/default/dataplanes?filter[labels.a]=b 400\n')
    expect(a.path).toBe('/meshes/default/dataplanes?filter[labels.a]=b')
  })

  it('rejects an action whose status is not a number', () => {
    expect(() => parseActions('#/meshes ok\n')).toThrow('status code is not a number')
  })
})

describe('parseResources', () => {
  it('lets a repeated key override the earlier one, as Kuma reads YAML', () => {
    expect(parseResources('type: Mesh\nname: a\nname: b\n---\n')).toEqual([
      { type: 'Mesh', name: 'b' },
    ])
  })
})

describe('legacyKinds', () => {
  it.each([
    [[{ type: 'TrafficRoute', name: 'r', mesh: 'default' }], [get('/meshes')], ['TrafficRoute']],
    [[], [get('/meshes/default/circuit-breakers/cb')], ['CircuitBreaker']],
    [[], [get('/traffic-routes')], ['TrafficRoute']],
    [[], [get('/meshes/default/meshtimeouts/timeouts')], []],
    [
      [{ type: 'MeshGateway', name: 'gw', mesh: 'default' }],
      [get('/meshes/default/meshgateways/gw/_rules')],
      [],
    ],
  ])(
    'finds the legacy kinds of a case from its resources and paths (%#)',
    (resources, actions, want) => {
      expect(legacyKinds({ resources, actions })).toEqual(want)
    },
  )
})

describe('meshPlan', () => {
  it('replaces the tenant default mesh when the case declares its own', () => {
    expect(meshPlan({ resources: [{ type: 'Mesh', name: 'default' }] }).deleteDefault).toBe(true)
  })

  it('removes the default mesh when the case declares no mesh and uses none', () => {
    expect(meshPlan({ resources: [{ type: 'GlobalSecret', name: 'gs' }] }).deleteDefault).toBe(true)
  })

  it('keeps the default mesh when undeclared resources live in it', () => {
    const plan = meshPlan({ resources: [{ type: 'Dataplane', name: 'dp', mesh: 'default' }] })
    expect(plan.deleteDefault).toBe(false)
    expect(plan.note).toContain('kept')
  })
})

describe('normalize', () => {
  it('blanks timestamps and the server address as Kuma does', () => {
    const body = '{"t":"2026-05-01T10:11:12.345Z","next":"http://127.0.0.1:4321/meshes?offset=2"}'
    expect(normalize(body, '127.0.0.1:4321')).toBe(
      '{"t":"0001-01-01T00:00:00Z","next":"http://{{address}}/meshes?offset=2"}',
    )
  })
})

describe('tenantName', () => {
  it('makes a DNS-1035 label of at most 63 characters', () => {
    const name = tenantName(
      12,
      'inspect/dataplanes/_policies/routes/multiple_merged_policies_targeting_route',
    )
    expect(name.length).toBeLessThanOrEqual(63)
    expect(name).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])?$/)
    expect(name.startsWith('c12-inspect-dataplanes')).toBe(true)
  })
})

describe('jsonDiff and compareBody', () => {
  it('ignores key order', () => {
    expect(jsonDiff({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toEqual([])
  })

  it('names every differing path', () => {
    expect(jsonDiff({ a: 1, b: [1, 2], c: 'x' }, { a: 2, b: [1], d: true })).toEqual([
      { path: '$.a', expected: '1', got: '2' },
      { path: '$.b.length', expected: '2', got: '1' },
      { path: '$.c', expected: '"x"', got: '(absent)' },
      { path: '$.d', expected: '(absent)', got: 'true' },
    ])
  })

  it('quotes keys that are not identifiers', () => {
    expect(jsonDiff({ 'kuma.io/zone': 'a' }, {})[0].path).toBe('$["kuma.io/zone"]')
  })

  it('wants an empty body when there is no golden file', () => {
    expect(compareBody(undefined, '')).toEqual([])
    expect(compareBody(undefined, '{}')).toHaveLength(1)
  })

  it('compares JSON structurally and other text literally', () => {
    expect(compareBody('{\n "a": 1\n}\n', '{"a":1}')).toEqual([])
    expect(compareBody('404 page not found\n', '404 page not found')).toEqual([])
    expect(compareBody('{"a":1}', '')).toEqual([
      { path: '$', expected: '{"a":1}', got: '(empty body)' },
    ])
  })
})

describe('loadCase', () => {
  it('numbers the files of a case with several actions and not those of a single one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kumo-cases-'))
    try {
      writeFileSync(join(dir, 'one.input.yaml'), '#/meshes 200\n')
      writeFileSync(join(dir, 'two.input.yaml'), '#/meshes 200\n#/zones 200\n')
      expect(loadCase(join(dir, 'one.input.yaml'), dir).actions.map((a) => a.suffix)).toEqual([''])
      const two = loadCase(join(dir, 'two.input.yaml'), dir)
      expect(two.actions.map((a) => a.suffix)).toEqual(['_00', '_01'])
      expect(two.actions[1].goldenFile).toBe(join(dir, 'two_01.golden.json'))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('caseMode', () => {
  it.each([
    ['inspect/services/_resources/hostnames/global', 'global'],
    ['global', 'global'],
    ['global/crud', 'global'],
    ['inspect/services/_resources/hostnames/zone', 'zone'],
    ['globalsecrets', 'zone'],
    ['.', 'zone'],
  ])('runs cases in %s against a %s control plane', (folder, mode) => {
    expect(caseMode({ folder })).toBe(mode)
  })
})

describe('actualOf', () => {
  it('keeps a JSON body as JSON, other text as text, and an empty body as null', () => {
    expect(actualOf(200, '{"a":1}\n')).toEqual({ status: 200, body: { a: 1 } })
    expect(actualOf(404, '404 page not found')).toEqual({ status: 404, body: '404 page not found' })
    expect(actualOf(200, '')).toEqual({ status: 200, body: null })
    expect(actualOf(200, 'null')).toEqual({ status: 200, body: null })
  })
})
