/** @module Structural schema of MeshFaultInjection's spec (Kuma CRD `kuma.io_meshfaultinjections.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { intOrStringSchema, targetedConfSchema, matchesSchema } from '../common/schema'
import { targetRefSchema } from '../common/targetref'

const confSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    http: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          abort: {
            type: 'object',
            required: ['httpStatus', 'percentage'],
            properties: {
              httpStatus: { type: 'integer', format: 'int32' },
              percentage: intOrStringSchema,
            },
          },
          delay: {
            type: 'object',
            required: ['percentage', 'value'],
            properties: { percentage: intOrStringSchema, value: { type: 'string' } },
          },
          responseBandwidth: {
            type: 'object',
            required: ['limit', 'percentage'],
            properties: { limit: { type: 'string' }, percentage: intOrStringSchema },
          },
        },
      },
    },
  },
}

const targetedConf = targetedConfSchema(confSchema)

/** specSchema is the structural schema of a MeshFaultInjection `spec`. */
export const specSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    from: { type: 'array', items: targetedConf },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['default'],
        properties: { default: confSchema, matches: matchesSchema },
      },
    },
    targetRef: targetRefSchema,
    to: { type: 'array', items: targetedConf },
  },
}
