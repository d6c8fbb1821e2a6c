/** @module MeshLoadBalancingStrategy: load balancing and locality awareness (Kuma `meshloadbalancingstrategy` plugin). */
import type { ResourceKind } from '../../resources/kind'
import { specSchema } from './schema'
import { validate } from './validator'

/** kind is MeshLoadBalancingStrategy's descriptor, as Kuma 2.14's ResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'MeshLoadBalancingStrategy',
  plural: 'meshloadbalancingstrategies',
  kumactlArg: 'meshloadbalancingstrategy',
  singularDisplayName: 'Mesh Load Balancing Strategy',
  pluralDisplayName: 'Mesh Load Balancing Strategies',
  shortName: 'mlbs',
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
