/** @module Structural schema of MeshRateLimit's spec (Kuma CRD `kuma.io_meshratelimits.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { targetRefSchema } from '../common/targetref'

const int32: JSONSchemaProps = { type: 'integer', format: 'int32' }

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

const rate: JSONSchemaProps = {
  type: 'object',
  required: ['interval', 'num'],
  properties: { interval: { type: 'string' }, num: int32 },
}

const confSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    local: {
      type: 'object',
      properties: {
        http: {
          type: 'object',
          properties: {
            disabled: { type: 'boolean' },
            onRateLimit: {
              type: 'object',
              properties: {
                headers: {
                  type: 'object',
                  properties: { add: headerKeyValues, set: headerKeyValues },
                },
                status: int32,
              },
            },
            requestRate: rate,
          },
        },
        tcp: {
          type: 'object',
          properties: { connectionRate: rate, disabled: { type: 'boolean' } },
        },
      },
    },
  },
}

/** matchSchema is common_api.Match: inbound rules matched by client SPIFFE ID or SNI. */
const matchSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    sni: {
      type: 'object',
      required: ['type', 'value'],
      properties: { type: { type: 'string', enum: ['Exact'] }, value: { type: 'string' } },
    },
    spiffeID: {
      type: 'object',
      required: ['type', 'value'],
      properties: {
        type: { type: 'string', enum: ['Exact', 'Prefix'] },
        value: { type: 'string' },
      },
    },
  },
}

const targetedConf: JSONSchemaProps = {
  type: 'object',
  required: ['targetRef'],
  properties: { default: confSchema, targetRef: targetRefSchema },
}

/** specSchema is the structural schema of a MeshRateLimit `spec`. */
export const specSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    from: { type: 'array', items: targetedConf },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        properties: { default: confSchema, matches: { type: 'array', items: matchSchema } },
      },
    },
    targetRef: targetRefSchema,
    to: { type: 'array', items: targetedConf },
  },
}
