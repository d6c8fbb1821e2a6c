/** @module Structural schema of MeshService's spec (Kuma CRD `kuma.io_meshservices.yaml`). */
import type { JSONSchemaProps } from '../../../schema/types'
import {
  addressesSchema,
  hostnameGeneratorsStatusSchema,
  labelSelectorSchema,
  vipsSchema,
} from '../common/schema'

const stringMap: JSONSchemaProps = { type: 'object', additionalProperties: { type: 'string' } }

export const specSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    identities: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'value'],
        properties: {
          type: { type: 'string', enum: ['ServiceTag', 'SpiffeID'] },
          value: { type: 'string' },
        },
      },
    },
    ports: {
      type: 'array',
      items: {
        type: 'object',
        required: ['port'],
        properties: {
          appProtocol: { type: 'string', default: 'tcp' },
          name: { type: 'string' },
          port: { type: 'integer', format: 'int32' },
          targetPort: {
            anyOf: [{ type: 'integer' }, { type: 'string' }],
            'x-kubernetes-int-or-string': true,
          },
        },
      },
    },
    selector: {
      type: 'object',
      properties: {
        dataplaneLabels: labelSelectorSchema,
        dataplaneRef: { type: 'object', properties: { name: { type: 'string' } } },
        dataplaneTags: stringMap,
      },
    },
    state: { type: 'string', default: 'Unavailable', enum: ['Available', 'Unavailable'] },
  },
}

/** statusSchema is the structural schema of MeshService's `status`. */
export const statusSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    addresses: addressesSchema,
    dataplaneProxies: {
      type: 'object',
      properties: {
        connected: { type: 'integer' },
        healthy: { type: 'integer' },
        total: { type: 'integer' },
      },
    },
    hostnameGenerators: hostnameGeneratorsStatusSchema,
    tls: {
      type: 'object',
      properties: { status: { type: 'string', enum: ['Ready', 'NotReady'] } },
    },
    vips: vipsSchema,
  },
}
