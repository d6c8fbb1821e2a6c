/** @module MeshExternalService's semantic rules (Kuma `meshexternalservice/api/v1alpha1/validator.go`) and PUT warnings. */
import type { ValidateContext } from '../../kind'
import { PathBuilder, ValidationError } from '../../../validators/validation-error'
import { isDefined, num, str } from '../../../validators/json'
import { INVALID_PORT, mustBeOneOf } from '../../../validators/messages'
import { isDNSName, isIP } from '../../../validators/net'
import { validateTlsVersion } from '../../../validators/tls'
import { destinationDeprecations, validateDestinationName } from '../common/deprecations'
import type { Endpoint, Match, MeshExternalService, Tls } from './types'

const allMatchProtocols = ['tcp', 'grpc', 'http', 'http2']
const allVerificationModes = ['SkipSAN', 'SkipCA', 'SkipAll', 'Secured']
const allSANMatchTypes = ['Prefix', 'Exact']

/** validate checks name length, match, and (without an extension) endpoints and tls. */
export function validate(spec: Record<string, unknown>, ctx: ValidateContext): ValidationError {
  const mes = spec as unknown as MeshExternalService
  const verr = validateDestinationName(ctx)
  const path = PathBuilder.rootedAt('spec')
  verr.addErrorAt(path.field('match'), validateMatch(mes.match ?? ({} as Match)))
  if (!isDefined(mes.extension)) {
    if (isDefined(mes.endpoints))
      verr.addErrorAt(path.field('endpoints'), validateEndpoints(mes.endpoints ?? []))
    if (isDefined(mes.tls)) verr.addErrorAt(path.field('tls'), validateTls(mes.tls as Tls))
  } else if (str(mes.extension?.type) === '') {
    verr.addViolation(path.field('extension').field('type'), 'must not be empty')
  }
  return verr
}

function validateMatch(match: Match): ValidationError {
  const verr = new ValidationError()
  const type = str(match.type)
  if (type !== 'HostnameGenerator' && type !== '') {
    verr.addViolation('type', `unrecognized type '${type}' - only 'HostnameGenerator' is supported`)
  }
  const port = num(match.port)
  if (port === 0 || port > 65535) verr.addViolation('port', INVALID_PORT)
  if (!allMatchProtocols.includes(str(match.protocol))) {
    verr.addViolation('protocol', mustBeOneOf('protocol', ...allMatchProtocols))
  }
  return verr
}

function validateEndpoints(endpoints: Endpoint[]): ValidationError {
  const verr = new ValidationError()
  endpoints.forEach((endpoint, i) => {
    const address = str(endpoint?.address)
    const port = num(endpoint?.port)
    const badPort = port === 0 || port > 65535
    // Kuma checks IP and DNS name separately; an address is never both.
    if ((isIP(address) || isDNSName(address)) && badPort) {
      verr.addViolation(PathBuilder.root().index(i).field('port'), INVALID_PORT)
    }
    if (!isIP(address) && !isDNSName(address)) {
      verr.addViolation(
        PathBuilder.root().index(i).field('address'),
        'address has to be a valid IP or hostname',
      )
    }
  })
  return verr
}

function validateTls(tls: Tls): ValidationError {
  const verr = new ValidationError()
  if (isDefined(tls.version)) verr.addErrorAt('version', validateTlsVersion(tls.version ?? {}))
  const verification = tls.verification
  if (isDefined(verification) && verification) {
    const path = PathBuilder.rootedAt('verification')
    if (isDefined(verification.serverName) && !isDNSName(str(verification.serverName))) {
      verr.addViolation(path.field('serverName'), 'must be a valid DNS name')
    }
    const mode = str(verification.mode)
    if (mode !== '' && !allVerificationModes.includes(mode)) {
      verr.addViolation(path.field('mode'), mustBeOneOf('mode', ...allVerificationModes))
    }
    ;(verification.subjectAltNames ?? []).forEach((san, i) => {
      if (!allSANMatchTypes.includes(str(san?.type))) {
        verr.addViolation(
          path.field('subjectAltNames').index(i).field('type'),
          mustBeOneOf('type', ...allSANMatchTypes),
        )
      }
    })
    if (isDefined(verification.clientCert) && !isDefined(verification.clientKey)) {
      verr.addViolation(path.field('clientKey'), 'must be defined when clientCert is defined')
    }
    if (!isDefined(verification.clientCert) && isDefined(verification.clientKey)) {
      verr.addViolation(path.field('clientCert'), 'must be defined when clientKey is defined')
    }
  }
  return verr
}

/** warnings lists Kuma's deprecations: a non DNS-1035 name, and SNI problems of the match port. */
export function warnings(spec: Record<string, unknown>, ctx: ValidateContext): string[] {
  const match = (spec as unknown as MeshExternalService).match
  return destinationDeprecations('MeshExternalService', 'extsvc', ctx, [String(num(match?.port))])
}
