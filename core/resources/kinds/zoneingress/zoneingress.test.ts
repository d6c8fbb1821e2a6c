/** @module ZoneIngress and ZoneEgress validators against Kuma's validator tables. */
import { describe, expect, it } from 'vitest'
import { kind as zoneEgress } from '../zoneegress'
import { kind } from './index'

const ctx = { name: 'zi-1', mesh: '', labels: {} }
const services = [
  { tags: { 'kuma.io/service': 'backend', version: '1', region: 'us' } },
  { tags: { 'kuma.io/service': 'web', version: 'v2', region: 'eu' } },
]

describe('ZoneIngress validator (Kuma zone_ingress_validator_test.go)', () => {
  it('accepts a valid ZoneIngress', () => {
    const spec = {
      networking: {
        address: '192.168.0.1',
        advertisedAddress: '10.0.0.1',
        port: 10001,
        advertisedPort: 1234,
      },
      availableServices: services,
    }
    expect(kind.validate!(spec, ctx).violations).toEqual([])
  })

  it.each([
    [
      'no port defined',
      {
        networking: { address: '192.168.0.1', advertisedAddress: '10.0.0.1', advertisedPort: 1234 },
        availableServices: services,
      },
      [{ field: 'networking.port', message: 'port must be in the range [1, 65535]' }],
    ],
    [
      'invalid advertised address, port and available service',
      {
        networking: {
          address: '192.168.0.1',
          advertisedAddress: '!@#',
          port: 10001,
          advertisedPort: 100000,
        },
        availableServices: [
          ...services,
          { tags: { version: 'v2', region: 'eu' } },
          { tags: { 'kuma.io/service': '' } },
          { tags: { version: '' } },
        ],
      },
      [
        {
          field: 'networking.advertisedAddress.address',
          message: 'address has to be valid IP address or domain name',
        },
        { field: 'networking.advertisedPort', message: 'port must be in the range [1, 65535]' },
        {
          field: 'availableService[2].tags',
          message: 'mandatory tag "kuma.io/service" is missing',
        },
        {
          field: 'availableService[3].tags["kuma.io/service"]',
          message: 'tag value must be non-empty',
        },
        { field: 'availableService[4].tags["version"]', message: 'tag value must be non-empty' },
        {
          field: 'availableService[4].tags',
          message: 'mandatory tag "kuma.io/service" is missing',
        },
      ],
    ],
    [
      'admin port equal to port',
      {
        networking: {
          admin: { port: 10001 },
          address: '127.0.0.1',
          advertisedAddress: '10.0.0.1',
          port: 10001,
          advertisedPort: 1234,
        },
        availableServices: services,
      },
      [{ field: 'networking.admin.port', message: 'must differ from port' }],
    ],
  ])('reports %s', (_, spec, expected) => {
    expect(kind.validate!(spec, ctx).violations).toEqual(expected)
  })

  it('keeps the canonical proto JSON of the spec', () => {
    expect(kind.canonical!({ networking: { port: 1000, address: '' } })).toEqual({
      networking: { port: 1000 },
    })
    expect(kind.checkShape!({ networking: { port: 'x' } })).toBeDefined()
  })
})

describe('ZoneEgress validator (Kuma zone_egress_validator_test.go)', () => {
  it.each([
    [
      'no port defined',
      { networking: { address: '192.168.0.1' } },
      [{ field: 'networking.port', message: 'port must be in the range [1, 65535]' }],
    ],
    [
      'admin port equal to port',
      { networking: { admin: { port: 10001 }, address: '127.0.0.1', port: 10001 } },
      [{ field: 'networking.admin.port', message: 'must differ from port' }],
    ],
    ['a valid ZoneEgress', { networking: { address: '10.0.0.1', port: 10002 } }, []],
  ])('checks %s', (_, spec, expected) => {
    expect(zoneEgress.validate!(spec, ctx).violations).toEqual(expected)
  })
})
