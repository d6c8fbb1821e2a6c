/** @module MeshCircuitBreaker: connection limits and outlier detection (Kuma `meshcircuitbreaker` plugin). */
import type { ResourceKind } from '../../resources/kind'
import { specSchema } from './schema'
import { validate, warnings } from './validator'

/** kind is MeshCircuitBreaker's descriptor, as Kuma 2.14's MeshCircuitBreakerResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'MeshCircuitBreaker',
  plural: 'meshcircuitbreakers',
  kumactlArg: 'meshcircuitbreaker',
  singularDisplayName: 'Mesh Circuit Breaker',
  pluralDisplayName: 'Mesh Circuit Breakers',
  shortName: 'mcb',
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
