/** @module Structural schema of HostnameGenerator's spec (Kuma CRD `kuma.io_hostnamegenerators.yaml`), and the selector and status pieces the service kinds share. */
import type { JSONSchemaProps } from '../../../schema/types'

/** labelSelectorSchema is Kuma's common LabelSelector (`matchLabels` only). */
export const labelSelectorSchema: JSONSchemaProps = {
  type: 'object',
  properties: { matchLabels: { type: 'object', additionalProperties: { type: 'string' } } },
}

export const specSchema: JSONSchemaProps = {
  type: 'object',
  required: ['template'],
  properties: {
    extension: {
      type: 'object',
      required: ['type'],
      properties: {
        config: { 'x-kubernetes-preserve-unknown-fields': true },
        type: { type: 'string' },
      },
    },
    selector: {
      type: 'object',
      properties: {
        meshExternalService: labelSelectorSchema,
        meshMultiZoneService: labelSelectorSchema,
        meshService: labelSelectorSchema,
      },
    },
    template: { type: 'string' },
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
