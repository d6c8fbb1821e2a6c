/** @module Kuma's resource CRUD routes: `/meshes/{mesh}/{plural}[/{name}]` and `/{plural}[/{name}]`. */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { badRequest, KumaError, methodNotAllowed, notFound } from '../core/api/errors'
import { bodyFormat, MAX_BODY_BYTES, parseBody } from '../core/resources/body'
import type { ResourceKind } from '../core/resources/kind'
import { kindByPlural, kindByShortName } from '../core/resources/registry'
import { parseKri } from '../core/kri/kri'
import { toKubernetes, toUniversal } from '../core/resources/rest'
import {
  deleteResource,
  etagOf,
  findByIdentifier,
  getResource,
  listResources,
  parseIfMatch,
  putResource,
} from '../core/resources/service'
import type { ResourceRecord } from '../core/store/store'
import { ValidationError } from '../core/validators/validation-error'
import { invalid } from '../core/api/errors'
import { requireRole } from './auth'
import type { AppEnv } from './env'
import { listOptions, nextLink } from './query'
import { requestScope } from './scope'

/** ListResponse is Kuma's list envelope. */
export interface ListResponse {
  total: number
  items: Record<string, unknown>[]
  next: string | null
}

/** CreateOrUpdateResponse is Kuma's PUT answer: `{}` or `{"warnings": [...]}`. */
export interface CreateOrUpdateResponse {
  warnings?: string[]
}

const tooLarge = () =>
  new KumaError(413, 'Payload Too Large', `request body is larger than ${MAX_BODY_BYTES} bytes`)

function kindOr404(plural: string, scope: 'Mesh' | 'Global' | 'any'): ResourceKind {
  const kind = kindByPlural(plural)
  if (!kind || (scope !== 'any' && kind.scope !== scope))
    throw notFound('Could not find a resource type')
  return kind
}

function render(c: Context<AppEnv>, r: ResourceRecord, kind: ResourceKind) {
  const format = c.req.query('format') ?? ''
  if (format === 'k8s' || format === 'kubernetes') return toKubernetes(r, kind)
  if (format === '' || format === 'universal') return toUniversal(r, kind)
  throw invalid(
    'Could not retrieve a resource',
    new ValidationError().addViolation(
      '',
      '"format" must be one of ["k8s", "kubernetes", "universal"]',
    ),
  )
}

async function list(
  c: Context<AppEnv>,
  kind: ResourceKind,
  mesh: string | undefined,
  routePath: string,
) {
  const url = new URL(c.req.url)
  const opts = listOptions(url, kind, routePath)
  const res = await listResources(requestScope(c), kind, mesh, opts)
  const body: ListResponse = {
    total: res.total,
    items: res.items.map((r) => render(c, r, kind)),
    next: nextLink(url, res.nextOffset),
  }
  return c.json(body)
}

async function get(c: Context<AppEnv>, kind: ResourceKind, mesh: string, name: string) {
  const r = await getResource(requestScope(c), kind, mesh, name)
  c.header('ETag', etagOf(r.version))
  return c.json(render(c, r, kind))
}

async function put(c: Context<AppEnv>, kind: ResourceKind, mesh: string, name: string) {
  requireRole(c, kind.scope === 'Global' ? 'admin' : 'editor')
  if (kind.readOnly)
    throw methodNotAllowed('On Kumo this resource is read-only: it is written by the system')
  const format = bodyFormat(c.req.header('Content-Type'))
  const text = await c.req.text()
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES) throw tooLarge()
  const doc = parseBody(text, format, kind)
  const out = await putResource(
    requestScope(c),
    kind,
    mesh,
    name,
    doc,
    parseIfMatch(c.req.header('If-Match')),
    { dryRun: parseDryRun(c.req.query('dryRun')) },
  )
  c.header('ETag', etagOf(out.record.version))
  const body: CreateOrUpdateResponse = out.warnings.length > 0 ? { warnings: out.warnings } : {}
  return c.json(body, out.created ? 201 : 200)
}

/** parseDryRun reads `?dryRun=true|false`: validate everything, write nothing. */
function parseDryRun(raw: string | undefined): boolean {
  if (raw === undefined || raw === '' || raw === 'false') return false
  if (raw === 'true') return true
  throw badRequest(`unsupported value for query parameter 'dryRun': ${JSON.stringify(raw)}`)
}

async function del(c: Context<AppEnv>, kind: ResourceKind, mesh: string, name: string) {
  requireRole(c, kind.scope === 'Global' ? 'admin' : 'editor')
  if (kind.readOnly)
    throw methodNotAllowed('On Kumo this resource is read-only: it is written by the system')
  await deleteResource(requestScope(c), kind, mesh, name, parseIfMatch(c.req.header('If-Match')))
  return c.json({})
}

const limit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw tooLarge()
  },
})

/** getByKri is kuma-cp's `GET /_kri/{kri}`: the resource a KRI names. */
async function getByKri(c: Context<AppEnv>, text: string) {
  const parsed = parseKri(text)
  if (!parsed.ok) throw badRequest(`bad request: ${parsed.reason}`)
  const kind = kindByShortName(parsed.id.shortName)
  if (!kind) {
    throw badRequest(
      `bad request: unknown short name of resource type: ${JSON.stringify(parsed.id.shortName)}`,
    )
  }
  const r = await findByIdentifier(requestScope(c), kind, parsed.id)
  c.header('ETag', etagOf(r.version))
  return c.json(render(c, r, kind))
}

export const resources = new Hono<AppEnv>()
  .get('/_kri/:kri', (c) => getByKri(c, c.req.param('kri')))
  .get('/meshes/:mesh/:plural', (c) =>
    list(
      c,
      kindOr404(c.req.param('plural'), 'Mesh'),
      c.req.param('mesh'),
      `/meshes/{mesh}/${c.req.param('plural')}`,
    ),
  )
  .get('/meshes/:mesh/:plural/:name', (c) =>
    get(c, kindOr404(c.req.param('plural'), 'Mesh'), c.req.param('mesh'), c.req.param('name')),
  )
  .put('/meshes/:mesh/:plural/:name', limit, (c) =>
    put(c, kindOr404(c.req.param('plural'), 'Mesh'), c.req.param('mesh'), c.req.param('name')),
  )
  .delete('/meshes/:mesh/:plural/:name', (c) =>
    del(c, kindOr404(c.req.param('plural'), 'Mesh'), c.req.param('mesh'), c.req.param('name')),
  )
  .get('/:plural', (c) => {
    const kind = kindOr404(c.req.param('plural'), 'any')
    return list(c, kind, undefined, `/${kind.plural}`)
  })
  .get('/:plural/:name', (c) =>
    get(c, kindOr404(c.req.param('plural'), 'Global'), '', c.req.param('name')),
  )
  .put('/:plural/:name', limit, (c) =>
    put(c, kindOr404(c.req.param('plural'), 'Global'), '', c.req.param('name')),
  )
  .delete('/:plural/:name', (c) =>
    del(c, kindOr404(c.req.param('plural'), 'Global'), '', c.req.param('name')),
  )
