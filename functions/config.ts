/** @module Kuma's `GET /meshes/{mesh}/dataplanes/{name}/_config`: the Envoy config a Dataplane would get. */
import { Hono } from 'hono'
import { badRequest, notFound } from '../core/api/errors'
import { loadMesh } from '../core/meshcontext'
import { generate, prepareMesh } from '../core/xds/generator'
import type { DataplaneMetadata } from '../core/xds/proxy'
import type { Resources } from '../core/xds/snapshot'
import type { AppEnv } from './env'
import { requestScope } from './scope'

/** JsonPatchItem is one RFC 6902 operation of `include=diff`. */
export interface JsonPatchItem {
  op: 'add' | 'remove' | 'replace'
  path: string
  value?: unknown
}

/** GetDataplaneXdsConfigResponse is Kuma's `_config` answer. */
export interface GetDataplaneXdsConfigResponse {
  xds: Resources
  diff?: JsonPatchItem[]
}

const parseBool = (s: string): boolean | undefined =>
  ({ '1': true, t: true, T: true, TRUE: true, true: true, True: true })[s] ??
  { '0': false, f: false, F: false, FALSE: false, false: false, False: false }[s]

const pointer = (parts: string[]) =>
  parts.map((p) => '/' + p.replace(/~/g, '~0').replace(/\//g, '~1')).join('')

/** diff is a JSON patch from `before` to `after` (objects walked by key, arrays replaced whole). */
export function diff(before: unknown, after: unknown, at: string[] = []): JsonPatchItem[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return []
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
  if (!isObj(before) || !isObj(after)) return [{ op: 'replace', path: pointer(at), value: after }]
  const out: JsonPatchItem[] = []
  for (const k of Object.keys(before).sort()) {
    if (!(k in after)) out.push({ op: 'remove', path: pointer([...at, k]) })
    else out.push(...diff(before[k], after[k], [...at, k]))
  }
  for (const k of Object.keys(after).sort()) {
    if (!(k in before)) out.push({ op: 'add', path: pointer([...at, k]), value: after[k] })
  }
  return out
}

function metadataOf(insight: { spec: Record<string, unknown> } | undefined): DataplaneMetadata {
  const md = (insight?.spec.metadata ?? {}) as {
    dataplane?: { admin?: { port?: number; address?: string } }
    features?: string[]
  }
  return {
    adminPort: md.dataplane?.admin?.port,
    adminAddress: md.dataplane?.admin?.address,
    features: md.features,
  }
}

export const config = new Hono<AppEnv>().get(
  '/meshes/:mesh/dataplanes/:name/_config',
  async (c) => {
    const scope = requestScope(c)
    const mesh = c.req.param('mesh')
    const name = c.req.param('name')
    const url = new URL(c.req.url)
    let shadow = false
    const rawShadow = url.searchParams.get('shadow')
    if (rawShadow) {
      const b = parseBool(rawShadow)
      if (b === undefined)
        throw badRequest("bad request: unsupported value for query parameter 'shadow'")
      shadow = b
    }
    const include = (url.searchParams.get('include') ?? '').split(',').filter((v) => v !== '')
    if (include.some((v) => v !== 'diff')) {
      throw badRequest("bad request: unsupported value for query parameter 'include'")
    }
    const snapshot = await loadMesh(scope, mesh)
    if (!snapshot) throw notFound('Failed to retrieve Mesh')
    const ctx = prepareMesh(snapshot, { zone: scope.zone })
    const insight = await scope.store
      .get(scope.tenant, { type: 'DataplaneInsight', mesh, name })
      .catch(() => undefined)
    const metadata = metadataOf(insight)
    const run = (includeShadow: boolean) => {
      const res = generate(ctx, name, { metadata, includeShadow })
      if (!res.ok && res.reason === 'dataplane-not-found')
        throw notFound('Failed to inspect proxy config')
      if (!res.ok) {
        throw new Error(`inconsistent config: ${res.violations.map((v) => v.field).join(', ')}`)
      }
      return res.snapshot.resources
    }
    const xds = run(shadow)
    const body: GetDataplaneXdsConfigResponse = { xds }
    if (include.includes('diff')) body.diff = diff(run(false), xds)
    return c.json(include.includes('diff') ? { diff: body.diff, xds } : body)
  },
)
