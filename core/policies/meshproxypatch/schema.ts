/** @module The structural schema of MeshProxyPatch's spec (Kuma CRD `kuma.io_meshproxypatches.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { targetRefSchema } from '../common/targetref'

const stringMap: JSONSchemaProps = { type: 'object', additionalProperties: { type: 'string' } }

/** jsonPatchesSchema is Kuma's common `JsonPatchBlock` list (RFC 6902 operations). */
const jsonPatchesSchema: JSONSchemaProps = {
  type: 'array',
  items: {
    type: 'object',
    required: ['op', 'path'],
    properties: {
      from: { type: 'string' },
      op: { type: 'string', enum: ['add', 'remove', 'replace', 'move', 'copy'] },
      path: { type: 'string' },
      value: { 'x-kubernetes-preserve-unknown-fields': true },
    },
  },
}

const resourceOps = ['Add', 'Remove', 'Patch']
const filterOps = ['Remove', 'Patch', 'AddFirst', 'AddBefore', 'AddAfter', 'AddLast']

function modSchema(
  match: Record<string, JSONSchemaProps>,
  operations: string[],
  required: string[] = ['operation'],
): JSONSchemaProps {
  return {
    type: 'object',
    required,
    properties: {
      jsonPatches: jsonPatchesSchema,
      match: { type: 'object', properties: match },
      operation: { type: 'string', enum: operations },
      value: { type: 'string' },
    },
  }
}

const str: JSONSchemaProps = { type: 'string' }
const filterMatch = { listenerName: str, listenerTags: stringMap, name: str, origin: str }

/** meshProxyPatchSpecSchema is the structural schema of a MeshProxyPatch's `spec`. */
export const meshProxyPatchSpecSchema: JSONSchemaProps = {
  type: 'object',
  required: ['default'],
  properties: {
    default: {
      type: 'object',
      properties: {
        appendModifications: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              cluster: modSchema({ name: str, origin: str }, resourceOps),
              httpFilter: modSchema(filterMatch, filterOps),
              listener: modSchema({ name: str, origin: str, tags: stringMap }, resourceOps),
              networkFilter: modSchema(filterMatch, filterOps),
              virtualHost: modSchema(
                { name: str, origin: str, routeConfigurationName: str },
                resourceOps,
                ['match', 'operation'],
              ),
            },
          },
        },
      },
    },
    targetRef: targetRefSchema,
  },
}
