/** @module ZoneEgress: the proxy that carries this zone's traffic to other zones and external services. */
import type { ResourceKind } from '../../kind'
import { inlineCodec, inlineHooks } from '../inline/kind'
import { ZoneEgressProto } from './proto'
import type { ZoneEgressSpec } from './types'
import { validateZoneEgress } from './validator'

export type { ZoneEgressSpec } from './types'

/** codec reads ZoneEgress inline fields as Kuma's jsonpb does and validates them. */
export const codec = inlineCodec<ZoneEgressSpec>(ZoneEgressProto, (spec) =>
  validateZoneEgress(spec),
)

/** kind is ZoneEgress's descriptor, as Kuma 2.14's ZoneEgressResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'ZoneEgress',
  plural: 'zoneegresses',
  kumactlArg: 'zoneegress',
  singularDisplayName: 'Zone Egress',
  pluralDisplayName: 'Zone Egresses',
  shortName: 'ze',
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
  // KDS flags: ZoneToGlobal only
  includeInFederation: false,
  providedByZone: true,
  isProxy: true,
  ...inlineHooks(codec),
}
