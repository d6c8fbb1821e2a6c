/** @module ZoneIngressInsight: a ZoneIngress's xDS subscriptions (read-only, written by the control plane). */
import type { ResourceKind } from '../../kind'
import { insightKind } from '../common/insight'

/** kind is ZoneIngressInsight's descriptor, as Kuma 2.14's ZoneIngressInsightResourceTypeDescriptor. */
export const kind: ResourceKind = insightKind({
  name: 'ZoneIngressInsight',
  plural: 'zone-ingress-insights',
  singularDisplayName: 'Zone Ingress Insight',
  pluralDisplayName: 'Zone Ingress Insights',
  scope: 'Global',
  providedByZone: true,
})
