/** @module The structural schema of MeshMetric's spec (Kuma CRD `kuma.io_meshmetrics.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { backendResourceRefSchema } from '../common/schema'
import { targetRefSchema } from '../common/targetref'

const selectorSchema: JSONSchemaProps = {
  type: 'object',
  required: ['match', 'type'],
  properties: {
    match: { type: 'string' },
    type: { type: 'string', enum: ['Prefix', 'Regex', 'Exact', 'Contains'] },
  },
}

const backendSchema: JSONSchemaProps = {
  type: 'object',
  required: ['type'],
  properties: {
    openTelemetry: {
      type: 'object',
      properties: {
        backendRef: backendResourceRefSchema,
        endpoint: { type: 'string', default: '' },
        refreshInterval: { type: 'string' },
      },
    },
    prometheus: {
      type: 'object',
      properties: {
        clientId: { type: 'string' },
        path: { type: 'string', default: '/metrics' },
        port: { type: 'integer', format: 'int32', default: 5670 },
        tls: {
          type: 'object',
          properties: {
            mode: {
              type: 'string',
              default: 'Disabled',
              enum: ['Disabled', 'ProvidedTLS', 'ActiveMTLSBackend'],
            },
          },
        },
      },
    },
    type: { type: 'string', enum: ['Prometheus', 'OpenTelemetry'] },
  },
}

/** meshMetricSpecSchema is the structural schema of a MeshMetric's `spec`. */
export const meshMetricSpecSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    default: {
      type: 'object',
      properties: {
        applications: {
          type: 'array',
          items: {
            type: 'object',
            required: ['port'],
            properties: {
              address: { type: 'string' },
              name: { type: 'string' },
              path: { type: 'string', default: '/metrics' },
              port: { type: 'integer', format: 'int32' },
            },
          },
        },
        backends: { type: 'array', items: backendSchema },
        sidecar: {
          type: 'object',
          properties: {
            includeUnused: { type: 'boolean' },
            profiles: {
              type: 'object',
              properties: {
                appendProfiles: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['name'],
                    properties: { name: { type: 'string', enum: ['All', 'Basic', 'None'] } },
                  },
                },
                exclude: { type: 'array', items: selectorSchema },
                include: { type: 'array', items: selectorSchema },
              },
            },
          },
        },
      },
    },
    targetRef: targetRefSchema,
  },
}
