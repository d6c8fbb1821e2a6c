/** @module MeshIdentity: the SPIFFE identity and certificate provider of selected proxies (Kuma `meshidentity` API). */
import type { ResourceKind } from '../../kind'
import { specSchema, statusSchema } from './schema'
import { validate } from './validator'

export type { MeshIdentity, MeshIdentityStatus } from './types'
export { bestMatched, isInitialized, proxySpiffeId, spiffeIdOf, trustDomainOf } from './spiffe'

/** kind is MeshIdentity's descriptor, as Kuma 2.14's MeshIdentityResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'MeshIdentity',
  plural: 'meshidentities',
  kumactlArg: 'meshidentity',
  singularDisplayName: 'Mesh Identity',
  pluralDisplayName: 'Mesh Identities',
  shortName: 'mid',
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
}
