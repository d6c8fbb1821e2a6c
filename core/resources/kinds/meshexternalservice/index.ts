/** @module MeshExternalService: a destination outside the mesh reached through the sidecar (Kuma `meshexternalservice` API). */
import type { ResourceKind } from '../../kind'
import { specSchema, statusSchema } from './schema'
import { validate, warnings } from './validator'

/** kind is MeshExternalService's descriptor, as Kuma 2.14's MeshExternalServiceResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'MeshExternalService',
  plural: 'meshexternalservices',
  kumactlArg: 'meshexternalservice',
  singularDisplayName: 'Mesh External Service',
  pluralDisplayName: 'Mesh External Services',
  shortName: 'extsvc',
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
  providedByZone: true,
  isProxy: false,
  specSchema,
  statusSchema,
  validate,
  warnings,
}
