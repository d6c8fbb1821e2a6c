/** @module MeshHTTPRoute: HTTP routing between services (Kuma `meshhttproute` plugin). */
import type { ResourceKind } from '../../resources/kind'
import { specSchema } from './schema'
import { validate } from './validator'

/** kind is MeshHTTPRoute's descriptor, as Kuma 2.14's MeshHTTPRouteResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'MeshHTTPRoute',
  plural: 'meshhttproutes',
  kumactlArg: 'meshhttproute',
  singularDisplayName: 'Mesh HTTP Route',
  pluralDisplayName: 'Mesh HTTP Routes',
  shortName: 'mhttpr',
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
