/** @module HostnameGenerator: templates that give services their hostnames (Kuma `hostnamegenerator` API). */
import type { ResourceKind } from '../../kind'
import { specSchema } from './schema'
import { validate } from './validator'

/** kind is HostnameGenerator's descriptor, as Kuma 2.14's HostnameGeneratorResourceTypeDescriptor. */
export const kind: ResourceKind = {
  name: 'HostnameGenerator',
  plural: 'hostnamegenerators',
  kumactlArg: 'hostnamegenerator',
  singularDisplayName: 'Hostname Generator',
  pluralDisplayName: 'Hostname Generators',
  shortName: 'hg',
  scope: 'Global',
  readOnly: false,
  specInline: false,
  isPolicy: false,
  isTargetRefBased: false,
  hasToTargetRef: false,
  hasFromTargetRef: false,
  hasRulesTargetRef: false,
  isFromAsRules: false,
  hasStatus: false,
  includeInFederation: true,
  providedByZone: true,
  isProxy: false,
  specSchema,
  validate,
}
