/** @module Structural schema of MeshExternalService's spec (Kuma CRD `kuma.io_meshexternalservices.yaml`). */
import type { JSONSchemaProps } from '../../../schema/types'
import { TLS_VERSIONS } from '../../../validators/tls'
import {
  addressesSchema,
  dataSourceSchema,
  extensionSchema,
  hostnameGeneratorsStatusSchema,
} from '../common/schema'

const port: JSONSchemaProps = { type: 'integer', format: 'int32', minimum: 1, maximum: 65535 }
const tlsVersion: JSONSchemaProps = {
  type: 'string',
  default: 'TLSAuto',
  enum: [...TLS_VERSIONS],
}

export const specSchema: JSONSchemaProps = {
  type: 'object',
  required: ['match'],
  properties: {
    endpoints: {
      type: 'array',
      items: {
        type: 'object',
        required: ['address', 'port'],
        properties: {
          address: { type: 'string', minLength: 1 },
          port,
          priority: { type: 'integer', format: 'int32', minimum: 0, maximum: 128 },
        },
      },
    },
    extension: extensionSchema,
    match: {
      type: 'object',
      required: ['port'],
      properties: {
        port,
        protocol: { type: 'string', default: 'tcp', enum: ['tcp', 'grpc', 'http', 'http2'] },
        type: { type: 'string', default: 'HostnameGenerator', enum: ['HostnameGenerator'] },
      },
    },
    tls: {
      type: 'object',
      properties: {
        allowRenegotiation: { type: 'boolean', default: false },
        enabled: { type: 'boolean', default: false },
        verification: {
          type: 'object',
          properties: {
            caCert: dataSourceSchema,
            clientCert: dataSourceSchema,
            clientKey: dataSourceSchema,
            mode: {
              type: 'string',
              default: 'Secured',
              enum: ['SkipSAN', 'SkipCA', 'Secured', 'SkipAll'],
            },
            serverName: { type: 'string' },
            subjectAltNames: {
              type: 'array',
              items: {
                type: 'object',
                required: ['value'],
                properties: {
                  type: { type: 'string', default: 'Exact', enum: ['Exact', 'Prefix'] },
                  value: { type: 'string' },
                },
              },
            },
          },
        },
        version: { type: 'object', properties: { max: tlsVersion, min: tlsVersion } },
      },
    },
  },
}

/** statusSchema is the structural schema of MeshExternalService's `status`. */
export const statusSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    addresses: addressesSchema,
    hostnameGenerators: hostnameGeneratorsStatusSchema,
    vip: { type: 'object', properties: { ip: { type: 'string' } } },
  },
}
