/** @module MeshTrace: the kind descriptor (Kuma `meshtrace` plugin, order 700). */
import type { ResourceKind } from '../../resources/kind'
import { meshTraceSpecSchema } from './schema'
import { validateMeshTrace } from './validator'

export const kind: ResourceKind = {
  name: 'MeshTrace',
  plural: 'meshtraces',
  kumactlArg: 'meshtrace',
  singularDisplayName: 'Mesh Trace',
  pluralDisplayName: 'Mesh Traces',
  shortName: 'mtr',
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
  specSchema: meshTraceSpecSchema,
  validate: validateMeshTrace,
}
