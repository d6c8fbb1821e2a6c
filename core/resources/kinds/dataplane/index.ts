/** @module Dataplane: a data plane proxy (sidecar, delegated or builtin gateway) in one mesh. */
import type { ResourceKind } from '../../kind'
import { inlineCodec, inlineHooks } from '../inline/kind'
import { DataplaneProto } from './proto'
import type { DataplaneSpec } from './types'
import { validateDataplane } from './validator'

export type { DataplaneSpec } from './types'

/** codec reads Dataplane inline fields as Kuma's jsonpb does and validates them. */
export const codec = inlineCodec<DataplaneSpec>(DataplaneProto, (spec) => validateDataplane(spec))

/** checkInlineShape returns jsonpb's complaint about the inline fields, or undefined. */
export function checkInlineShape(spec: unknown): string | undefined {
  return codec.checkInlineShape(spec)
}

export const kind: ResourceKind = {
  name: 'Dataplane',
  plural: 'dataplanes',
  kumactlArg: 'dataplane',
  singularDisplayName: 'Dataplane',
  pluralDisplayName: 'Dataplanes',
  shortName: 'dp',
  scope: 'Mesh',
  readOnly: false,
  specInline: true,
  isPolicy: false,
  isTargetRefBased: false,
  hasToTargetRef: false,
  hasFromTargetRef: false,
  hasRulesTargetRef: false,
  isFromAsRules: false,
  hasStatus: false,
  // KDS flags: ZoneToGlobal only
  includeInFederation: false,
  providedByZone: true,
  isProxy: true,
  ...inlineHooks(codec),
}
