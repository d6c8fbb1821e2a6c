/** @module Zone: a zone control plane known to the global control plane. */
import type { ResourceKind } from '../../kind'
import { inlineCodec, inlineHooks } from '../inline/kind'
import { nameDeprecations } from '../common/deprecations'
import { field, wrapper, type MessageDesc } from '../inline/protojson'
import type { ZoneSpec } from './types'

export type { ZoneSpec } from './types'

/** ZoneProto is kuma.system.v1alpha1.Zone (api/system/v1alpha1/zone.proto). */
export const ZoneProto: MessageDesc = {
  fullName: 'kuma.system.v1alpha1.Zone',
  fields: [field('enabled', wrapper('BoolValue'))],
}

/** codec reads Zone inline fields; Kuma has no semantic rules for a Zone. */
export const codec = inlineCodec<ZoneSpec>(ZoneProto)

/** checkInlineShape returns jsonpb's complaint about the inline fields, or undefined. */
export function checkInlineShape(spec: unknown): string | undefined {
  return codec.checkInlineShape(spec)
}

export const kind: ResourceKind = {
  name: 'Zone',
  plural: 'zones',
  kumactlArg: 'zone',
  singularDisplayName: 'Zone',
  pluralDisplayName: 'Zones',
  shortName: 'z',
  scope: 'Global',
  readOnly: false,
  specInline: true,
  isPolicy: false,
  isTargetRefBased: false,
  hasToTargetRef: false,
  hasFromTargetRef: false,
  hasRulesTargetRef: false,
  isFromAsRules: false,
  hasStatus: false,
  // KDS flags: ProvidedByGlobal | ProvidedByZone (not synced global -> zones)
  includeInFederation: false,
  providedByZone: true,
  isProxy: false,
  ...inlineHooks(codec),
  warnings: (_spec, ctx) => nameDeprecations('Zone', ctx.name, ctx.labels),
}
