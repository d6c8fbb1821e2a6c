/** @module Structural schema of MeshTCPRoute's spec (Kuma CRD `kuma.io_meshtcproutes.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { backendRefSchema } from '../common/schema'
import { targetRefSchema } from '../common/targetref'

/** specSchema is the structural schema of a MeshTCPRoute `spec`. */
export const specSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    targetRef: targetRefSchema,
    to: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['rules', 'targetRef'],
        properties: {
          rules: {
            type: 'array',
            maxItems: 1,
            items: {
              type: 'object',
              required: ['default'],
              properties: {
                default: {
                  type: 'object',
                  properties: { backendRefs: { type: 'array', items: backendRefSchema } },
                },
              },
            },
          },
          targetRef: targetRefSchema,
        },
      },
    },
  },
}
