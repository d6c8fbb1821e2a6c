/** @module The structural schema of MeshAccessLog's spec (Kuma CRD `kuma.io_meshaccesslogs.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
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

const backendResourceRefSchema: JSONSchemaProps = {
  type: 'object',
  required: ['kind'],
  properties: {
    kind: { type: 'string', enum: ['MeshOpenTelemetryBackend'] },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
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

/** matchSchema is Kuma's common `Match` (rules[].matches[]): by SPIFFE ID or by SNI. */
const matchSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    sni: {
      type: 'object',
      required: ['type', 'value'],
      properties: {
        type: { type: 'string', enum: ['Exact'] },
        value: { type: 'string' },
      },
    },
    spiffeID: {
      type: 'object',
      required: ['type', 'value'],
      properties: {
        type: { type: 'string', enum: ['Exact', 'Prefix'] },
        value: { type: 'string' },
      },
    },
  },
}

const targetRefEntry: JSONSchemaProps = {
  type: 'object',
  required: ['default', 'targetRef'],
  properties: { default: confSchema, targetRef: targetRefSchema },
}

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
          matches: { type: 'array', items: matchSchema },
        },
      },
    },
    targetRef: targetRefSchema,
    to: { type: 'array', items: targetRefEntry },
  },
}
