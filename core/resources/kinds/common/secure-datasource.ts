/** @module Kuma's SecureDataSource (`api/common/v1alpha1/datasource`): its schema and its validator. */
import type { JSONSchemaProps } from '../../../schema/types'
import { MUST_BE_DEFINED, mustBeOneOf } from '../../../validators/messages'
import { type PathBuilder, ValidationError } from '../../../validators/validation-error'

/** SecureDataSource is a secret value read by the control plane from one of four places. */
export interface SecureDataSource {
  type?: 'File' | 'Secret' | 'EnvVar' | 'InsecureInline'
  file?: { path?: string }
  secretRef?: { kind?: string; name?: string }
  envVar?: { name?: string }
  insecureInline?: { value?: string }
}

/** secureDataSourceSchema is the CRD schema of a SecureDataSource. */
export const secureDataSourceSchema: JSONSchemaProps = {
  type: 'object',
  required: ['type'],
  properties: {
    envVar: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
    file: { type: 'object', required: ['path'], properties: { path: { type: 'string' } } },
    insecureInline: {
      type: 'object',
      required: ['value'],
      properties: { value: { type: 'string' } },
    },
    secretRef: {
      type: 'object',
      required: ['kind', 'name'],
      properties: { kind: { type: 'string', enum: ['Secret'] }, name: { type: 'string' } },
    },
    type: { type: 'string', enum: ['File', 'Secret', 'EnvVar', 'InsecureInline'] },
  },
}

/** filePathError is Kuma's validateFilePath: absolute and without `..`. */
function filePathError(path: string): string | undefined {
  if (path.includes('..')) return `file path contains directory traversal sequence: ${path}`
  if (!path.startsWith('/')) return `file path must be absolute: ${path}`
  return undefined
}

/** validateSecureDataSource is Kuma's SecureDataSource.ValidateSecureDataSource. */
export function validateSecureDataSource(
  path: PathBuilder,
  s: SecureDataSource | undefined,
): ValidationError {
  const err = new ValidationError()
  if (!s) return err
  switch (s.type) {
    case 'EnvVar':
      if (!s.envVar) err.addViolation(path.field('envVar'), MUST_BE_DEFINED)
      else if (!s.envVar.name) err.addViolation(path.field('envVar').field('name'), MUST_BE_DEFINED)
      break
    case 'InsecureInline':
      if (!s.insecureInline) err.addViolation(path.field('insecureInline'), MUST_BE_DEFINED)
      else if (!s.insecureInline.value)
        err.addViolation(path.field('insecureInline').field('value'), MUST_BE_DEFINED)
      break
    case 'File': {
      if (!s.file) {
        err.addViolation(path.field('file'), MUST_BE_DEFINED)
        break
      }
      const p = s.file.path ?? ''
      const problem = p === '' ? MUST_BE_DEFINED : filePathError(p)
      if (problem) err.addViolation(path.field('file').field('path'), problem)
      break
    }
    case 'Secret':
      if (!s.secretRef) {
        err.addViolation(path.field('secretRef'), MUST_BE_DEFINED)
        break
      }
      if (s.secretRef.kind !== 'Secret')
        err.addViolation(
          path.field('secretRef').field('kind'),
          mustBeOneOf(s.secretRef.kind ?? '', 'Secret'),
        )
      if (!s.secretRef.name)
        err.addViolation(path.field('secretRef').field('name'), MUST_BE_DEFINED)
      break
    default:
      err.addViolation(
        path.field('type'),
        mustBeOneOf(s.type ?? '', 'EnvVar', 'InsecureInline', 'File', 'Secret'),
      )
  }
  return err
}
