/** @module MeshOpenTelemetryBackend: a shared OTel collector endpoint for observability policies (Kuma `meshopentelemetrybackend` API). */
import type { ResourceKind } from '../../kind'
import { specSchema, statusSchema } from './schema'
import { validate } from './validator'

/** kind is MeshOpenTelemetryBackend's descriptor, as Kuma 2.14's MeshOpenTelemetryBackendResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'MeshOpenTelemetryBackend',
  plural: 'meshopentelemetrybackends',
  kumactlArg: 'meshopentelemetrybackend',
  singularDisplayName: 'Mesh OpenTelemetry Backend',
  pluralDisplayName: 'Mesh OpenTelemetry Backends',
  shortName: 'motb',
  scope: 'Mesh',
  readOnly: false,
  specInline: false,
  isPolicy: false,
  isTargetRefBased: false,
  hasToTargetRef: false,
  hasFromTargetRef: false,
  hasRulesTargetRef: false,
  isFromAsRules: false,
  hasStatus: true,
  includeInFederation: true,
  providedByZone: true,
  isProxy: false,
  specSchema,
  statusSchema,
  validate,
}
