/** @module MeshTrafficPermission: allows or denies traffic between services (Kuma `meshtrafficpermission` plugin). */
import type { ResourceKind } from '../../resources/kind'
import { specSchema } from './schema'
import { validate, warnings } from './validator'

/** kind is MeshTrafficPermission's descriptor, as Kuma 2.14's MeshTrafficPermissionResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'MeshTrafficPermission',
  plural: 'meshtrafficpermissions',
  kumactlArg: 'meshtrafficpermission',
  singularDisplayName: 'Mesh Traffic Permission',
  pluralDisplayName: 'Mesh Traffic Permissions',
  shortName: 'mtp',
  scope: 'Mesh',
  readOnly: false,
  specInline: false,
  isPolicy: true,
  isTargetRefBased: true,
  hasToTargetRef: false,
  hasFromTargetRef: true,
  hasRulesTargetRef: true,
  isFromAsRules: false,
  hasStatus: false,
  includeInFederation: true,
  providedByZone: true,
  isProxy: false,
  specSchema,
  validate,
  warnings,
}
