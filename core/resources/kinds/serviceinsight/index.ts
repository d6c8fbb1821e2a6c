/** @module ServiceInsight: per-service proxy counts of one mesh, computed on read by core/insights (read-only). */
import type { ResourceKind } from '../../kind'
import { insightKind } from '../common/insight'

/** kind is ServiceInsight's descriptor, as Kuma 2.14's ServiceInsightResourceTypeDescriptor. */
export const kind: ResourceKind = insightKind({
  name: 'ServiceInsight',
  plural: 'service-insights',
  singularDisplayName: 'Service Insight',
  pluralDisplayName: 'Service Insights',
  scope: 'Mesh',
  providedByZone: false,
})
