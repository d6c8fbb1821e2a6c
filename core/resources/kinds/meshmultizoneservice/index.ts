/** @module MeshMultiZoneService: one destination over MeshServices of several zones (Kuma `meshmultizoneservice` API). */
import type { ResourceKind } from '../../kind'
import { specSchema, statusSchema } from './schema'
import { validate, warnings } from './validator'

/** kind is MeshMultiZoneService's descriptor, as Kuma 2.14's MeshMultiZoneServiceResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'MeshMultiZoneService',
  plural: 'meshmultizoneservices',
  kumactlArg: 'meshmultizoneservice',
  singularDisplayName: 'Mesh Multi Zone Service',
  pluralDisplayName: 'Mesh Multi Zone Services',
  shortName: 'mzsvc',
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
  includeInFederation: true,
  providedByZone: false,
  isProxy: false,
  specSchema,
  statusSchema,
  validate,
  warnings,
}
