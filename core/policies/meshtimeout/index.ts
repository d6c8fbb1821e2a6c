/** @module MeshTimeout: connection, idle and HTTP timeouts (Kuma `meshtimeout` plugin). */
import type { ResourceKind } from '../../resources/kind'
import { specSchema } from './schema'
import { validate, warnings } from './validator'

/** kind is MeshTimeout's descriptor, as Kuma 2.14's MeshTimeoutResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'MeshTimeout',
  plural: 'meshtimeouts',
  kumactlArg: 'meshtimeout',
  singularDisplayName: 'Mesh Timeout',
  pluralDisplayName: 'Mesh Timeouts',
  shortName: 'mt',
  scope: 'Mesh',
  readOnly: false,
  specInline: false,
  isPolicy: true,
  isTargetRefBased: true,
  hasToTargetRef: true,
  hasFromTargetRef: true,
  hasRulesTargetRef: true,
  isFromAsRules: true,
  hasStatus: false,
  includeInFederation: true,
  providedByZone: true,
  isProxy: false,
  specSchema,
  validate,
  warnings,
}
