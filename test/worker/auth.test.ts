import { SignJWT, generateKeyPair } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { example } from '../fixtures/examples'
import { call, newTenant, OPERATOR, tokenFor } from './harness'

let admin: string
let viewer: string
let editor: string
let otherAdmin: string

beforeAll(async () => {
  admin = await newTenant('alpha')
  otherAdmin = await newTenant('beta')
  viewer = await tokenFor(admin, 'viewer')
  editor = await tokenFor(admin, 'editor')
  const res = await call('PUT', '/meshes/default/meshretries/secret-retry', {
    token: admin,
    body: example('MeshRetry', 'secret-retry'),
  })
  expect(res.status).toBe(201)
})

async function forged(payload: Record<string, unknown>, kid = 'forged'): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256')
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', kid })
    .setIssuer('kumo')
    .setSubject('mallory')
    .setJti('j')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey)
}

describe('authentication', () => {
  it('serves /healthz without a token', async () => {
    expect((await call('GET', '/healthz')).status).toBe(200)
  })

  it.each([
    ['no token', async () => undefined],
    ['a malformed token', async () => 'not-a-jwt'],
    ['a token signed by an unknown key', async () => forged({ tenant: 'alpha', role: 'admin' })],
    [
      "a token whose kid is alpha's but whose signature is not",
      async () => {
        const jwks = await call('GET', '/.well-known/jwks.json?tenant=alpha')
        return forged({ tenant: 'alpha', role: 'admin' }, jwks.body.keys[0].kid)
      },
    ],
    ['the operator secret', async () => OPERATOR],
  ])('refuses %s with 401 and writes nothing', async (_, make) => {
    const token = await make()
    const get = await call('GET', '/meshes/default/meshretries', { token })
    expect(get.status).toBe(401)
    expect(get.body.type).toBe('/std-errors')
    expect(get.text).not.toContain('secret-retry')
    const put = await call('PUT', '/meshes/default/meshretries/intruder', {
      token,
      body: example('MeshRetry', 'intruder'),
    })
    expect(put.status).toBe(401)
    expect(
      (await call('GET', '/meshes/default/meshretries/intruder', { token: admin })).status,
    ).toBe(404)
  })

  it('refuses an expired token', async () => {
    const short = await call('POST', '/tokens', {
      token: admin,
      body: { role: 'viewer', validFor: '1s' },
    })
    expect(short.status).toBe(201)
    await new Promise((r) => setTimeout(r, 2100))
    const res = await call('GET', '/meshes', { token: short.body.token })
    expect(res.status).toBe(401)
    expect(res.body.detail).toBe('token expired')
  })

  it('refuses a revoked token', async () => {
    const issued = await call('POST', '/tokens', {
      token: admin,
      body: { role: 'editor', validFor: '1h' },
    })
    expect((await call('GET', '/meshes', { token: issued.body.token })).status).toBe(200)
    expect((await call('DELETE', `/tokens/${issued.body.jti}`, { token: admin })).status).toBe(200)
    const res = await call('GET', '/meshes', { token: issued.body.token })
    expect(res.status).toBe(401)
    expect(res.body.detail).toBe('token was revoked')
  })
})

describe('roles', () => {
  it('lets a viewer read but not write', async () => {
    expect((await call('GET', '/meshes/default/meshretries', { token: viewer })).status).toBe(200)
    const res = await call('PUT', '/meshes/default/meshretries/v', {
      token: viewer,
      body: example('MeshRetry', 'v'),
    })
    expect(res.status).toBe(403)
    expect(
      (await call('DELETE', '/meshes/default/meshretries/secret-retry', { token: viewer })).status,
    ).toBe(403)
    expect((await call('GET', '/meshes/default/meshretries/v', { token: admin })).status).toBe(404)
  })

  it('lets an editor write mesh-scoped resources but not meshes or tokens', async () => {
    expect(
      (
        await call('PUT', '/meshes/default/meshretries/e', {
          token: editor,
          body: example('MeshRetry', 'e'),
        })
      ).status,
    ).toBe(201)
    expect(
      (await call('PUT', '/meshes/m2', { token: editor, body: { type: 'Mesh', name: 'm2' } }))
        .status,
    ).toBe(403)
    expect((await call('POST', '/tokens', { token: editor, body: { role: 'admin' } })).status).toBe(
      403,
    )
    expect((await call('GET', '/meshes/m2', { token: admin })).status).toBe(404)
  })
})

