/** @module MeshTrust: the CA bundles trusted for a trust domain (Kuma `meshtrust` API). */
import type { ResourceKind } from '../../kind'
import { specSchema, statusSchema } from './schema'
import { validate, warnings } from './validator'

export type { MeshTrust, MeshTrustStatus } from './types'

/** kind is MeshTrust's descriptor, as Kuma 2.14's MeshTrustResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'MeshTrust',
  plural: 'meshtrusts',
  kumactlArg: 'meshtrust',
  singularDisplayName: 'Mesh Trust',
  pluralDisplayName: 'Mesh Trusts',
  shortName: 'mtrust',
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
  // KDS flags: GlobalToZones | ZoneToGlobal
  includeInFederation: true,
  providedByZone: true,
  isProxy: false,
  specSchema,
  statusSchema,
  validate,
  warnings,
}
