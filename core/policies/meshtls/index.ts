/** @module MeshTLS: the kind descriptor (Kuma `meshtls` plugin, order 300). */
import type { ResourceKind } from '../../resources/kind'
import { meshTLSSpecSchema } from './schema'
import { validateMeshTLS } from './validator'

export const kind: ResourceKind = {
  name: 'MeshTLS',
  plural: 'meshtlses',
  kumactlArg: 'meshtls',
  singularDisplayName: 'Mesh TLS',
  pluralDisplayName: 'Mesh TLSes',
  shortName: 'mtls',
  scope: 'Mesh',
  readOnly: false,
  specInline: false,
  isPolicy: true,
  isTargetRefBased: true,
  hasToTargetRef: false,
  hasFromTargetRef: true,
  hasRulesTargetRef: true,
  isFromAsRules: true,
  hasStatus: false,
  includeInFederation: true,
  providedByZone: true,
  isProxy: false,
  specSchema: meshTLSSpecSchema,
  validate: validateMeshTLS,
}
