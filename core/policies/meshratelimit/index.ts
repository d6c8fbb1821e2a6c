/** @module MeshRateLimit: local HTTP and TCP rate limiting (Kuma `meshratelimit` plugin). */
import type { ResourceKind } from '../../resources/kind'
import { specSchema } from './schema'
import { validate } from './validator'

/** kind is MeshRateLimit's descriptor, as Kuma 2.14's MeshRateLimitResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'MeshRateLimit',
  plural: 'meshratelimits',
  kumactlArg: 'meshratelimit',
  singularDisplayName: 'Mesh Rate Limit',
  pluralDisplayName: 'Mesh Rate Limits',
  shortName: 'mrl',
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
}
