/** @module MeshFaultInjection: injects delays, aborts and bandwidth limits (Kuma `meshfaultinjection` plugin). */
import type { ResourceKind } from '../../resources/kind'
import { specSchema } from './schema'
import { validate } from './validator'

/** kind is MeshFaultInjection's descriptor, as Kuma 2.14's MeshFaultInjectionResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'MeshFaultInjection',
  plural: 'meshfaultinjections',
  kumactlArg: 'meshfaultinjection',
  singularDisplayName: 'Mesh Fault Injection',
  pluralDisplayName: 'Mesh Fault Injections',
  shortName: 'mfi',
  scope: 'Mesh',
  readOnly: false,
  specInline: false,
  isPolicy: true,
  isTargetRefBased: true,
  hasToTargetRef: true,
  hasFromTargetRef: true,
  hasRulesTargetRef: true,
  isFromAsRules: false,
  hasStatus: false,
  includeInFederation: true,
  providedByZone: true,
  isProxy: false,
  specSchema,
  validate,
}
