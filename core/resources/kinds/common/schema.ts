/** @module Schema pieces Kuma's resource CRDs share: label selectors, conditions, the service kinds' status lists, data sources. */
import type { JSONSchemaProps } from '../../../schema/types'

/** labelSelectorSchema is Kuma's common LabelSelector (`matchLabels` only). */
export const labelSelectorSchema: JSONSchemaProps = {
  type: 'object',
  properties: { matchLabels: { type: 'object', additionalProperties: { type: 'string' } } },
}

/** extensionSchema is the `extension` of the service kinds and HostnameGenerator: a type and free-form config. */
export const extensionSchema: JSONSchemaProps = {
  type: 'object',
  required: ['type'],
  properties: {
    config: { 'x-kubernetes-preserve-unknown-fields': true },
    type: { type: 'string' },
  },
}

/** dataSourceSchema is Kuma's common DataSource. */
export const dataSourceSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    inline: { type: 'string', format: 'byte' },
    inlineString: { type: 'string' },
    secret: { type: 'string' },
  },
}

/** conditionSchema is Kuma's common Condition as its CRDs and rest.yaml files declare it. */
export const conditionSchema: JSONSchemaProps = {
  type: 'object',
  required: ['message', 'reason', 'status', 'type'],
  properties: {
    message: { type: 'string', maxLength: 32768 },
    reason: {
      type: 'string',
      maxLength: 1024,
      minLength: 1,
      pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$',
    },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    type: {
      type: 'string',
      maxLength: 316,
      pattern: String.raw`^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$`,
    },
  },
}

const hostnameGeneratorRef: JSONSchemaProps = {
  type: 'object',
  required: ['coreName'],
  properties: { coreName: { type: 'string' } },
}

/** addressesSchema is the `status.addresses` list of the service kinds. */
export const addressesSchema: JSONSchemaProps = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      hostname: { type: 'string' },
      hostnameGeneratorRef,
      origin: { type: 'string' },
    },
  },
}

/** hostnameGeneratorsStatusSchema is the `status.hostnameGenerators` list of the service kinds. */
export const hostnameGeneratorsStatusSchema: JSONSchemaProps = {
  type: 'array',
  items: {
    type: 'object',
    required: ['hostnameGeneratorRef'],
    properties: {
      conditions: { type: 'array', items: conditionSchema },
      hostnameGeneratorRef,
    },
  },
}

/** vipsSchema is the `status.vips` list of MeshService and MeshMultiZoneService. */
export const vipsSchema: JSONSchemaProps = {
  type: 'array',
  items: { type: 'object', properties: { ip: { type: 'string' } } },
}
