/** @module Structural schema of MeshRateLimit's spec (Kuma CRD `kuma.io_meshratelimits.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import {
  headerKeyValuesSchema,
  int32Schema,
  targetedConfSchema,
  matchesSchema,
} from '../common/schema'
import { targetRefSchema } from '../common/targetref'

const rate: JSONSchemaProps = {
  type: 'object',
  required: ['interval', 'num'],
  properties: { interval: { type: 'string' }, num: int32Schema },
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
                  properties: { add: headerKeyValuesSchema, set: headerKeyValuesSchema },
                },
                status: int32Schema,
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

const targetedConf = targetedConfSchema(confSchema)

/** specSchema is the structural schema of a MeshRateLimit `spec`. */
export const specSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    from: { type: 'array', items: targetedConf },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        properties: { default: confSchema, matches: matchesSchema },
      },
    },
    targetRef: targetRefSchema,
    to: { type: 'array', items: targetedConf },
  },
}
