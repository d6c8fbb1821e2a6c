/** @module Structural schema of MeshTrafficPermission's spec (Kuma CRD `kuma.io_meshtrafficpermissions.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { targetRefSchema } from '../common/targetref'

const str: JSONSchemaProps = { type: 'string' }

/** matchSchema is common_api.Match: inbound traffic matched by client SPIFFE ID or SNI. */
const matchSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    sni: {
      type: 'object',
      required: ['type', 'value'],
      properties: { type: { type: 'string', enum: ['Exact'] }, value: str },
    },
    spiffeID: {
      type: 'object',
      required: ['type', 'value'],
      properties: { type: { type: 'string', enum: ['Exact', 'Prefix'] }, value: str },
    },
  },
}

const matches: JSONSchemaProps = { type: 'array', items: matchSchema }

/** specSchema is the structural schema of MeshTrafficPermission's spec. */
export const specSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    from: {
      type: 'array',
      items: {
        type: 'object',
        required: ['targetRef'],
        properties: {
          default: {
            type: 'object',
            properties: {
              action: { type: 'string', enum: ['Allow', 'Deny', 'AllowWithShadowDeny'] },
            },
          },
          targetRef: targetRefSchema,
        },
      },
    },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['default'],
        properties: {
          default: {
            type: 'object',
            properties: { allow: matches, allowWithShadowDeny: matches, deny: matches },
          },
        },
      },
    },
    targetRef: targetRefSchema,
  },
}
