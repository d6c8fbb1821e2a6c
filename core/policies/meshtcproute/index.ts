/** @module MeshTCPRoute: TCP traffic splitting between backends (Kuma `meshtcproute` plugin). */
import type { ResourceKind } from '../../resources/kind'
import { specSchema } from './schema'
import { validate } from './validator'

/** kind is MeshTCPRoute's descriptor, as Kuma 2.14's MeshTCPRouteResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'MeshTCPRoute',
  plural: 'meshtcproutes',
  kumactlArg: 'meshtcproute',
  singularDisplayName: 'Mesh TCP Route',
  pluralDisplayName: 'Mesh TCP Routes',
  shortName: 'mtcpr',
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
