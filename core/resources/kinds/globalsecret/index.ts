/**
 * @module GlobalSecret: a Secret not bound to any mesh (Kuma copies Secret's descriptor and changes
 * scope and names; it also answers at the alternative path `global-secrets`, kumactl `global-secret`).
 */
import type { ResourceKind } from '../../kind'
import { inlineHooks } from '../inline/kind'
import { codec as secretCodec } from '../secret/index'

export type { SecretSpec as GlobalSecretSpec } from '../secret/types'

/** codec is Secret's: same proto message, same (absent) rules. */
export const codec = secretCodec

/** checkInlineShape returns jsonpb's complaint about the inline fields, or undefined. */
export function checkInlineShape(spec: unknown): string | undefined {
  return codec.checkInlineShape(spec)
}

/** ALTERNATIVE_PLURAL is Kuma's AlternativeWsPath for GlobalSecret. */
export const ALTERNATIVE_PLURAL = 'global-secrets'

export const kind: ResourceKind = {
  name: 'GlobalSecret',
  plural: 'globalsecrets',
  kumactlArg: 'globalsecret',
  singularDisplayName: 'Global Secret',
  pluralDisplayName: 'Global Secrets',
  shortName: '',
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
  // KDS flags copied from Secret: GlobalToZones | ProvidedByZone
  includeInFederation: true,
  providedByZone: true,
  isProxy: false,
  ...inlineHooks(codec),
}
