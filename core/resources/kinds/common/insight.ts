/** @module insightKind: the descriptor shape Kuma's read-only insight kinds share. */
import type { ResourceKind, Scope } from '../../kind'

export interface InsightDescriptor {
  name: string
  plural: string
  singularDisplayName: string
  pluralDisplayName: string
  scope: Scope
  /** providedByZone: Kuma's KDS flags include ProvidedByZone or ZoneToGlobal. */
  providedByZone: boolean
}

/**
 * insightKind builds the descriptor of an insight kind: proto-defined (inline fields), read-only
 * (the API answers PUT and DELETE with 405), no kumactl argument, no KRI short name, never
 * federated (Kuma leaves read-only kinds out of federation).
 */
export function insightKind(d: InsightDescriptor): ResourceKind {
  return {
    ...d,
    kumactlArg: '',
    shortName: '',
    readOnly: true,
    specInline: true,
    isPolicy: false,
    isTargetRefBased: false,
    hasToTargetRef: false,
    hasFromTargetRef: false,
    hasRulesTargetRef: false,
    isFromAsRules: false,
    hasStatus: false,
    includeInFederation: false,
    isProxy: false,
  }
}
