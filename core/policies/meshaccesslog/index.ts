/** @module MeshAccessLog: the kind descriptor (Kuma `meshaccesslog` plugin, order 600). */
import type { ResourceKind } from '../../resources/kind'
import { meshAccessLogSpecSchema } from './schema'
import { validateMeshAccessLog } from './validator'

export const kind: ResourceKind = {
  name: 'MeshAccessLog',
  plural: 'meshaccesslogs',
  kumactlArg: 'meshaccesslog',
  singularDisplayName: 'Mesh Access Log',
  pluralDisplayName: 'Mesh Access Logs',
  shortName: 'mal',
  scope: 'Mesh',
  readOnly: false,
  specInline: false,
  isPolicy: true,
  isTargetRefBased: true,
  hasToTargetRef: true,
  hasFromTargetRef: true,
  hasRulesTargetRef: true,
  isFromAsRules: true,
  hasStatus: true,
  includeInFederation: true,
  providedByZone: true,
  isProxy: false,
  specSchema: meshAccessLogSpecSchema,
  validate: validateMeshAccessLog,
}
