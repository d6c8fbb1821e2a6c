/** @module MeshPassthrough: the kind descriptor (Kuma `meshpassthrough` plugin, order 500). */
import type { ResourceKind } from '../../resources/kind'
import { meshPassthroughSpecSchema } from './schema'
import { validateMeshPassthrough } from './validator'

export const kind: ResourceKind = {
  name: 'MeshPassthrough',
  plural: 'meshpassthroughs',
  kumactlArg: 'meshpassthrough',
  singularDisplayName: 'Mesh Passthrough',
  pluralDisplayName: 'Mesh Passthroughs',
  shortName: 'mp',
  scope: 'Mesh',
  readOnly: false,
  specInline: false,
  isPolicy: true,
  isTargetRefBased: true,
  hasToTargetRef: false,
  hasFromTargetRef: false,
  hasRulesTargetRef: false,
  isFromAsRules: false,
  hasStatus: false,
  includeInFederation: true,
  providedByZone: true,
  isProxy: false,
  specSchema: meshPassthroughSpecSchema,
  validate: validateMeshPassthrough,
}
