/** @module Structural schema of MeshMultiZoneService's spec (Kuma CRD `kuma.io_meshmultizoneservices.yaml`). */
import type { JSONSchemaProps } from '../../../schema/types'
import {
  addressesSchema,
  conditionSchema,
  hostnameGeneratorsStatusSchema,
  labelSelectorSchema,
  vipsSchema,
} from '../common/schema'

export const specSchema: JSONSchemaProps = {
  type: 'object',
  required: ['ports', 'selector'],
  properties: {
    ports: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['port'],
        properties: {
          appProtocol: { type: 'string', default: 'tcp' },
          name: { type: 'string' },
          port: { type: 'integer', format: 'int32' },
        },
      },
    },
    selector: {
      type: 'object',
      required: ['meshService'],
      properties: { meshService: labelSelectorSchema },
    },
  },
}

/** statusSchema is the structural schema of MeshMultiZoneService's `status`. */
export const statusSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    addresses: addressesSchema,
    conditions: { type: 'array', items: conditionSchema },
    hostnameGenerators: hostnameGeneratorsStatusSchema,
    meshServices: {
      type: 'array',
      items: {
        type: 'object',
        required: ['mesh', 'name', 'namespace', 'zone'],
        properties: {
          mesh: { type: 'string' },
          name: { type: 'string' },
          namespace: { type: 'string' },
          zone: { type: 'string' },
        },
      },
    },
    vips: vipsSchema,
  },
}
