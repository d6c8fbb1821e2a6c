/** @module MeshOpenTelemetryBackend's semantic rules (Kuma `meshopentelemetrybackend/api/v1alpha1/validator.go`). */
import type { ValidateContext } from '../../kind'
import { PathBuilder, ValidationError } from '../../../validators/validation-error'
import { isDefined } from '../../../validators/json'
import { INVALID_PORT, mustBeOneOf } from '../../../validators/messages'
import { isDNSName, isIP } from '../../../validators/net'
import type { Endpoint, EnvPolicy, MeshOpenTelemetryBackend } from './types'

const allProtocols = ['grpc', 'http']
const allEnvModes = ['Disabled', 'Optional', 'Required']
const allEnvPrecedences = ['ExplicitFirst', 'EnvFirst']

/** validate checks the endpoint (address, port, path against the protocol), protocol and env. */
export function validate(spec: Record<string, unknown>, _ctx: ValidateContext): ValidationError {
  const motb = spec as MeshOpenTelemetryBackend
  const verr = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  const protocol = isDefined(motb.protocol) ? String(motb.protocol) : 'grpc'
  if (isDefined(motb.endpoint)) {
    verr.addErrorAt(path.field('endpoint'), validateEndpoint(motb.endpoint as Endpoint, protocol))
  }
  if (protocol !== '' && !allProtocols.includes(protocol)) {
    verr.addViolation(path.field('protocol'), mustBeOneOf('protocol', ...allProtocols))
  }
  if (isDefined(motb.env))
    verr.addErrorAt(path.field('env'), validateEnvPolicy(motb.env as EnvPolicy))
  return verr
}

function validateEndpoint(endpoint: Endpoint, protocol: string): ValidationError {
  const verr = new ValidationError()
  if (isDefined(endpoint.address)) {
    const address = String(endpoint.address)
    if (address === '') verr.addViolation('address', 'must not be empty')
    else if (!isIP(address) && !isDNSName(address)) {
      verr.addViolation('address', 'address has to be a valid IP or hostname')
    }
  }
  if (isDefined(endpoint.port)) {
    // Kuma converts the int32 to uint32, so negative ports are out of range too.
    const port = Number(endpoint.port)
    if (port === 0 || port < 0 || port > 65535) verr.addViolation('port', INVALID_PORT)
  }
  const path = endpoint.path
  if (isDefined(path) && path !== '') {
    const p = String(path)
    if (protocol === 'grpc' || protocol === '') {
      verr.addViolation('path', 'must not be set when protocol is grpc')
    } else {
      if (!p.startsWith('/')) verr.addViolation('path', 'must start with /')
      if (/[?#]/.test(p)) verr.addViolation('path', 'must not contain query or fragment')
    }
  }
  return verr
}

function validateEnvPolicy(env: EnvPolicy): ValidationError {
  const verr = new ValidationError()
  const mode = env.mode ?? ''
  if (mode !== '' && !allEnvModes.includes(mode))
    verr.addViolation('mode', mustBeOneOf('mode', ...allEnvModes))
  const precedence = env.precedence ?? ''
  if (precedence !== '' && !allEnvPrecedences.includes(precedence)) {
    verr.addViolation('precedence', mustBeOneOf('precedence', ...allEnvPrecedences))
  }
  return verr
}
