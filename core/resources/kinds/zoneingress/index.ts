/** @module ZoneIngress: the proxy that lets other zones reach this zone's services. */
import type { ResourceKind } from '../../kind'
import { inlineCodec, inlineHooks } from '../inline/kind'
import { ZoneIngressProto } from './proto'
import type { ZoneIngressSpec } from './types'
import { validateZoneIngress } from './validator'

export type { ZoneIngressSpec } from './types'

/** codec reads ZoneIngress inline fields as Kuma's jsonpb does and validates them. */
export const codec = inlineCodec<ZoneIngressSpec>(ZoneIngressProto, (spec) =>
  validateZoneIngress(spec),
)

/** kind is ZoneIngress's descriptor, as Kuma 2.14's ZoneIngressResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'ZoneIngress',
  plural: 'zoneingresses',
  kumactlArg: 'zoneingress',
  singularDisplayName: 'Zone Ingress',
  pluralDisplayName: 'Zone Ingresses',
  shortName: 'zi',
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
  // KDS flags: ZoneToGlobal | SyncedAcrossZones
  includeInFederation: false,
  providedByZone: true,
  isProxy: true,
  ...inlineHooks(codec),
}
