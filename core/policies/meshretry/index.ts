/** @module MeshRetry: retries of failed connections and requests (Kuma `meshretry` plugin). */
import type { ResourceKind } from '../../resources/kind'
import { specSchema } from './schema'
import { validate, warnings } from './validator'

/** kind is MeshRetry's descriptor, as Kuma 2.14's MeshRetryResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'MeshRetry',
  plural: 'meshretries',
  kumactlArg: 'meshretry',
  singularDisplayName: 'Mesh Retry',
  pluralDisplayName: 'Mesh Retries',
  shortName: 'mr',
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
  warnings,
}
