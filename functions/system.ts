/** @module Index, health, resource type descriptions and public keys (kuma-cp's `/`, `/_resources`, `/policies`). */
import { Hono } from 'hono'
import { publicJwks } from '../core/auth/tokens'
import { KINDS } from '../core/resources/registry'
import type { AppEnv } from './env'

/** ResourceTypeDescription is one entry of kuma-cp's `/_resources`. */
export interface ResourceTypeDescription {
  name: string
  readOnly: boolean
  path: string
  singularDisplayName: string
  pluralDisplayName: string
  scope: 'Global' | 'Mesh'
  shortName?: string
  includeInFederation: boolean
  policy?: {
    hasToTargetRef: boolean
    hasFromTargetRef: boolean
    hasRulesTargetRef: boolean
    isTargetRef: boolean
    isFromAsRules: boolean
  }
}

export function resourceTypeDescriptions(): ResourceTypeDescription[] {
  return KINDS.map((k) => {
    const d: ResourceTypeDescription = {
      name: k.name,
      readOnly: k.readOnly,
      path: k.plural,
      singularDisplayName: k.singularDisplayName,
      pluralDisplayName: k.pluralDisplayName,
      scope: k.scope,
      includeInFederation: k.includeInFederation,
    }
    if (k.shortName) d.shortName = k.shortName
    if (k.isPolicy) {
      d.policy = {
        hasToTargetRef: k.hasToTargetRef,
        hasFromTargetRef: k.hasFromTargetRef,
        hasRulesTargetRef: k.hasRulesTargetRef,
        isTargetRef: k.isTargetRefBased,
        isFromAsRules: k.isFromAsRules,
      }
    }
    return d
  })
}

/** publicRoutes answer without a token. */
export const publicRoutes = new Hono<AppEnv>()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .get('/.well-known/jwks.json', async (c) => {
    const tenant = c.req.query('tenant')
    // unknown tenants get an empty set, so the endpoint does not tell which tenants exist
    const keys = tenant ? await c.var.store.signingKeys(tenant) : []
    c.header('Cache-Control', 'public, max-age=60')
    return c.json(publicJwks(keys))
  })

/** indexRoutes describe the control plane to an authenticated caller. */
export const indexRoutes = new Hono<AppEnv>()
  .get('/', (c) =>
    c.json({
      hostname: new URL(c.req.url).hostname,
      product: 'Kumo',
      version: c.var.settings.version,
      basedOnKuma: '2.14.3',
      instanceId: 'kumo-edge',
      clusterId: c.var.principal.tenant,
      tenant: c.var.principal.tenant,
      gui: '',
    }),
  )
  .get('/_resources', (c) => c.json({ resources: resourceTypeDescriptions() }))
  .get('/policies', (c) =>
    c.json({
      policies: KINDS.filter((k) => k.isPolicy).map((k) => ({
        name: k.name,
        readOnly: k.readOnly,
        path: k.plural,
        singularDisplayName: k.singularDisplayName,
        pluralDisplayName: k.pluralDisplayName,
        isExperimental: false,
        isTargetRefBased: k.isTargetRefBased,
        isInbound: k.hasFromTargetRef,
        isOutbound: k.hasToTargetRef,
      })),
    }),
  )
