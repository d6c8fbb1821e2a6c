/** @module Structural schema of MeshRetry's spec (Kuma CRD `kuma.io_meshretries.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { targetRefSchema } from '../common/targetref'

const str: JSONSchemaProps = { type: 'string' }
const int32: JSONSchemaProps = { type: 'integer', format: 'int32' }

/** headerName is common_api.HeaderName: an RFC 7230 token, lower case. */
const headerName: JSONSchemaProps = {
  type: 'string',
  minLength: 1,
  maxLength: 256,
  pattern: "^[a-z0-9!#$%&'*+\\-.^_\\x60|~]+$",
}

/** headerMatch is common_api.HeaderMatch. */
const headerMatch: JSONSchemaProps = {
  type: 'object',
  required: ['name'],
  properties: {
    name: headerName,
    type: {
      type: 'string',
      default: 'Exact',
      enum: ['Exact', 'Present', 'RegularExpression', 'Absent', 'Prefix'],
    },
    value: str,
  },
}

const backOff: JSONSchemaProps = {
  type: 'object',
  properties: { baseInterval: str, maxInterval: str },
}

const rateLimitedBackOff: JSONSchemaProps = {
  type: 'object',
  properties: {
    maxInterval: str,
    resetHeaders: {
      type: 'array',
      items: {
        type: 'object',
        required: ['format', 'name'],
        properties: {
          format: { type: 'string', enum: ['Seconds', 'UnixTimestamp'] },
          name: headerName,
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
        numRetries: int32,
        perTryTimeout: str,
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
              tags: { type: 'object', additionalProperties: str },
              updateFrequency: { type: 'integer', format: 'int32', default: 2 },
            },
          },
        },
        hostSelectionMaxAttempts: { type: 'integer', format: 'int64' },
        numRetries: int32,
        perTryTimeout: str,
        rateLimitedBackOff,
        retriableRequestHeaders: { type: 'array', items: headerMatch },
        retriableResponseHeaders: { type: 'array', items: headerMatch },
        retryOn: { type: 'array', items: str },
      },
    },
    tcp: { type: 'object', properties: { maxConnectAttempt: int32 } },
  },
}

/** specSchema is the structural schema of MeshRetry's spec. */
export const specSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    targetRef: targetRefSchema,
    to: {
      type: 'array',
      items: {
        type: 'object',
        required: ['targetRef'],
        properties: { default: confSchema, targetRef: targetRefSchema },
      },
    },
  },
}
