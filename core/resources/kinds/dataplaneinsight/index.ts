/** @module DataplaneInsight: a Dataplane's xDS subscriptions, versions and mTLS state (read-only, written by the control plane). */
import type { ResourceKind } from '../../kind'
import { insightKind } from '../common/insight'

/** kind is DataplaneInsight's descriptor, as Kuma 2.14's DataplaneInsightResourceTypeDescriptor. */
export const kind: ResourceKind = insightKind({
  name: 'DataplaneInsight',
  plural: 'dataplane-insights',
  singularDisplayName: 'Dataplane Insight',
  pluralDisplayName: 'Dataplane Insights',
  scope: 'Mesh',
  providedByZone: true,
})
