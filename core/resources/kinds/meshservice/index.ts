/** @module MeshService: a service in the mesh, its selected proxies and ports (Kuma `meshservice` API). */
import type { ResourceKind } from '../../kind'
import { specSchema, statusSchema } from './schema'
import { validate, warnings } from './validator'

/** kind is MeshService's descriptor, as Kuma 2.14's MeshServiceResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'MeshService',
  plural: 'meshservices',
  kumactlArg: 'meshservice',
  singularDisplayName: 'Mesh Service',
  pluralDisplayName: 'Mesh Services',
  shortName: 'msvc',
  scope: 'Mesh',
  readOnly: false,
  specInline: false,
  isPolicy: false,
  isTargetRefBased: false,
  hasToTargetRef: false,
  hasFromTargetRef: false,
  hasRulesTargetRef: false,
  isFromAsRules: false,
  hasStatus: true,
  // KDS flags ZoneToGlobal | SyncedAcrossZones: no GlobalToZones.
  includeInFederation: false,
  providedByZone: true,
  isProxy: false,
  specSchema,
  statusSchema,
  validate,
  warnings,
}
