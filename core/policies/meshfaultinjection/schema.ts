/** @module Structural schema of MeshFaultInjection's spec (Kuma CRD `kuma.io_meshfaultinjections.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { targetRefSchema } from '../common/targetref'

const intOrString: JSONSchemaProps = {
  anyOf: [{ type: 'integer' }, { type: 'string' }],
  'x-kubernetes-int-or-string': true,
}

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
              percentage: intOrString,
            },
          },
          delay: {
            type: 'object',
            required: ['percentage', 'value'],
            properties: { percentage: intOrString, value: { type: 'string' } },
          },
          responseBandwidth: {
            type: 'object',
            required: ['limit', 'percentage'],
            properties: { limit: { type: 'string' }, percentage: intOrString },
          },
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
        properties: { default: confSchema, matches: { type: 'array', items: matchSchema } },
      },
    },
    targetRef: targetRefSchema,
    to: { type: 'array', items: targetedConf },
  },
}
