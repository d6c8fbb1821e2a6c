import { beforeAll, describe, expect, it } from 'vitest'
import { example } from '../fixtures/examples'
import { call, newTenant } from './harness'

let admin: string

beforeAll(async () => {
  admin = await newTenant('errors')
})

describe("bad input gets Kuma's envelope and writes nothing", () => {
  it('lists every violation of an invalid policy', async () => {
    const body = {
      type: 'MeshTrafficPermission',
      name: 'bad',
      mesh: 'default',
      spec: {
        targetRef: { kind: 'Nope', name: 2 },
        from: [{ targetRef: { kind: 'Mesh' }, default: { action: 'Maybe' } }],
      },
    }
    const res = await call('PUT', '/meshes/default/meshtrafficpermissions/bad', {
      token: admin,
      body,
    })
    expect(res.status).toBe(400)
    expect(res.body.type).toBe('/std-errors')
    expect(res.body.title).toBe('Could not process a resource')
    expect(res.body.detail).toBe('Resource is not valid')
    const fields = res.body.invalid_parameters.map((p: any) => p.field)
    expect(fields).toEqual(
      expect.arrayContaining([
        'spec.targetRef.kind',
        'spec.targetRef.name',
        'spec.from[0].default.action',
      ]),
    )
    expect(res.body.causes.length).toBe(res.body.invalid_parameters.length)
    expect(
      (await call('GET', '/meshes/default/meshtrafficpermissions/bad', { token: admin })).status,
    ).toBe(404)
  })

  it('reports URL/body mismatches together with label problems', async () => {
    const body = {
      ...example('MeshRetry', 'other-name', 'elsewhere'),
      labels: { 'foo/bar/baz': 'x', ok: '^bad' },
    }
    const res = await call('PUT', '/meshes/default/meshretries/r1', { token: admin, body })
    expect(res.status).toBe(400)
    expect(res.body.invalid_parameters.map((p: any) => p.field)).toEqual([
      'name',
      'mesh',
      'labels["foo/bar/baz"]',
      'labels["ok"]',
    ])
  })

  it('answers a JSON syntax error as kuma-cp does', async () => {
    const res = await call('PUT', '/meshes/default/dataplanes/dp-x', { token: admin, raw: '{,\n}' })
    expect(res.status).toBe(400)
    expect(res.body.title).toBe('Bad Request')
    expect(res.body.detail).toBe(
      'invalid Dataplane object: "invalid character \',\' looking for beginning of object key string"',
    )
  })

  it('answers 415 for other content types', async () => {
    const res = await call('PUT', '/meshes/default/meshretries/r1', {
      token: admin,
      raw: 'x',
      contentType: 'text/plain',
    })
    expect(res.status).toBe(415)
    expect(res.body.type).toBe('/std-errors')
  })

  it('answers 413 for bodies over 1 MiB', async () => {
    const big = {
      ...example('MeshRetry', 'big'),
      labels: { pad: 'x' },
      pad: 'x'.repeat(1024 * 1024 + 10),
    }
    const res = await call('PUT', '/meshes/default/meshretries/big', { token: admin, body: big })
    expect(res.status).toBe(413)
    expect(res.body.status).toBe(413)
  })

  it.each([
    ['GET', '/meshes/nope/meshretries/x', 'Failed to retrieve Mesh'],
    ['GET', '/meshes/nope/meshretries', 'Failed to retrieve Mesh'],
    ['PUT', '/meshes/nope/meshretries/x', 'Failed to retrieve Mesh'],
    ['GET', '/meshes/default/meshretries/missing', 'Could not retrieve a resource'],
    ['DELETE', '/meshes/default/meshretries/missing', 'Could not delete a resource'],
    ['GET', '/meshes/default/nosuchkinds', undefined],
    ['GET', '/nosuchkinds/x', undefined],
  ])('%s %s is a 404', async (method, path, title) => {
    const body = method === 'PUT' ? example('MeshRetry', 'x', 'nope') : undefined
    const res = await call(method, path, { token: admin, body })
    expect(res.status).toBe(404)
    expect(res.body.type).toBe('/std-errors')
    if (title) expect(res.body.title).toBe(title)
  })
})

