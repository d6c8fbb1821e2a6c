/** @module Structural schema of MeshTimeout's spec (Kuma CRD `kuma.io_meshtimeouts.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { targetRefSchema } from '../common/targetref'

const str: JSONSchemaProps = { type: 'string' }

/** confSchema is MeshTimeout's Conf, the same in to[], from[] and rules[]. */
const confSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    connectionTimeout: str,
    http: {
      type: 'object',
      properties: {
        maxConnectionDuration: str,
        maxStreamDuration: str,
        requestHeadersTimeout: str,
        requestTimeout: str,
        streamIdleTimeout: str,
      },
    },
    idleTimeout: str,
  },
}

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

const targetRefItems: JSONSchemaProps = {
  type: 'array',
  items: {
    type: 'object',
    required: ['targetRef'],
    properties: { default: confSchema, targetRef: targetRefSchema },
  },
}

/** specSchema is the structural schema of MeshTimeout's spec. */
export const specSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    from: targetRefItems,
    rules: {
      type: 'array',
      items: {
        type: 'object',
        properties: { default: confSchema, matches: { type: 'array', items: matchSchema } },
      },
    },
    targetRef: targetRefSchema,
    to: targetRefItems,
  },
}
