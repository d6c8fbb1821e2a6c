/** @module Structural schema of MeshCircuitBreaker's spec (Kuma CRD `kuma.io_meshcircuitbreakers.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { targetRefSchema } from '../common/targetref'

const str: JSONSchemaProps = { type: 'string' }
const int32: JSONSchemaProps = { type: 'integer', format: 'int32' }
const bool: JSONSchemaProps = { type: 'boolean' }
const intOrString: JSONSchemaProps = {
  anyOf: [{ type: 'integer' }, { type: 'string' }],
  'x-kubernetes-int-or-string': true,
}
const consecutive: JSONSchemaProps = { type: 'object', properties: { consecutive: int32 } }

/** confSchema is MeshCircuitBreaker's Conf, the same in to[], from[] and rules[]. */
const confSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    connectionLimits: {
      type: 'object',
      properties: {
        maxConnectionPools: int32,
        maxConnections: int32,
        maxPendingRequests: int32,
        maxRequests: int32,
        maxRetries: int32,
      },
    },
    outlierDetection: {
      type: 'object',
      properties: {
        baseEjectionTime: str,
        detectors: {
          type: 'object',
          properties: {
            failurePercentage: {
              type: 'object',
              properties: { minimumHosts: int32, requestVolume: int32, threshold: int32 },
            },
            gatewayFailures: consecutive,
            localOriginFailures: consecutive,
            successRate: {
              type: 'object',
              properties: {
                minimumHosts: int32,
                requestVolume: int32,
                standardDeviationFactor: intOrString,
              },
            },
            totalFailures: consecutive,
          },
        },
        disabled: bool,
        healthyPanicThreshold: intOrString,
        interval: str,
        maxEjectionPercent: int32,
        splitExternalAndLocalErrors: bool,
      },
    },
  },
}

const targetRefItems: JSONSchemaProps = {
  type: 'array',
  items: {
    type: 'object',
    required: ['targetRef'],
    properties: { default: confSchema, targetRef: targetRefSchema },
  },
}

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
