/** @module Mesh: the top-level grouping of data plane proxies and their mTLS, metrics, logging and tracing. */
import type { ResourceKind } from '../../kind'
import { inlineCodec, inlineHooks } from '../inline/kind'
import { nameDeprecations } from '../common/deprecations'
import { applyMeshDefaults } from './defaults'
import { MeshProto } from './proto'
import type { MeshSpec } from './types'
import { validateMeshCreate, validateMeshResource } from './validator'

export type { MeshSpec } from './types'
export { applyMeshDefaults } from './defaults'
export { validateMeshUpdate } from './validator'

/**
 * codec reads Mesh inline fields and validates them as a Mesh PUT does: Default(), then the
 * resource rules, then (only when those pass) the manager's create checks.
 */
export const codec = inlineCodec<MeshSpec>(MeshProto, (spec, ctx) => {
  const defaulted = applyMeshDefaults(spec)
  const err = validateMeshResource(defaulted)
  return err.hasViolations() ? err : validateMeshCreate(ctx.name, defaulted)
})

/** checkInlineShape returns jsonpb's complaint about the inline fields, or undefined. */
export function checkInlineShape(spec: unknown): string | undefined {
  return codec.checkInlineShape(spec)
}

export const kind: ResourceKind = {
  name: 'Mesh',
  plural: 'meshes',
  kumactlArg: 'mesh',
  singularDisplayName: 'Mesh',
  pluralDisplayName: 'Meshes',
  shortName: 'm',
  scope: 'Global',
  readOnly: false,
  specInline: true,
  isPolicy: false,
  isTargetRefBased: false,
  hasToTargetRef: false,
  hasFromTargetRef: false,
  hasRulesTargetRef: false,
  isFromAsRules: false,
  hasStatus: false,
  // KDS flags: GlobalToZones
  includeInFederation: true,
  providedByZone: false,
  isProxy: false,
  ...inlineHooks(codec),
  warnings: (_spec, ctx) => nameDeprecations('Mesh', ctx.name, ctx.labels),
}
