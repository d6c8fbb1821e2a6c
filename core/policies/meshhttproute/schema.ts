/** @module Structural schema of MeshHTTPRoute's spec (Kuma CRD `kuma.io_meshhttproutes.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import {
  backendRefSchema,
  headerKeyValuesSchema,
  headerMatchSchema,
  intOrStringSchema,
} from '../common/schema'
import { targetRefSchema } from '../common/targetref'

export { HEADER_NAME_PATTERN } from '../common/schema'

const preciseHostname: JSONSchemaProps = {
  type: 'string',
  minLength: 1,
  maxLength: 253,
  pattern: String.raw`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`,
}

const headerModifier: JSONSchemaProps = {
  type: 'object',
  properties: {
    add: headerKeyValuesSchema,
    remove: { type: 'array', maxItems: 16, items: { type: 'string' } },
    set: headerKeyValuesSchema,
  },
}

const pathRewrite: JSONSchemaProps = {
  type: 'object',
  required: ['type'],
  properties: {
    replaceFullPath: { type: 'string' },
    replacePrefixMatch: { type: 'string' },
    type: { type: 'string', enum: ['ReplaceFullPath', 'ReplacePrefixMatch'] },
  },
}

const filter: JSONSchemaProps = {
  type: 'object',
  required: ['type'],
  properties: {
    requestHeaderModifier: headerModifier,
    requestMirror: {
      type: 'object',
      required: ['backendRef'],
      properties: {
        backendRef: backendRefSchema,
        percentage: intOrStringSchema,
      },
    },
    requestRedirect: {
      type: 'object',
      properties: {
        hostname: preciseHostname,
        path: pathRewrite,
        port: { type: 'integer', format: 'int32', minimum: 1, maximum: 65535 },
        scheme: { type: 'string', enum: ['http', 'https'] },
        statusCode: { type: 'integer', enum: [301, 302, 303, 307, 308], default: 302 },
      },
    },
    responseHeaderModifier: headerModifier,
    type: {
      type: 'string',
      enum: [
        'RequestHeaderModifier',
        'ResponseHeaderModifier',
        'RequestRedirect',
        'URLRewrite',
        'RequestMirror',
      ],
    },
    urlRewrite: {
      type: 'object',
      properties: {
        hostToBackendHostname: { type: 'boolean' },
        hostname: preciseHostname,
        path: pathRewrite,
      },
    },
  },
}

const match: JSONSchemaProps = {
  type: 'object',
  properties: {
    headers: { type: 'array', items: headerMatchSchema },
    method: {
      type: 'string',
      enum: ['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE'],
    },
    path: {
      type: 'object',
      required: ['type', 'value'],
      properties: {
        type: { type: 'string', enum: ['Exact', 'PathPrefix', 'RegularExpression'] },
        value: { type: 'string', minLength: 1 },
      },
    },
    queryParams: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'type', 'value'],
        properties: {
          name: { type: 'string', minLength: 1 },
          type: { type: 'string', enum: ['Exact', 'RegularExpression'] },
          value: { type: 'string' },
        },
      },
    },
  },
}

const rule: JSONSchemaProps = {
  type: 'object',
  required: ['default', 'matches'],
  properties: {
    default: {
      type: 'object',
      properties: {
        backendRefs: { type: 'array', items: backendRefSchema },
        filters: { type: 'array', items: filter },
      },
    },
    matches: { type: 'array', minItems: 1, items: match },
  },
}

/** specSchema is the structural schema of a MeshHTTPRoute `spec`. */
export const specSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    targetRef: targetRefSchema,
    to: {
      type: 'array',
      items: {
        type: 'object',
        required: ['rules', 'targetRef'],
        properties: {
          hostnames: { type: 'array', items: { type: 'string' } },
          rules: { type: 'array', items: rule },
          targetRef: targetRefSchema,
        },
      },
    },
  },
}
