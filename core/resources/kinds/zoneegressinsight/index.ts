/** @module ZoneEgressInsight: a ZoneEgress's xDS subscriptions (read-only, written by the control plane). */
import type { ResourceKind } from '../../kind'
import { insightKind } from '../common/insight'

/** kind is ZoneEgressInsight's descriptor, as Kuma 2.14's ZoneEgressInsightResourceTypeDescriptor. */
export const kind: ResourceKind = insightKind({
  name: 'ZoneEgressInsight',
  plural: 'zoneegressinsights',
  singularDisplayName: 'Zone Egress Insight',
  pluralDisplayName: 'Zone Egress Insights',
  scope: 'Global',
  providedByZone: true,
})
