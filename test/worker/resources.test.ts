import { beforeAll, describe, expect, it } from 'vitest'
import { KINDS } from '../../core/resources/registry'
import { example } from '../fixtures/examples'
import { call, newTenant } from './harness'

let admin: string

beforeAll(async () => {
  admin = await newTenant('acme')
})

const pathOf = (kind: (typeof KINDS)[number], name: string, mesh = 'default') =>
  kind.scope === 'Mesh' ? `/meshes/${mesh}/${kind.plural}/${name}` : `/${kind.plural}/${name}`

describe('CRUD for every kind', () => {
  // read-only kinds (insights) are written by the system; insights.test.ts covers their 405s
  it.each(KINDS.filter((k) => !k.readOnly).map((k) => [k.name, k] as const))(
    'creates, reads, lists, updates and deletes a %s',
    async (_, kind) => {
      const name = `${kind.kumactlArg}-1`
      const body = example(kind.name, name)
      const path = pathOf(kind, name)

      const created = await call('PUT', path, { token: admin, body })
      expect(created.status, created.text).toBe(201)
      expect(created.headers.get('ETag')).toBe('"1"')

      const got = await call('GET', path, { token: admin })
      expect(got.status).toBe(200)
      expect(got.body.type).toBe(kind.name)
      expect(got.body.name).toBe(name)
      if (kind.scope === 'Mesh') {
        expect(got.body.mesh).toBe('default')
        expect(got.body.labels['kuma.io/mesh']).toBe('default')
      }
      if (kind.shortName) expect(got.body.kri).toMatch(new RegExp(`^kri_${kind.shortName}_`))

      const listPath = kind.scope === 'Mesh' ? `/meshes/default/${kind.plural}` : `/${kind.plural}`
      const listed = await call('GET', listPath, { token: admin })
      expect(listed.status).toBe(200)
      expect(listed.body.items.map((i: any) => i.name)).toContain(name)

      const updated = await call('PUT', path, { token: admin, body })
      expect(updated.status, updated.text).toBe(200)
      expect(updated.headers.get('ETag')).toBe('"2"')

      const k8s = await call('GET', `${path}?format=kubernetes`, { token: admin })
      expect(k8s.body.apiVersion).toBe('kuma.io/v1alpha1')
      expect(k8s.body.kind).toBe(kind.name)
      expect(k8s.body.metadata.name).toBe(name)

      if (kind.name === 'Mesh') return // deleting the default mesh is covered below
      const deleted = await call('DELETE', path, { token: admin })
      expect(deleted.status).toBe(200)
      expect((await call('GET', path, { token: admin })).status).toBe(404)
    },
  )
})

describe('formats', () => {
  it('accepts the Kubernetes format and returns it with ?format=kubernetes', async () => {
    const doc = {
      apiVersion: 'kuma.io/v1alpha1',
      kind: 'MeshTimeout',
      metadata: {
        name: 'timeout-k8s',
        namespace: 'kuma-system',
        labels: { 'kuma.io/mesh': 'default' },
      },
      spec: {
        targetRef: { kind: 'Mesh' },
        to: [{ targetRef: { kind: 'Mesh' }, default: { idleTimeout: '20s' } }],
      },
    }
    const res = await call('PUT', '/meshes/default/meshtimeouts/timeout-k8s', {
      token: admin,
      body: doc,
    })
    expect(res.status, res.text).toBe(201)
    const back = await call('GET', '/meshes/default/meshtimeouts/timeout-k8s?format=k8s', {
      token: admin,
    })
    expect(back.body.spec).toEqual(doc.spec)
    const uni = await call('GET', '/meshes/default/meshtimeouts/timeout-k8s', { token: admin })
    expect(uni.body.spec.to[0].default.idleTimeout).toBe('20s')
  })

  it('accepts YAML bodies', async () => {
    const yaml = [
      'type: MeshTrafficPermission',
      'name: allow-all',
      'mesh: default',
      'spec:',
      '  targetRef:',
      '    kind: Mesh',
      '  from:',
      '    - targetRef:',
      '        kind: Mesh',
      '      default:',
      '        action: Allow',
    ].join('\n')
    const res = await call('PUT', '/meshes/default/meshtrafficpermissions/allow-all', {
      token: admin,
      raw: yaml,
      contentType: 'application/yaml',
    })
    expect(res.status, res.text).toBe(201)
    const got = await call('GET', '/meshes/default/meshtrafficpermissions/allow-all', {
      token: admin,
    })
    expect(got.body.spec.from[0].default.action).toBe('Allow')
  })

  it('rejects an unknown format value', async () => {
    const res = await call('GET', '/meshes/default?format=xml', { token: admin })
    expect(res.status).toBe(400)
  })
})

