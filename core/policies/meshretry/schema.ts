/** @module Structural schema of MeshRetry's spec (Kuma CRD `kuma.io_meshretries.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import {
  headerMatchSchema,
  headerNameSchema,
  int32Schema,
  stringSchema,
  targetedConfSchema,
} from '../common/schema'
import { targetRefSchema } from '../common/targetref'

const backOff: JSONSchemaProps = {
  type: 'object',
  properties: { baseInterval: stringSchema, maxInterval: stringSchema },
}

const rateLimitedBackOff: JSONSchemaProps = {
  type: 'object',
  properties: {
    maxInterval: stringSchema,
    resetHeaders: {
      type: 'array',
      items: {
        type: 'object',
        required: ['format', 'name'],
        properties: {
          format: { type: 'string', enum: ['Seconds', 'UnixTimestamp'] },
          name: headerNameSchema,
        },
      },
    },
  },
}

/** confSchema is MeshRetry's Conf: retries for tcp, http and grpc traffic. */
const confSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    grpc: {
      type: 'object',
      properties: {
        backOff,
        numRetries: int32Schema,
        perTryTimeout: stringSchema,
        rateLimitedBackOff,
        retryOn: {
          type: 'array',
          items: {
            type: 'string',
            enum: ['Canceled', 'DeadlineExceeded', 'Internal', 'ResourceExhausted', 'Unavailable'],
          },
        },
      },
    },
    http: {
      type: 'object',
      properties: {
        backOff,
        hostSelection: {
          type: 'array',
          items: {
            type: 'object',
            required: ['predicate'],
            properties: {
              predicate: {
                type: 'string',
                enum: ['OmitPreviousHosts', 'OmitHostsWithTags', 'OmitPreviousPriorities'],
              },
              tags: { type: 'object', additionalProperties: stringSchema },
              updateFrequency: { type: 'integer', format: 'int32', default: 2 },
            },
          },
        },
        hostSelectionMaxAttempts: { type: 'integer', format: 'int64' },
        numRetries: int32Schema,
        perTryTimeout: stringSchema,
        rateLimitedBackOff,
        retriableRequestHeaders: { type: 'array', items: headerMatchSchema },
        retriableResponseHeaders: { type: 'array', items: headerMatchSchema },
        retryOn: { type: 'array', items: stringSchema },
      },
    },
    tcp: { type: 'object', properties: { maxConnectAttempt: int32Schema } },
  },
}

/** specSchema is the structural schema of MeshRetry's spec. */
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
