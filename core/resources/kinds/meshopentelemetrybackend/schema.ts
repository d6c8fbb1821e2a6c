/** @module Structural schema of MeshOpenTelemetryBackend's spec (Kuma CRD `kuma.io_meshopentelemetrybackends.yaml`). */
import type { JSONSchemaProps } from '../../../schema/types'
import { conditionSchema } from '../common/schema'

export const specSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    endpoint: {
      type: 'object',
      properties: {
        address: { type: 'string' },
        path: { type: 'string' },
        port: { type: 'integer', format: 'int32' },
      },
    },
    env: {
      type: 'object',
      properties: {
        allowSignalOverrides: { type: 'boolean' },
        mode: { type: 'string', default: 'Optional', enum: ['Disabled', 'Optional', 'Required'] },
        precedence: { type: 'string', default: 'EnvFirst', enum: ['ExplicitFirst', 'EnvFirst'] },
      },
    },
    protocol: { type: 'string', enum: ['grpc', 'http'] },
  },
}

/** statusSchema is the structural schema of MeshOpenTelemetryBackend's `status`. */
export const statusSchema: JSONSchemaProps = {
  type: 'object',
  properties: { conditions: { type: 'array', items: conditionSchema } },
}
