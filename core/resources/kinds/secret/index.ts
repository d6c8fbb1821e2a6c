/** @module Secret: opaque data (certificates, keys, tokens) scoped to one mesh; admin-only in Kuma's API. */
import type { ResourceKind } from '../../kind'
import { inlineCodec, inlineHooks } from '../inline/kind'
import { SecretProto } from './proto'
import type { SecretSpec } from './types'

export type { SecretSpec } from './types'

/** codec reads Secret inline fields; Kuma has no semantic rules for a Secret's data. */
export const codec = inlineCodec<SecretSpec>(SecretProto)

/** checkInlineShape returns jsonpb's complaint about the inline fields, or undefined. */
export function checkInlineShape(spec: unknown): string | undefined {
  return codec.checkInlineShape(spec)
}

export const kind: ResourceKind = {
  name: 'Secret',
  plural: 'secrets',
  kumactlArg: 'secret',
  singularDisplayName: 'Secret',
  pluralDisplayName: 'Secrets',
  shortName: '',
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
  // KDS flags: GlobalToZones | ProvidedByZone
  includeInFederation: true,
  providedByZone: true,
  isProxy: false,
  ...inlineHooks(codec),
}
