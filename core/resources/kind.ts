/** @module ResourceKind: what Kumo knows about one Kuma resource type (Kuma's ResourceTypeDescriptor). */
import type { JSONSchemaProps } from '../schema/types'
import type { ValidationError } from '../validators/validation-error'

export type Scope = 'Global' | 'Mesh'

/** ValidateContext is what a kind's validator may look at besides the spec itself. */
export interface ValidateContext {
  /** name of the resource being validated */
  name: string
  /** mesh of the resource ('' for global kinds) */
  mesh: string
  labels: Record<string, string>
}

/**
 * ResourceKind describes one resource type. Fields mirror Kuma's ResourceTypeDescriptor
 * (`pkg/core/resources/model/resource.go`) so `/_resources` and `/policies` answer as kuma-cp.
 */
export interface ResourceKind {
  /** name is the Kuma type, e.g. `MeshTimeout` (also the Kubernetes `kind`). */
  name: string
  /** plural is the REST path segment (Kuma's WsPath), e.g. `meshtimeouts`. */
  plural: string
  /** kumactlArg is the singular kumactl argument, e.g. `meshtimeout`. */
  kumactlArg: string
  singularDisplayName: string
  pluralDisplayName: string
  /** shortName is the KRI short name, e.g. `mt` (empty when the kind has no KRI). */
  shortName: string
  scope: Scope
  /** readOnly kinds are written by the system (insights), never by the API. */
  readOnly: boolean
  /**
   * specInline is true for kinds defined by protobuf in Kuma (Mesh, Dataplane, MeshGateway,
   * Secret, GlobalSecret, Zone): their universal format carries spec fields next to
   * `type`/`name`/`mesh` instead of under `spec`.
   */
  specInline: boolean
  isPolicy: boolean
  isTargetRefBased: boolean
  hasToTargetRef: boolean
  hasFromTargetRef: boolean
  hasRulesTargetRef: boolean
  isFromAsRules: boolean
  hasStatus: boolean
  /** includeInFederation is Kuma's flag: synced global -> zones and not read-only. */
  includeInFederation: boolean
  /**
   * providedByZone is Kuma's KDS ProvidedByZoneFlag (set by ZoneToGlobalFlag too): such kinds get
   * computed `kuma.io/origin`, `kuma.io/zone` and `kuma.io/env` labels when created.
   */
  providedByZone: boolean
  /** isProxy marks Dataplane, ZoneIngress and ZoneEgress (they get `kuma.io/proxy-type`). */
  isProxy: boolean
  /**
   * schema is the structural schema of `spec` (new-style kinds only). Types, required fields,
   * enums and defaults are checked against it before `validate` runs.
   */
  specSchema?: JSONSchemaProps
  /** statusSchema is the structural schema of `status` for kinds that have one. */
  statusSchema?: JSONSchemaProps
  /**
   * validate checks the (defaulted) spec with Kuma's per-kind rules. Violations carry paths
   * relative to the resource root as Kuma reports them (`spec.to[0]...` for new-style kinds,
   * `networking.inbound[0]...` for inline kinds). Absent means structural checks only.
   */
  validate?: (spec: Record<string, unknown>, ctx: ValidateContext) => ValidationError
  /**
   * checkShape checks inline kinds against their protobuf message (unknown fields, JSON types) and
   * returns the problem text kuma-cp would put in `invalid <Kind> object: "..."`.
   */
  checkShape?: (spec: Record<string, unknown>) => string | undefined
  /**
   * canonical returns the spec in the form Kuma stores and returns it (inline kinds: jsonpb's
   * canonical JSON: camelCase names, zero values dropped, durations as "60s").
   */
  canonical?: (spec: Record<string, unknown>) => Record<string, unknown>
  /** warnings returns non-fatal notes Kuma attaches to a successful PUT (deprecations). */
  warnings?: (spec: Record<string, unknown>, ctx: ValidateContext) => string[]
}
