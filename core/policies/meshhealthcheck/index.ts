/** @module MeshHealthCheck: active health checking of destinations (Kuma `meshhealthcheck` plugin). */
import type { ResourceKind } from '../../resources/kind'
import { specSchema } from './schema'
import { validate } from './validator'

/** kind is MeshHealthCheck's descriptor, as Kuma 2.14's MeshHealthCheckResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'MeshHealthCheck',
  plural: 'meshhealthchecks',
  kumactlArg: 'meshhealthcheck',
  singularDisplayName: 'Mesh Health Check',
  pluralDisplayName: 'Mesh Health Checks',
  shortName: 'mhc',
  scope: 'Mesh',
  readOnly: false,
  specInline: false,
  isPolicy: true,
  isTargetRefBased: true,
  hasToTargetRef: true,
  hasFromTargetRef: false,
  hasRulesTargetRef: false,
  isFromAsRules: false,
  hasStatus: false,
  includeInFederation: true,
  providedByZone: true,
  isProxy: false,
  specSchema,
  validate,
}
