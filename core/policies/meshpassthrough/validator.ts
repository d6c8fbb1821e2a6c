/** @module MeshPassthrough's semantic rules (Kuma `meshpassthrough/api/v1alpha1/validator.go`). */
import type { ValidateContext } from '../../resources/kind'
import { PathBuilder, ValidationError } from '../../validators/validation-error'
import { fieldMustBeOneOf, INVALID_PORT } from '../../validators/messages'
import { isCIDR, isDNSName, isIP } from '../../validators/net'
import { validateTargetRef } from '../common/targetref-rules'
import type { Conf, MeshPassthrough } from './types'

const allMatchProtocols = ['tcp', 'tls', 'grpc', 'http', 'http2', 'mysql']
const notAllowedProtocolsOnTheSamePort = ['grpc', 'http', 'http2']
const wildcardPartialPrefixPattern = /^\*[^.]+/

/** validateMeshPassthrough returns every violation of Kuma's MeshPassthrough rules, rooted at `spec`. */
export function validateMeshPassthrough(
  raw: Record<string, unknown>,
  _ctx?: ValidateContext,
): ValidationError {
  const spec = raw as MeshPassthrough
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  if (spec.targetRef) {
    err.addErrorAt(
      path.field('targetRef'),
      validateTargetRef(spec.targetRef, { supportedKinds: ['Mesh', 'MeshSubset', 'Dataplane'] }),
    )
  }
  err.addErrorAt(path.field('default'), validateDefault(spec.default ?? {}))
  return err
}

function validateDefault(conf: Conf): ValidationError {
  const err = new ValidationError()
  const portAndProtocol = new Map<number, unknown>()
  const uniqueValues = new Map<string, Set<unknown>>()
  ;(conf.appendMatch ?? []).forEach((match, i) => {
    const p = PathBuilder.rootedAt('appendMatch').index(i)
    const protocol: unknown = match.protocol ?? ''
    const port = match.port
    const value = match.value ?? ''
    if (protocol === 'mysql' && port === undefined) {
      err.addViolation(p.field('port'), 'port must be defined for Mysql protocol')
    }
    if ((port !== undefined && port === 0) || (port ?? 0) > 65535) {
      err.addViolation(p.field('port'), INVALID_PORT)
    }
    if (port !== undefined) {
      const seen = portAndProtocol.get(port)
      if (
        seen !== undefined &&
        seen !== protocol &&
        notAllowedProtocolsOnTheSamePort.includes(protocol as string)
      ) {
        err.addViolation(
          p.field('port'),
          `using the same port in multiple matches requires the same protocol for the following protocols: [${notAllowedProtocolsOnTheSamePort.join(' ')}]`,
        )
      } else {
        portAndProtocol.set(port, protocol)
      }
      const key = `${port}/${String(protocol)}`
      const values = uniqueValues.get(key)
      if (!values) uniqueValues.set(key, new Set([value]))
      else if (values.has(value)) {
        err.addViolation(
          p.field('value'),
          `value ${value} is already defiend for this port and protocol`,
        )
      } else values.add(value)
    }
    if (!allMatchProtocols.includes(protocol as string)) {
      err.addErrorAt(p.field('protocol'), fieldMustBeOneOf('protocol', ...allMatchProtocols))
    }
    switch (match.type) {
      case 'CIDR':
        if (!isCIDR(value)) err.addViolation(p.field('value'), 'provided CIDR has incorrect value')
        break
      case 'IP':
        if (!isIP(value)) err.addViolation(p.field('value'), 'provided IP has incorrect value')
        break
      case 'Domain': {
        if (protocol === 'tcp' || protocol === 'mysql') {
          err.addViolation(
            p.field('protocol'),
            `protocol ${protocol} is not supported for a domain`,
          )
        }
        if (wildcardPartialPrefixPattern.test(value)) {
          err.addViolation(
            p.field('value'),
            'provided DNS has incorrect value, partial wildcard is currently not supported',
          )
        }
        if (
          port === undefined &&
          value.startsWith('*') &&
          notAllowedProtocolsOnTheSamePort.includes(protocol as string)
        ) {
          err.addViolation(
            p.field('port'),
            "wildcard domains doesn't work for all ports and layer 7 protocol",
          )
        }
        const host = value.startsWith('*.') ? value.slice(2) : value
        if (!host.startsWith('*') && !isDNSName(host)) {
          err.addViolation(p.field('value'), 'provided DNS has incorrect value')
        }
        break
      }
      default:
        err.addViolation(
          p.field('type'),
          `provided type ${match.type ?? ''} is not supported, one of Domain, IP, or CIDR is supported`,
        )
    }
  })
  return err
}
