/** @module parseBody: a request body in JSON or YAML, universal or Kubernetes format, to a universal document. */
import { parseAllDocuments } from 'yaml'
import { badRequest, KumaError } from '../api/errors'
import { goJsonSyntaxError } from './gojson'
import type { ResourceKind } from './kind'
import { fromKubernetes, isKubernetesFormat, isObject } from './rest'

export const MAX_BODY_BYTES = 1024 * 1024

export type BodyFormat = 'json' | 'yaml'

/** bodyFormat maps a Content-Type to a format; anything else is Kuma's 415. */
export function bodyFormat(contentType: string | undefined): BodyFormat {
  const mime = (contentType ?? 'application/json').split(';')[0].trim().toLowerCase()
  if (mime === '' || mime === 'application/json' || mime.endsWith('+json')) return 'json'
  if (['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'].includes(mime))
    return 'yaml'
  throw new KumaError(
    415,
    'Unsupported Media Type',
    `content type ${JSON.stringify(mime)} is not supported; send application/json or application/yaml`,
  )
}

/**
 * parseBody reads one resource document for `kind`. Syntax errors are Kuma's
 * `400 Bad Request: invalid <Kind> object: "<Go's message>"`.
 */
export function parseBody(
  text: string,
  format: BodyFormat,
  kind: ResourceKind,
): Record<string, unknown> {
  const invalidObject = (reason: string) =>
    badRequest(`invalid ${kind.name} object: ${JSON.stringify(reason)}`)
  let doc: unknown
  if (format === 'json') {
    const syntax = goJsonSyntaxError(text)
    if (syntax) throw invalidObject(syntax)
    doc = JSON.parse(text)
  } else {
    const docs = parseAllDocuments(text, { uniqueKeys: true })
    const list = Array.isArray(docs) ? docs : [docs]
    const real = list.filter((d) => d.contents !== null)
    if (real.length !== 1) {
      throw invalidObject(`expected exactly one YAML document, got ${real.length}`)
    }
    const [d] = real
    if (d.errors.length > 0) throw invalidObject(d.errors[0].message.split('\n')[0])
    doc = d.toJS({ maxAliasCount: 100 })
  }
  if (!isObject(doc)) {
    const got = Array.isArray(doc) ? 'array' : doc === null ? 'null' : typeof doc
    throw invalidObject(
      `json: cannot unmarshal ${goType(got)} into Go value of type v1alpha1.ResourceMeta`,
    )
  }
  return isKubernetesFormat(doc) ? fromKubernetes(doc, kind) : doc
}

function goType(jsType: string): string {
  if (jsType === 'boolean') return 'bool'
  return jsType
}
