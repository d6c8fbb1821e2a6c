/** @module Structural schema of MeshHealthCheck's spec (Kuma CRD `kuma.io_meshhealthchecks.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { targetRefSchema } from '../common/targetref'

const int32: JSONSchemaProps = { type: 'integer', format: 'int32' }
const duration: JSONSchemaProps = { type: 'string' }
const intOrString: JSONSchemaProps = {
  anyOf: [{ type: 'integer' }, { type: 'string' }],
  'x-kubernetes-int-or-string': true,
}

const headerKeyValues: JSONSchemaProps = {
  type: 'array',
  maxItems: 16,
  items: {
    type: 'object',
    required: ['name', 'value'],
    properties: {
      name: {
        type: 'string',
        minLength: 1,
        maxLength: 256,
        pattern: String.raw`^[a-z0-9!#$%&'*+\-.^_\x60|~]+$`,
      },
      value: { type: 'string' },
    },
  },
}

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
    healthyPanicThreshold: intOrString,
    healthyThreshold: int32,
    http: {
      type: 'object',
      properties: {
        disabled: { type: 'boolean' },
        expectedStatuses: { type: 'array', items: int32 },
        path: { type: 'string' },
        requestHeadersToAdd: {
          type: 'object',
          properties: { add: headerKeyValues, set: headerKeyValues },
        },
      },
    },
    initialJitter: duration,
    interval: duration,
    intervalJitter: duration,
    intervalJitterPercent: int32,
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
    unhealthyThreshold: int32,
  },
}

/** specSchema is the structural schema of a MeshHealthCheck `spec`. */
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
