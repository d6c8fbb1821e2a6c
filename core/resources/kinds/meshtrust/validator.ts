/** @module MeshTrust's semantic rules (Kuma `meshtrust/api/v1alpha1/validator.go`, `deprecated.go`). */
import type { ValidateContext } from '../../kind'
import { validateLength } from '../../../validators/common'
import { MUST_BE_DEFINED, MUST_NOT_BE_EMPTY, mustBeOneOf } from '../../../validators/messages'
import { PathBuilder, ValidationError } from '../../../validators/validation-error'
import type { MeshTrust } from './types'

const PRIVATE_KEY_TYPES = new Set([
  'PRIVATE KEY',
  'RSA PRIVATE KEY',
  'EC PRIVATE KEY',
  'DSA PRIVATE KEY',
  'ENCRYPTED PRIVATE KEY',
])

/** validate checks the CA bundles and the trust domain, as Kuma does. */
export function validate(spec: Record<string, unknown>, _ctx: ValidateContext): ValidationError {
  const mt = spec as Partial<MeshTrust>
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  const bundles = path.field('caBundles')
  if ((mt.caBundles ?? []).length === 0) {
    err.addViolation(bundles, MUST_NOT_BE_EMPTY)
  } else {
    mt.caBundles!.forEach((b, i) => {
      if (b.type !== 'Pem') {
        err.addViolation(bundles.field('type'), mustBeOneOf(String(b.type ?? ''), 'Pem'))
        return
      }
      const pem = bundles.index(i).field('pem')
      if (!b.pem) err.addViolation(pem, MUST_BE_DEFINED)
      else if (!isPemCertificate(b.pem.value ?? ''))
        err.addViolation(pem.field('value'), 'provided certificate has incorrect format')
    })
  }
  const td = mt.trustDomain ?? ''
  if (td === '') err.addViolation(path.field('trustDomain'), 'trustDomain needs to be defined')
  err.add(validateLength(path.field('trustDomain'), 253, td))
  return err
}

/** warnings are Kuma's deprecations of a MeshTrust. */
export function warnings(spec: Record<string, unknown>): string[] {
  return (spec as Partial<MeshTrust>).origin ? ['setting spec.origin field is deprecated'] : []
}

const PEM_BLOCK = /-----BEGIN ([^\n\r]*?)-----\r?\n([\s\S]*?)-----END \1-----/

/**
 * isPemCertificate is Kuma's check: Go's pem.Decode finds a block (headers, then base64) and
 * it is not a private key.
 */
export function isPemCertificate(s: string): boolean {
  const m = PEM_BLOCK.exec(s)
  if (!m) return false
  const lines = m[2].split(/\r?\n/)
  // optional RFC 1421 headers, ended by an empty line
  if (lines.length > 0 && lines[0].includes(':')) {
    const end = lines.findIndex((l) => l.trim() === '')
    if (end < 0) return false
    lines.splice(0, end + 1)
  }
  const body = lines.join('').replace(/[ \t\r]/g, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0) return false
  return !PRIVATE_KEY_TYPES.has(m[1])
}
