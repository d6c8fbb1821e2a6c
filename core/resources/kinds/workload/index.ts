/** @module Workload: a named group of proxies and their connection counts (Kuma `workload` API). */
import type { ResourceKind, ValidateContext } from '../../kind'
import { displayName } from '../../labels'
import { validateLength } from '../../../validators/common'
import { PathBuilder, ValidationError } from '../../../validators/validation-error'
import { specSchema, statusSchema } from './schema'

export type { Workload, WorkloadStatus } from './types'

/** MAX_NAME_LENGTH bounds the display name, as Kuma's Workload validator does. */
const MAX_NAME_LENGTH = 253

/** validate is Kuma's Workload validator: only the display name's length is checked. */
export function validate(_spec: Record<string, unknown>, ctx: ValidateContext): ValidationError {
  return new ValidationError().add(
    validateLength(
      PathBuilder.rootedAt('name'),
      MAX_NAME_LENGTH,
      displayName(ctx.name, ctx.labels),
    ),
  )
}

/** kind is Workload's descriptor, as Kuma 2.14's WorkloadResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'Workload',
  plural: 'workloads',
  kumactlArg: 'workload',
  singularDisplayName: 'Workload',
  pluralDisplayName: 'Workloads',
  shortName: 'wl',
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
  // KDS flags: ZoneToGlobal only
  includeInFederation: false,
  providedByZone: true,
  isProxy: false,
  specSchema,
  statusSchema,
  validate,
}
