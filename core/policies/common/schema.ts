/** @module Schema fragments of Kuma's common policy API (`api/common/v1alpha1`) that several policy CRDs embed. */
import type { JSONSchemaProps } from '../../schema/types'
import { stringMapSchema, targetRefSchema } from './targetref'

export { stringMapSchema }

export const stringSchema: JSONSchemaProps = { type: 'string' }
export const int32Schema: JSONSchemaProps = { type: 'integer', format: 'int32' }

/** intOrStringSchema is Kubernetes' IntOrString (percentages, decimals). */
export const intOrStringSchema: JSONSchemaProps = {
  anyOf: [{ type: 'integer' }, { type: 'string' }],
  'x-kubernetes-int-or-string': true,
}

/** matchSchema is common_api.Match: inbound traffic matched by client SPIFFE ID or SNI. */
export const matchSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    sni: {
      type: 'object',
      required: ['type', 'value'],
      properties: { type: { type: 'string', enum: ['Exact'] }, value: stringSchema },
    },
    spiffeID: {
      type: 'object',
      required: ['type', 'value'],
      properties: { type: { type: 'string', enum: ['Exact', 'Prefix'] }, value: stringSchema },
    },
  },
}

/** matchesSchema is a rule's `matches` list. */
export const matchesSchema: JSONSchemaProps = { type: 'array', items: matchSchema }

/** HEADER_NAME_PATTERN is common_api.HeaderName's pattern, verbatim (kube-openapi quotes it). */
export const HEADER_NAME_PATTERN = String.raw`^[a-z0-9!#$%&'*+\-.^_\x60|~]+$`

/** headerNameSchema is common_api.HeaderName: an RFC 7230 token, lower case. */
export const headerNameSchema: JSONSchemaProps = {
  type: 'string',
  minLength: 1,
  maxLength: 256,
  pattern: HEADER_NAME_PATTERN,
}

/** headerKeyValuesSchema is a list of common_api.HeaderKeyValue (`set` and `add` of a modifier). */
export const headerKeyValuesSchema: JSONSchemaProps = {
  type: 'array',
  maxItems: 16,
  items: {
    type: 'object',
    required: ['name', 'value'],
    properties: { name: headerNameSchema, value: stringSchema },
  },
}

/** headerMatchSchema is common_api.HeaderMatch. */
export const headerMatchSchema: JSONSchemaProps = {
  type: 'object',
  required: ['name'],
  properties: {
    name: headerNameSchema,
    type: {
      type: 'string',
      default: 'Exact',
      enum: ['Exact', 'Present', 'RegularExpression', 'Absent', 'Prefix'],
    },
    value: stringSchema,
  },
}

/** backendRefSchema is common_api.BackendRef: a targetRef with a weight and a port. */
export const backendRefSchema: JSONSchemaProps = {
  ...targetRefSchema,
  properties: {
    ...targetRefSchema.properties,
    port: int32Schema,
    weight: { type: 'integer', minimum: 0, default: 1 },
  },
}

/** backendResourceRefSchema is common_api.BackendResourceRef (a MeshOpenTelemetryBackend by labels). */
export const backendResourceRefSchema: JSONSchemaProps = {
  type: 'object',
  required: ['kind'],
  properties: {
    kind: { type: 'string', enum: ['MeshOpenTelemetryBackend'] },
    labels: stringMapSchema,
  },
}

/** targetedConfSchema is a `to[]` or `from[]` item: a targetRef and the conf it gets. */
export function targetedConfSchema(
  conf: JSONSchemaProps,
  required: string[] = ['targetRef'],
): JSONSchemaProps {
  return { type: 'object', required, properties: { default: conf, targetRef: targetRefSchema } }
}
