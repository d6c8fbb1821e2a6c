/** @module Structural schema of MeshIdentity's spec and status (Kuma CRD `kuma.io_meshidentities.yaml`). */
import type { JSONSchemaProps } from '../../../schema/types'
import { conditionSchema, labelSelectorSchema } from '../common/schema'
import { secureDataSourceSchema } from '../common/secure-datasource'

export const specSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    provider: {
      type: 'object',
      required: ['type'],
      properties: {
        bundled: {
          type: 'object',
          properties: {
            autogenerate: { type: 'object', properties: { enabled: { type: 'boolean' } } },
            ca: {
              type: 'object',
              properties: {
                certificate: secureDataSourceSchema,
                privateKey: secureDataSourceSchema,
              },
            },
            certificateParameters: {
              type: 'object',
              properties: { expiry: { type: 'string' } },
            },
            insecureAllowSelfSigned: { type: 'boolean' },
            meshTrustCreation: { type: 'string', enum: ['Enabled', 'Disabled'] },
          },
        },
        extension: {
          type: 'object',
          required: ['name'],
          properties: {
            config: { 'x-kubernetes-preserve-unknown-fields': true },
            name: { type: 'string' },
          },
        },
        spire: {
          type: 'object',
          properties: {
            agent: { type: 'object', properties: { timeout: { type: 'string' } } },
          },
        },
        type: { type: 'string', enum: ['Bundled', 'Spire', 'Extension'] },
      },
    },
    selector: { type: 'object', properties: { dataplane: labelSelectorSchema } },
    spiffeID: {
      type: 'object',
      properties: { path: { type: 'string' }, trustDomain: { type: 'string' } },
    },
  },
}

export const statusSchema: JSONSchemaProps = {
  type: 'object',
  properties: { conditions: { type: 'array', items: conditionSchema } },
}