describe('tenants', () => {
  it("never shows one tenant another tenant's data", async () => {
    const res = await call('GET', '/meshes/default/meshretries/secret-retry', { token: otherAdmin })
    expect(res.status).toBe(404)
    const list = await call('GET', '/meshretries', { token: otherAdmin })
    expect(list.body.total).toBe(0)
    expect(list.text).not.toContain('secret-retry')
    const audit = await call('GET', '/_audit', { token: otherAdmin })
    expect(audit.text).not.toContain('secret-retry')
  })

  it('does not let a token claim another tenant', async () => {
    // beta's admin token re-signed with beta's key but claiming alpha: no alpha key has that kid
    const jwks = await call('GET', '/.well-known/jwks.json?tenant=beta')
    const token = await forged({ tenant: 'alpha', role: 'admin' }, jwks.body.keys[0].kid)
    expect((await call('GET', '/meshes', { token })).status).toBe(401)
  })

  it('refuses duplicate tenants and bad names', async () => {
    expect(
      (await call('POST', '/_operator/tenants', { token: OPERATOR, body: { name: 'alpha' } }))
        .status,
    ).toBe(409)
    const bad = await call('POST', '/_operator/tenants', {
      token: OPERATOR,
      body: { name: 'Not_OK' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.invalid_parameters[0].field).toBe('name')
    expect(
      (await call('POST', '/_operator/tenants', { token: admin, body: { name: 'x' } })).status,
    ).toBe(401)
  })
})

describe('tokens', () => {
  it('issues, lists (metadata only) and rotates keys', async () => {
    const issued = await call('POST', '/tokens', {
      token: admin,
      body: { role: 'viewer', validFor: '2h', name: 'ci' },
    })
    expect(issued.status).toBe(201)
    expect(Object.keys(issued.body).sort()).toEqual(['expiresAt', 'jti', 'token'])
    const list = await call('GET', '/tokens', { token: admin })
    const entry = list.body.items.find((t: any) => t.jti === issued.body.jti)
    expect(entry).toMatchObject({ subject: 'ci', role: 'viewer', revokedAt: null })
    expect(JSON.stringify(list.body)).not.toContain(issued.body.token)

    const oldKid = (await call('GET', '/tokens/signing-keys', { token: admin })).body.items.find(
      (k: any) => k.active,
    ).kid
    const rotated = await call('POST', '/tokens/signing-keys', { token: admin })
    expect(rotated.status).toBe(201)
    // the old key still verifies until it is retired
    expect((await call('GET', '/meshes', { token: issued.body.token })).status).toBe(200)
    const fresh = await tokenFor(admin, 'viewer')
    const jwks = await call('GET', '/.well-known/jwks.json?tenant=alpha')
    expect(jwks.body.keys.map((k: any) => k.kid)).toEqual(
      expect.arrayContaining([oldKid, rotated.body.kid]),
    )
    expect(JSON.stringify(jwks.body)).not.toContain('"d"')
    // retiring the old key ends the tokens it signed; new ones keep working
    const newAdmin = await tokenFor(admin, 'admin')
    expect(
      (await call('DELETE', `/tokens/signing-keys/${oldKid}`, { token: newAdmin })).status,
    ).toBe(200)
    expect((await call('GET', '/meshes', { token: issued.body.token })).status).toBe(401)
    expect((await call('GET', '/meshes', { token: fresh })).status).toBe(200)
    admin = newAdmin
  })

  it('validates token requests, listing every problem', async () => {
    const res = await call('POST', '/tokens', {
      token: admin,
      body: { role: 'root', validFor: 'forever' },
    })
    expect(res.status).toBe(400)
    expect(res.body.invalid_parameters.map((p: any) => p.field)).toEqual(['role', 'validFor'])
  })

  it('records every write in the audit log', async () => {
    const writer = await tokenFor(admin, 'editor')
    const res = await call('PUT', '/meshes/default/meshretries/audited', {
      token: writer,
      body: example('MeshRetry', 'audited'),
    })
    expect(res.status).toBe(201)
    const audit = await call('GET', '/_audit?size=5', { token: admin })
    expect(audit.body.items[0]).toMatchObject({
      action: 'create',
      type: 'MeshRetry',
      mesh: 'default',
      name: 'audited',
      oldVersion: null,
      newVersion: 1,
    })
  })
})

describe('zone and dataplane tokens', () => {
  it('issues a zone token as plain text, lists it, and refuses it on the user API', async () => {
    const res = await call('POST', '/tokens/zone', {
      token: admin,
      body: { zone: 'east', validFor: '24h' },
    })
    expect(res.status, res.text).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/plain/)
    const [header, payload] = res.text
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(atob(p.replace(/-/g, '+').replace(/_/g, '/'))))
    expect(header.kid).toBeTruthy()
    expect(payload).toMatchObject({
      kind: 'zone',
      zone: 'east',
      scope: ['cp', 'ingress', 'egress'],
      tenant: 'alpha',
    })
    const listed = await call('GET', '/tokens', { token: admin })
    expect(listed.body.items.find((t: any) => t.jti === payload.jti)).toMatchObject({
      kind: 'zone',
      subject: 'zone:east',
    })
    expect((await call('GET', '/meshes', { token: res.text })).status).toBe(403)
  })

  it("issues a dataplane token with Kuma's request shape", async () => {
    const res = await call('POST', '/tokens/dataplane', {
      token: admin,
      body: {
        name: 'dp-1',
        mesh: 'default',
        tags: { 'kuma.io/service': ['backend'] },
        validFor: '1h',
      },
    })
    expect(res.status, res.text).toBe(200)
    const payload = JSON.parse(atob(res.text.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))
    expect(payload).toMatchObject({
      kind: 'dataplane',
      name: 'dp-1',
      mesh: 'default',
      type: 'dataplane',
    })
  })

  it('validates zone and dataplane token requests', async () => {
    const zone = await call('POST', '/tokens/zone', { token: admin, body: { validFor: 'soon' } })
    expect(zone.status).toBe(400)
    expect(zone.body.invalid_parameters.map((p: any) => p.field)).toEqual(['zone', 'validFor'])
    const dp = await call('POST', '/tokens/dataplane', { token: admin, body: { type: 'robot' } })
    expect(dp.status).toBe(400)
    expect(dp.body.invalid_parameters.map((p: any) => p.field)).toEqual(['mesh', 'type'])
    const freshViewer = await tokenFor(admin, 'viewer')
    expect(
      (await call('POST', '/tokens/zone', { token: freshViewer, body: { zone: 'x' } })).status,
    ).toBe(403)
  })
})
