/** @module Structural schema of Workload's spec and status (Kuma CRD `kuma.io_workloads.yaml`). */
import type { JSONSchemaProps } from '../../../schema/types'

const int32: JSONSchemaProps = { type: 'integer', format: 'int32' }

export const specSchema: JSONSchemaProps = { type: 'object' }

export const statusSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    dataplaneProxies: {
      type: 'object',
      required: ['connected', 'healthy', 'total'],
      properties: { connected: int32, healthy: int32, total: int32 },
    },
  },
}
