/** @module MeshProxyPatch: the kind descriptor (Kuma `meshproxypatch` plugin, order 9999). */
import type { ResourceKind } from '../../resources/kind'
import { meshProxyPatchSpecSchema } from './schema'
import { validateMeshProxyPatch } from './validator'

export const kind: ResourceKind = {
  name: 'MeshProxyPatch',
  plural: 'meshproxypatches',
  kumactlArg: 'meshproxypatch',
  singularDisplayName: 'Mesh Proxy Patch',
  pluralDisplayName: 'Mesh Proxy Patches',
  shortName: 'mpp',
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
  specSchema: meshProxyPatchSpecSchema,
  validate: validateMeshProxyPatch,
}
