/** @module Structural schema of MeshTrafficPermission's spec (Kuma CRD `kuma.io_meshtrafficpermissions.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { matchesSchema } from '../common/schema'
import { targetRefSchema } from '../common/targetref'

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
            properties: {
              allow: matchesSchema,
              allowWithShadowDeny: matchesSchema,
              deny: matchesSchema,
            },
          },
        },
      },
    },
    targetRef: targetRefSchema,
  },
}
