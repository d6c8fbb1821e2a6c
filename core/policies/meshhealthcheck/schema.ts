/** @module Structural schema of MeshHealthCheck's spec (Kuma CRD `kuma.io_meshhealthchecks.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import {
  headerKeyValuesSchema,
  int32Schema,
  intOrStringSchema,
  stringSchema,
  targetedConfSchema,
} from '../common/schema'
import { targetRefSchema } from '../common/targetref'

const duration = stringSchema
const confSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    alwaysLogHealthCheckFailures: { type: 'boolean' },
    eventLogPath: { type: 'string' },
    failTrafficOnPanic: { type: 'boolean' },
    grpc: {
      type: 'object',
      properties: {
        authority: { type: 'string' },
        disabled: { type: 'boolean' },
        serviceName: { type: 'string' },
      },
    },
    healthyPanicThreshold: intOrStringSchema,
    healthyThreshold: int32Schema,
    http: {
      type: 'object',
      properties: {
        disabled: { type: 'boolean' },
        expectedStatuses: { type: 'array', items: int32Schema },
        path: { type: 'string' },
        requestHeadersToAdd: {
          type: 'object',
          properties: { add: headerKeyValuesSchema, set: headerKeyValuesSchema },
        },
      },
    },
    initialJitter: duration,
    interval: duration,
    intervalJitter: duration,
    intervalJitterPercent: int32Schema,
    noTrafficInterval: duration,
    reuseConnection: { type: 'boolean' },
    tcp: {
      type: 'object',
      properties: {
        disabled: { type: 'boolean' },
        receive: { type: 'array', items: { type: 'string' } },
        send: { type: 'string' },
      },
    },
    timeout: duration,
    unhealthyThreshold: int32Schema,
  },
}

/** specSchema is the structural schema of a MeshHealthCheck `spec`. */
export const specSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    targetRef: targetRefSchema,
    to: {
      type: 'array',
      items: targetedConfSchema(confSchema),
    },
  },
}