describe('lists', () => {
  beforeAll(async () => {
    for (const name of ['m-a', 'm-b', 'm-c', 'm-d', 'm-e']) {
      const labels = name === 'm-b' || name === 'm-d' ? { team: 'blue' } : { team: 'red' }
      const res = await call('PUT', `/meshes/default/meshretries/${name}`, {
        token: admin,
        body: { ...example('MeshRetry', name), labels },
      })
      expect(res.status).toBe(201)
    }
  })

  it('pages with size and an opaque offset, and a full next URL', async () => {
    const first = await call('GET', '/meshes/default/meshretries?size=2', { token: admin })
    expect(first.body.total).toBe(5)
    expect(first.body.items.map((i: any) => i.name)).toEqual(['m-a', 'm-b'])
    expect(first.body.next).toBe('http://127.0.0.1:5681/meshes/default/meshretries?offset=2&size=2')
    const second = await call(
      'GET',
      new URL(first.body.next).pathname + new URL(first.body.next).search,
      { token: admin },
    )
    expect(second.body.items.map((i: any) => i.name)).toEqual(['m-c', 'm-d'])
    const last = await call('GET', '/meshes/default/meshretries?size=2&offset=4', { token: admin })
    expect(last.body.items.map((i: any) => i.name)).toEqual(['m-e'])
    expect(last.body.next).toBeNull()
  })

  it('filters by labels (ANDed) and by name substring', async () => {
    const blue = await call('GET', '/meshes/default/meshretries?filter[labels.team]=blue', {
      token: admin,
    })
    expect(blue.body.items.map((i: any) => i.name)).toEqual(['m-b', 'm-d'])
    expect(blue.body.total).toBe(2)
    const both = await call(
      'GET',
      '/meshes/default/meshretries?filter[labels.team]=blue&filter[labels.kuma.io/mesh]=default&name=d',
      { token: admin },
    )
    expect(both.body.items.map((i: any) => i.name)).toEqual(['m-d'])
  })

  it('lists across meshes', async () => {
    expect(
      (await call('PUT', '/meshes/other', { token: admin, body: { type: 'Mesh', name: 'other' } }))
        .status,
    ).toBe(201)
    const res = await call('PUT', '/meshes/other/meshretries/m-other', {
      token: admin,
      body: example('MeshRetry', 'm-other', 'other'),
    })
    expect(res.status, res.text).toBe(201)
    const all = await call('GET', '/meshretries?size=1000', { token: admin })
    expect(all.body.items.map((i: any) => `${i.mesh}/${i.name}`)).toContain('other/m-other')
    expect(all.body.total).toBe(6)
  })

  it.each([
    ['size=abc', 'invalid format'],
    ['size=0', 'must be greater than 0'],
    ['size=2000', 'invalid page size of 2000. Maximum page size is 1000'],
  ])("rejects %s with Kuma's envelope", async (q, reason) => {
    const res = await call('GET', `/meshes/default/meshretries?${q}`, { token: admin })
    expect(res.status).toBe(400)
    expect(res.body.invalid_parameters).toEqual([{ field: 'size', reason }])
  })

  it('rejects filters other than on labels, listing each', async () => {
    const res = await call(
      'GET',
      '/meshes/default/meshretries?filter[spec.x]=1&filter[labels.a][eq]=b',
      { token: admin },
    )
    expect(res.status).toBe(400)
    expect(res.body.invalid_parameters).toEqual([
      {
        field: '/meshes/{mesh}/meshretries.filter[spec.x]',
        reason: 'filters are only supported on labels',
      },
      {
        field: '/meshes/{mesh}/meshretries.filter[labels.a][eq]',
        reason: 'advanced filters are not supported',
      },
    ])
  })

  it('rejects an invalid offset', async () => {
    const res = await call('GET', '/meshes/default/meshretries?offset=zzz', { token: admin })
    expect(res.status).toBe(400)
    expect(res.body.title).toBe('Could not retrieve resources')
  })
})
