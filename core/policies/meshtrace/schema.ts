/** @module The structural schema of MeshTrace's spec (Kuma CRD `kuma.io_meshtraces.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { backendResourceRefSchema, intOrStringSchema } from '../common/schema'
import { targetRefSchema } from '../common/targetref'

const backendSchema: JSONSchemaProps = {
  type: 'object',
  required: ['type'],
  properties: {
    datadog: {
      type: 'object',
      required: ['url'],
      properties: {
        splitService: { type: 'boolean', default: false },
        url: { type: 'string' },
      },
    },
    openTelemetry: {
      type: 'object',
      properties: {
        backendRef: backendResourceRefSchema,
        endpoint: { type: 'string', default: '' },
      },
    },
    type: { type: 'string', enum: ['Zipkin', 'Datadog', 'OpenTelemetry'] },
    zipkin: {
      type: 'object',
      required: ['url'],
      properties: {
        apiVersion: { type: 'string', default: 'httpJson', enum: ['httpJson', 'httpProto'] },
        sharedSpanContext: { type: 'boolean', default: true },
        traceId128bit: { type: 'boolean', default: false },
        url: { type: 'string' },
      },
    },
  },
}

/** meshTraceSpecSchema is the structural schema of a MeshTrace's `spec`. */
export const meshTraceSpecSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    default: {
      type: 'object',
      properties: {
        backends: { type: 'array', maxItems: 1, items: backendSchema },
        sampling: {
          type: 'object',
          properties: {
            client: intOrStringSchema,
            overall: intOrStringSchema,
            random: intOrStringSchema,
          },
        },
        tags: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name'],
            properties: {
              header: {
                type: 'object',
                required: ['name'],
                properties: { default: { type: 'string' }, name: { type: 'string' } },
              },
              literal: { type: 'string' },
              name: { type: 'string' },
            },
          },
        },
      },
    },
    targetRef: targetRefSchema,
  },
}
