/** @module The structural schema of MeshTLS's spec (Kuma CRD `kuma.io_meshtlses.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { TLS_VERSIONS } from '../../validators/tls'
import { targetRefSchema } from '../common/targetref'

export { TLS_VERSIONS }

/** TLS_CIPHERS are the cipher suites Kuma accepts, in its enum order. */
export const TLS_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-RSA-CHACHA20-POLY1305',
] as const

const tlsVersion: JSONSchemaProps = { type: 'string', default: 'TLSAuto', enum: [...TLS_VERSIONS] }

const confSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    mode: { type: 'string', enum: ['Permissive', 'Strict'] },
    tlsCiphers: { type: 'array', items: { type: 'string', enum: [...TLS_CIPHERS] } },
    tlsVersion: { type: 'object', properties: { max: tlsVersion, min: tlsVersion } },
  },
}

/** meshTLSSpecSchema is the structural schema of a MeshTLS's `spec`. */
export const meshTLSSpecSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    from: {
      type: 'array',
      items: {
        type: 'object',
        required: ['targetRef'],
        properties: { default: confSchema, targetRef: targetRefSchema },
      },
    },
    rules: { type: 'array', items: { type: 'object', properties: { default: confSchema } } },
    targetRef: targetRefSchema,
  },
}
