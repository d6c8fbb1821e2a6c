/** @module The structural schema of MeshPassthrough's spec (Kuma CRD `kuma.io_meshpassthroughs.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { targetRefSchema } from '../common/targetref'

/** meshPassthroughSpecSchema is the structural schema of a MeshPassthrough's `spec`. */
export const meshPassthroughSpecSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    default: {
      type: 'object',
      properties: {
        appendMatch: {
          type: 'array',
          items: {
            type: 'object',
            required: ['type', 'value'],
            properties: {
              port: { type: 'integer', format: 'int32' },
              protocol: {
                type: 'string',
                default: 'tcp',
                enum: ['tcp', 'tls', 'grpc', 'http', 'http2', 'mysql'],
              },
              type: { type: 'string', enum: ['Domain', 'IP', 'CIDR'] },
              value: { type: 'string' },
            },
          },
        },
        passthroughMode: { type: 'string', enum: ['All', 'Matched', 'None'] },
      },
    },
    targetRef: targetRefSchema,
  },
}
