/** @module MeshTrust: Kuma's validator golden cases and its deprecation warning. */
import { describe, expect, it } from 'vitest'
import { kind } from './index'
import { isPemCertificate } from './validator'

const ctx = { name: 't', mesh: 'default', labels: {} }
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB9jCCAZ2g\n-----END CERTIFICATE-----'

describe('MeshTrust validator (Kuma testdata/spec)', () => {
  it('accepts full-valid', () => {
    const spec = {
      trustDomain: 'default.zone-1.mesh.local',
      caBundles: [
        { type: 'Pem', pem: { value: '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n' } },
      ],
    }
    expect(kind.validate!(spec, ctx).violations).toEqual([])
  })

  it('reports every violation of full-invalid', () => {
    const spec = {
      trustDomain: 'd'.repeat(254),
      caBundles: [{ type: 'Pem', pem: { value: 'adfadfafadf' } }, { type: 'Pem' }],
      origin: { kri: 'test' },
    }
    expect(kind.validate!(spec, ctx).violations).toEqual([
      {
        field: 'spec.caBundles[0].pem.value',
        message: 'provided certificate has incorrect format',
      },
      { field: 'spec.caBundles[1].pem', message: 'must be defined' },
      { field: 'spec.trustDomain', message: 'must not be longer than 253 characters' },
    ])
    expect(kind.warnings!(spec, ctx)).toEqual(['setting spec.origin field is deprecated'])
  })

  it('tells certificates from private keys and garbage', () => {
    expect(isPemCertificate(PEM)).toBe(true)
    expect(isPemCertificate(PEM.replaceAll('CERTIFICATE', 'EC PRIVATE KEY'))).toBe(false)
    expect(isPemCertificate('-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----')).toBe(
      false,
    )
  })
})
