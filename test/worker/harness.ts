/** @module Test harness: calls the real Worker inside workerd, with real local D1. */
import { exports } from 'cloudflare:workers'

export const BASE = 'http://127.0.0.1:5681'
export const OPERATOR = 'test-operator-secret'

export interface Call {
  status: number
  headers: Headers
  body: any
  text: string
}

/** call sends one request to the Worker's default export. */
export async function call(
  method: string,
  path: string,
  opts: {
    token?: string
    body?: unknown
    raw?: string
    contentType?: string
    headers?: Record<string, string>
  } = {},
): Promise<Call> {
  const headers: Record<string, string> = { ...opts.headers }
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`
  let body: string | undefined
  if (opts.raw !== undefined) body = opts.raw
  else if (opts.body !== undefined) body = JSON.stringify(opts.body)
  if (body !== undefined) headers['Content-Type'] = opts.contentType ?? 'application/json'
  const res = await (exports as any).default.fetch(
    new Request(BASE + path, { method, headers, body }),
  )
  const text = await res.text()
  let parsed: unknown = undefined
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    parsed = undefined
  }
  return { status: res.status, headers: res.headers, body: parsed, text }
}

/** newTenant creates a tenant through the operator API and returns its first admin token. */
export async function newTenant(name: string): Promise<string> {
  const res = await call('POST', '/_operator/tenants', { token: OPERATOR, body: { name } })
  if (res.status !== 201) throw new Error(`tenant ${name}: ${res.status} ${res.text}`)
  return res.body.token as string
}

/** tokenFor issues a token of `role` with the tenant's admin token. */
export async function tokenFor(admin: string, role: string, validFor = '1h'): Promise<string> {
  const res = await call('POST', '/tokens', { token: admin, body: { role, validFor } })
  if (res.status !== 201) throw new Error(`token ${role}: ${res.status} ${res.text}`)
  return res.body.token as string
}
