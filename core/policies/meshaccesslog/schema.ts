/** @module The structural schema of MeshAccessLog's spec (Kuma CRD `kuma.io_meshaccesslogs.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { backendResourceRefSchema, matchesSchema, targetedConfSchema } from '../common/schema'
import { targetRefSchema } from '../common/targetref'

const keyValue = (key: JSONSchemaProps): JSONSchemaProps => ({
  type: 'object',
  required: ['key', 'value'],
  properties: { key, value: { type: 'string' } },
})

const formatSchema: JSONSchemaProps = {
  type: 'object',
  required: ['type'],
  properties: {
    json: { type: 'array', items: keyValue({ type: 'string' }) },
    omitEmptyValues: { type: 'boolean', default: false },
    plain: { type: 'string' },
    type: { type: 'string', enum: ['Plain', 'Json'] },
  },
}

const backendSchema: JSONSchemaProps = {
  type: 'object',
  required: ['type'],
  properties: {
    file: {
      type: 'object',
      required: ['path'],
      properties: {
        format: formatSchema,
        path: { type: 'string', minLength: 1 },
      },
    },
    openTelemetry: {
      type: 'object',
      properties: {
        attributes: {
          type: 'array',
          items: keyValue({ type: 'string', pattern: '^[a-z]([a-z0-9]|[._][a-z0-9])*$' }),
        },
        backendRef: backendResourceRefSchema,
        body: { 'x-kubernetes-preserve-unknown-fields': true },
        endpoint: { type: 'string', default: '' },
      },
    },
    tcp: {
      type: 'object',
      required: ['address'],
      properties: {
        address: { type: 'string', minLength: 1 },
        format: formatSchema,
      },
    },
    type: { type: 'string', enum: ['Tcp', 'File', 'OpenTelemetry'] },
  },
}

const confSchema: JSONSchemaProps = {
  type: 'object',
  properties: { backends: { type: 'array', items: backendSchema } },
}

const targetRefEntry = targetedConfSchema(confSchema, ['default', 'targetRef'])

/** meshAccessLogSpecSchema is the structural schema of a MeshAccessLog's `spec`. */
export const meshAccessLogSpecSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    from: { type: 'array', items: targetRefEntry },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['default'],
        properties: {
          default: confSchema,
          matches: matchesSchema,
        },
      },
    },
    targetRef: targetRefSchema,
    to: { type: 'array', items: targetRefEntry },
  },
}
