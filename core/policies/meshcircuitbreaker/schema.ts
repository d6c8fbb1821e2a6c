/** @module Structural schema of MeshCircuitBreaker's spec (Kuma CRD `kuma.io_meshcircuitbreakers.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { int32Schema, intOrStringSchema, stringSchema, targetedConfSchema } from '../common/schema'
import { targetRefSchema } from '../common/targetref'

const bool: JSONSchemaProps = { type: 'boolean' }
const consecutive: JSONSchemaProps = { type: 'object', properties: { consecutive: int32Schema } }

/** confSchema is MeshCircuitBreaker's Conf, the same in to[], from[] and rules[]. */
const confSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    connectionLimits: {
      type: 'object',
      properties: {
        maxConnectionPools: int32Schema,
        maxConnections: int32Schema,
        maxPendingRequests: int32Schema,
        maxRequests: int32Schema,
        maxRetries: int32Schema,
      },
    },
    outlierDetection: {
      type: 'object',
      properties: {
        baseEjectionTime: stringSchema,
        detectors: {
          type: 'object',
          properties: {
            failurePercentage: {
              type: 'object',
              properties: {
                minimumHosts: int32Schema,
                requestVolume: int32Schema,
                threshold: int32Schema,
              },
            },
            gatewayFailures: consecutive,
            localOriginFailures: consecutive,
            successRate: {
              type: 'object',
              properties: {
                minimumHosts: int32Schema,
                requestVolume: int32Schema,
                standardDeviationFactor: intOrStringSchema,
              },
            },
            totalFailures: consecutive,
          },
        },
        disabled: bool,
        healthyPanicThreshold: intOrStringSchema,
        interval: stringSchema,
        maxEjectionPercent: int32Schema,
        splitExternalAndLocalErrors: bool,
      },
    },
  },
}

const targetRefItems: JSONSchemaProps = { type: 'array', items: targetedConfSchema(confSchema) }

/** specSchema is the structural schema of MeshCircuitBreaker's spec. */
export const specSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    from: targetRefItems,
    rules: { type: 'array', items: { type: 'object', properties: { default: confSchema } } },
    targetRef: targetRefSchema,
    to: targetRefItems,
  },
}
