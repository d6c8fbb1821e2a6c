/** @module The structural schema format: the OpenAPI v3 subset Kubernetes CRDs (and Kuma's schema.yaml files) use. */

/**
 * JSONSchemaProps is a structural OpenAPI v3 schema, as in apiextensions.k8s.io.
 * Kumo writes each kind's schema in TypeScript with this shape; `core/schema/validate.ts`
 * checks objects against it with kube-openapi's messages and applies `default`s.
 */
export interface JSONSchemaProps {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean'
  description?: string
  properties?: Record<string, JSONSchemaProps>
  required?: string[]
  /** additionalProperties: a schema for map values, or false to reject unknown keys. */
  additionalProperties?: JSONSchemaProps | boolean
  items?: JSONSchemaProps
  enum?: unknown[]
  default?: unknown
  format?: string
  pattern?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: boolean
  exclusiveMaximum?: boolean
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  uniqueItems?: boolean
  minProperties?: number
  maxProperties?: number
  nullable?: boolean
  oneOf?: JSONSchemaProps[]
  anyOf?: JSONSchemaProps[]
  allOf?: JSONSchemaProps[]
  not?: JSONSchemaProps
  'x-kubernetes-int-or-string'?: boolean
  'x-kubernetes-preserve-unknown-fields'?: boolean
}
