/** @module MeshGateway: listeners of a builtin gateway, bound to gateway Dataplanes by selectors. */
import type { ResourceKind } from '../../kind'
import { inlineCodec, inlineHooks } from '../inline/kind'
import { MeshGatewayProto } from './proto'
import type { MeshGatewaySpec } from './types'
import { validateMeshGateway } from './validator'

export type { MeshGatewaySpec } from './types'

/** codec reads MeshGateway inline fields as Kuma's jsonpb does and validates them. */
export const codec = inlineCodec<MeshGatewaySpec>(MeshGatewayProto, (spec) =>
  validateMeshGateway(spec),
)

/** checkInlineShape returns jsonpb's complaint about the inline fields, or undefined. */
export function checkInlineShape(spec: unknown): string | undefined {
  return codec.checkInlineShape(spec)
}

export const kind: ResourceKind = {
  name: 'MeshGateway',
  plural: 'meshgateways',
  kumactlArg: 'meshgateway',
  singularDisplayName: 'Mesh Gateway',
  pluralDisplayName: 'Mesh Gateways',
  shortName: 'mgw',
  scope: 'Mesh',
  readOnly: false,
  specInline: true,
  isPolicy: false,
  isTargetRefBased: false,
  hasToTargetRef: false,
  hasFromTargetRef: false,
  hasRulesTargetRef: false,
  isFromAsRules: false,
  hasStatus: false,
  // KDS flags: GlobalToZones | ZoneToGlobal
  includeInFederation: true,
  providedByZone: true,
  isProxy: false,
  ...inlineHooks(codec),
}
