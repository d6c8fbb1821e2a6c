/** @module Structural schema of MeshTrust's spec and status (Kuma CRD `kuma.io_meshtrusts.yaml`). */
import type { JSONSchemaProps } from '../../../schema/types'

const originSchema: JSONSchemaProps = { type: 'object', properties: { kri: { type: 'string' } } }

export const specSchema: JSONSchemaProps = {
  type: 'object',
  required: ['caBundles', 'trustDomain'],
  properties: {
    caBundles: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['type'],
        properties: {
          pem: { type: 'object', required: ['value'], properties: { value: { type: 'string' } } },
          type: { type: 'string', enum: ['Pem'] },
        },
      },
    },
    origin: originSchema,
    trustDomain: { type: 'string', maxLength: 253 },
  },
}

export const statusSchema: JSONSchemaProps = {
  type: 'object',
  properties: { origin: originSchema },
}
