/** @module The targetRef shape every targetRef policy shares (Kuma `api/common/v1alpha1/targetref.go`). */
import type { JSONSchemaProps } from '../../schema/types'

/** TARGET_REF_KINDS in Kuma's CRD enum order. */
export const TARGET_REF_KINDS = [
  'Mesh',
  'MeshSubset',
  'MeshGateway',
  'MeshService',
  'MeshExternalService',
  'MeshMultiZoneService',
  'MeshServiceSubset',
  'MeshHTTPRoute',
  'Dataplane',
] as const

export type TargetRefKind = (typeof TARGET_REF_KINDS)[number]

/** TargetRef is a reference to a resource, or a virtual group of proxies defined in place. */
export interface TargetRef {
  kind: TargetRefKind
  name?: string
  namespace?: string
  mesh?: string
  tags?: Record<string, string>
  labels?: Record<string, string>
  sectionName?: string
  proxyTypes?: ('Sidecar' | 'Gateway')[]
}

/** stringMapSchema is a `map[string]string` (tags, labels). */
export const stringMapSchema: JSONSchemaProps = {
  type: 'object',
  additionalProperties: { type: 'string' },
}

/** targetRefSchema is the structural schema of one targetRef (top level, `to[]`, `from[]`, `rules[]`). */
export const targetRefSchema: JSONSchemaProps = {
  type: 'object',
  required: ['kind'],
  properties: {
    kind: { type: 'string', enum: [...TARGET_REF_KINDS] },
    labels: stringMapSchema,
    mesh: { type: 'string' },
    name: { type: 'string' },
    namespace: { type: 'string' },
    proxyTypes: { type: 'array', items: { type: 'string', enum: ['Sidecar', 'Gateway'] } },
    sectionName: { type: 'string' },
    tags: stringMapSchema,
  },
}