describe('no lost updates', () => {
  it('answers 409 to If-Match that does not match, and writes nothing', async () => {
    const path = '/meshes/default/meshtimeouts/t1'
    const body = example('MeshTimeout', 't1')
    expect((await call('PUT', path, { token: admin, body })).status).toBe(201)
    const stale = await call('PUT', path, { token: admin, body, headers: { 'If-Match': '"7"' } })
    expect(stale.status).toBe(409)
    expect(stale.headers.get('ETag')).toBe('"1"')
    const fresh = await call('PUT', path, { token: admin, body, headers: { 'If-Match': '"1"' } })
    expect(fresh.status).toBe(200)
    expect(
      (await call('DELETE', path, { token: admin, headers: { 'If-Match': '"1"' } })).status,
    ).toBe(409)
    expect(
      (await call('DELETE', path, { token: admin, headers: { 'If-Match': '"2"' } })).status,
    ).toBe(200)
  })

  it('lets exactly one of many concurrent creates win', async () => {
    const path = '/meshes/default/meshretries/race'
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        call('PUT', path, { token: admin, body: example('MeshRetry', 'race') }),
      ),
    )
    const codes = results.map((r) => r.status).sort()
    expect(codes.filter((c) => c === 201)).toHaveLength(1)
    // the rest either lost the race (409) or ran after it as updates (200)
    expect(codes.every((c) => c === 201 || c === 409 || c === 200)).toBe(true)
    const got = await call('GET', path, { token: admin })
    expect(Number(got.headers.get('ETag')!.replaceAll('"', ''))).toBe(
      codes.filter((c) => c !== 409).length,
    )
  })

  it('lets exactly one of two conflicting updates with the same If-Match win', async () => {
    const path = '/meshes/default/meshretries/race2'
    await call('PUT', path, { token: admin, body: example('MeshRetry', 'race2') })
    const results = await Promise.all(
      [1, 2].map(() =>
        call('PUT', path, {
          token: admin,
          body: example('MeshRetry', 'race2'),
          headers: { 'If-Match': '"1"' },
        }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
  })
})

describe('meshes own their resources', () => {
  it('deletes everything in a mesh with the mesh', async () => {
    expect(
      (
        await call('PUT', '/meshes/doomed', {
          token: admin,
          body: { type: 'Mesh', name: 'doomed' },
        })
      ).status,
    ).toBe(201)
    for (const n of ['a', 'b']) {
      expect(
        (
          await call('PUT', `/meshes/doomed/meshretries/${n}`, {
            token: admin,
            body: example('MeshRetry', n, 'doomed'),
          })
        ).status,
      ).toBe(201)
    }
    expect((await call('DELETE', '/meshes/doomed', { token: admin })).status).toBe(200)
    expect((await call('GET', '/meshes/doomed/meshretries', { token: admin })).status).toBe(404)
    expect(
      (
        await call('PUT', '/meshes/doomed', {
          token: admin,
          body: { type: 'Mesh', name: 'doomed' },
        })
      ).status,
    ).toBe(201)
    const after = await call('GET', '/meshes/doomed/meshretries', { token: admin })
    expect(after.body.total).toBe(0)
  })
})

describe('system labels', () => {
  it('computes origin, zone and env, and protects them on update', async () => {
    const path = '/meshes/default/meshexternalservices/ext'
    const body = { ...example('MeshExternalService', 'ext'), labels: { 'kuma.io/origin': 'zone' } }
    expect((await call('PUT', path, { token: admin, body })).status).toBe(201)
    const got = await call('GET', path, { token: admin })
    expect(got.body.labels).toMatchObject({
      'kuma.io/origin': 'zone',
      'kuma.io/zone': 'default',
      'kuma.io/env': 'universal',
    })
    const changed = await call('PUT', path, {
      token: admin,
      body: { ...body, labels: { 'kuma.io/origin': 'global' } },
    })
    expect(changed.status).toBe(400)
    expect(changed.body.title).toBe('Could not update a resource')
    expect(changed.body.invalid_parameters).toEqual([
      {
        field: 'labels["kuma.io/origin"]',
        reason: 'is immutable, cannot be changed from "zone" to "global"',
      },
      {
        field: 'labels["kuma.io/zone"]',
        reason: 'is immutable, cannot be removed (was "default")',
      },
    ])
  })
})

describe('dry runs', () => {
  it('validates a PUT with ?dryRun=true and writes nothing', async () => {
    const path = '/meshes/default/meshretries/dry'
    const ok = await call('PUT', `${path}?dryRun=true`, {
      token: admin,
      body: example('MeshRetry', 'dry'),
    })
    expect(ok.status).toBe(201)
    expect((await call('GET', path, { token: admin })).status).toBe(404)
    const bad = await call('PUT', `${path}?dryRun=true`, {
      token: admin,
      body: { ...example('MeshRetry', 'dry'), spec: { targetRef: { kind: 'Nope' } } },
    })
    expect(bad.status).toBe(400)
    const audit = await call('GET', '/_audit', { token: admin })
    expect(audit.text).not.toContain('"dry"')
  })
})
