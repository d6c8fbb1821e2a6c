/** @module MeshInsight: statistics of one mesh, computed on read by core/insights (read-only). */
import type { ResourceKind } from '../../kind'
import { insightKind } from '../common/insight'

/** kind is MeshInsight's descriptor, as Kuma 2.14's MeshInsightResourceTypeDescriptor. */
export const kind: ResourceKind = insightKind({
  name: 'MeshInsight',
  plural: 'mesh-insights',
  singularDisplayName: 'Mesh Insight',
  pluralDisplayName: 'Mesh Insights',
  scope: 'Global',
  providedByZone: false,
})
