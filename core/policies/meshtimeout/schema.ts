/** @module Structural schema of MeshTimeout's spec (Kuma CRD `kuma.io_meshtimeouts.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { matchesSchema, stringSchema, targetedConfSchema } from '../common/schema'
import { targetRefSchema } from '../common/targetref'

/** confSchema is MeshTimeout's Conf, the same in to[], from[] and rules[]. */
const confSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    connectionTimeout: stringSchema,
    http: {
      type: 'object',
      properties: {
        maxConnectionDuration: stringSchema,
        maxStreamDuration: stringSchema,
        requestHeadersTimeout: stringSchema,
        requestTimeout: stringSchema,
        streamIdleTimeout: stringSchema,
      },
    },
    idleTimeout: stringSchema,
  },
}

const targetRefItems: JSONSchemaProps = { type: 'array', items: targetedConfSchema(confSchema) }

/** specSchema is the structural schema of MeshTimeout's spec. */
export const specSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    from: targetRefItems,
    rules: {
      type: 'array',
      items: {
        type: 'object',
        properties: { default: confSchema, matches: matchesSchema },
      },
    },
    targetRef: targetRefSchema,
    to: targetRefItems,
  },
}
