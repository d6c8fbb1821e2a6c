/** @module MeshMetric: the kind descriptor (Kuma `meshmetric` plugin, order 1500). */
import type { ResourceKind } from '../../resources/kind'
import { meshMetricSpecSchema } from './schema'
import { validateMeshMetric } from './validator'

export const kind: ResourceKind = {
  name: 'MeshMetric',
  plural: 'meshmetrics',
  kumactlArg: 'meshmetric',
  singularDisplayName: 'Mesh Metric',
  pluralDisplayName: 'Mesh Metrics',
  shortName: 'mm',
  scope: 'Mesh',
  readOnly: false,
  specInline: false,
  isPolicy: true,
  isTargetRefBased: true,
  hasToTargetRef: false,
  hasFromTargetRef: false,
  hasRulesTargetRef: false,
  isFromAsRules: false,
  hasStatus: true,
  includeInFederation: true,
  providedByZone: true,
  isProxy: false,
  specSchema: meshMetricSpecSchema,
  validate: validateMeshMetric,
}
