/** @module ZoneInsight: a zone control plane's KDS subscriptions (read-only, written by the control plane). */
import type { ResourceKind } from '../../kind'
import { insightKind } from '../common/insight'

/** kind is ZoneInsight's descriptor, as Kuma 2.14's ZoneInsightResourceTypeDescriptor. */
export const kind: ResourceKind = insightKind({
  name: 'ZoneInsight',
  plural: 'zone-insights',
  singularDisplayName: 'Zone Insight',
  pluralDisplayName: 'Zone Insights',
  scope: 'Global',
  providedByZone: true,
})
