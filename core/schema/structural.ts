/**
 * @module Structural-schema operations besides validation: k8s defaulting, pruning of unknown
 * fields (Kuma's Go unmarshal drops them), and the whole-resource schema Kuma checks on PUT.
 */
import { PathBuilder } from '../validators/validation-error'
import type { JSONSchemaProps } from './types'

type JSONObject = Record<string, unknown>

const isObject = (v: unknown): v is JSONObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

const isNonNullableNull = (v: unknown, s: JSONSchemaProps | undefined) =>
  (v === null || v === undefined) && s !== undefined && !s.nullable

/**
 * applyDefaults fills `default`s in place as k8s structural defaulting does: an absent (or
 * non-nullable null) property takes a copy of its default, then every known property, map value
 * and array item is defaulted in turn, including the defaults just set.
 */
export function applyDefaults(value: unknown, schema: JSONSchemaProps | undefined): void {
  if (!schema) return
  if (Array.isArray(value)) {
    const items = schema.items
    value.forEach((item, i) => {
      if (isNonNullableNull(item, items))
        value[i] = items!.default === undefined ? null : copy(items!.default)
      applyDefaults(value[i], items)
    })
    return
  }
  if (!isObject(value)) return
  const props = schema.properties ?? {}
  for (const [k, prop] of Object.entries(props)) {
    if (prop.default === undefined || prop.default === null) continue
    if (!(k in value) || value[k] === undefined || isNonNullableNull(value[k], prop)) {
      value[k] = copy(prop.default)
    }
  }
  const additional =
    typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined
  for (const k of Object.keys(value)) {
    if (Object.prototype.hasOwnProperty.call(props, k)) {
      applyDefaults(value[k], props[k])
    } else if (additional) {
      if (isNonNullableNull(value[k], additional) && additional.default !== undefined) {
        value[k] = copy(additional.default)
      }
      applyDefaults(value[k], additional)
    }
  }
}

function prune(
  value: unknown,
  schema: JSONSchemaProps | undefined,
  path: PathBuilder,
  out: string[],
) {
  if (!schema) return
  if (Array.isArray(value)) {
    value.forEach((item, i) => prune(item, schema.items, path.index(i), out))
    return
  }
  if (!isObject(value)) return
  const props = schema.properties ?? {}
  const additional = schema.additionalProperties
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true
  const structural = schema.type === 'object' || schema.properties !== undefined
  for (const k of Object.keys(value)) {
    if (Object.prototype.hasOwnProperty.call(props, k)) {
      prune(value[k], props[k], path.field(k), out)
    } else if (typeof additional === 'object') {
      prune(value[k], additional, path.key(k), out)
    } else if (!preserve && additional !== true && structural) {
      out.push(path.field(k).toString())
      delete value[k]
    }
  }
}

/**
 * pruneUnknown removes, in place, object keys the schema does not declare (kept under
 * `x-kubernetes-preserve-unknown-fields` or `additionalProperties`) and returns their paths
 * (`spec.to[0].foo`, map entries as `["key"]`), so the API can warn about what it ignored.
 */
export function pruneUnknown(value: unknown, schema: JSONSchemaProps, path: string): string[] {
  const out: string[] = []
  prune(value, schema, path ? PathBuilder.rootedAt(path) : PathBuilder.root(), out)
  return out
}

const anySpec: JSONSchemaProps = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }

/**
 * resourceSchema is the whole-object schema Kuma validates a new-style resource against on PUT
 * (`components.schemas.<Kind>Item` of its rest.yaml): `type` limited to the kind, `mesh`
 * defaulted to `default` for mesh-scoped kinds, `name`, string `labels`, the read-only
 * `kri`/`creationTime`/`modificationTime`, `spec`, and `status` when given; `type`, `name` and
 * `spec` required.
 */
export function resourceSchema(
  kindName: string,
  spec: JSONSchemaProps | undefined,
  scope: 'Mesh' | 'Global',
  status?: JSONSchemaProps,
): JSONSchemaProps {
  const properties: Record<string, JSONSchemaProps> = {
    type: { type: 'string', enum: [kindName] },
  }
  if (scope === 'Mesh') properties.mesh = { type: 'string', default: 'default' }
  Object.assign(properties, {
    kri: { type: 'string' },
    name: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    spec: spec ?? anySpec,
    creationTime: { type: 'string', format: 'date-time' },
    modificationTime: { type: 'string', format: 'date-time' },
  } satisfies Record<string, JSONSchemaProps>)
  if (status) properties.status = status
  return { type: 'object', required: ['type', 'name', 'spec'], properties }
}
