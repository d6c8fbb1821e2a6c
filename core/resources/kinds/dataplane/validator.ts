/** @module Kuma's Dataplane validator (`pkg/core/resources/apis/mesh/dataplane_validator.go`). */
import { PathBuilder, ValidationError } from '../../../validators/validation-error'
import { durationNanos } from '../../../validators/duration'
import { ipEqual, isDNSName, isIP, isUnspecified, parseIP } from '../../../validators/net'
import {
  PROTOCOL_TAG,
  SERVICE_TAG,
  type TagsValidator,
  validateTags,
} from '../../../validators/tags'
import { parseRequestURI } from '../../../validators/url'
import {
  allowedValuesHint,
  parseProtocol,
  SUPPORTED_PROTOCOLS,
  validateDuration,
  validateIdentifier,
  validatePort,
  validateThreshold,
} from '../inline/validators'
import { validatePrometheusConfig } from '../inline/prometheus'
import type { DataplaneSpec, Gateway, Inbound, Networking, Outbound, Probes } from './types'

const ALLOWED_KINDS = ['MeshExternalService', 'MeshMultiZoneService', 'MeshService']
const KINDS_HINT = `invalid value. Available values are: ${ALLOWED_KINDS.join(',')}`
const LOOPBACK = parseIP('127.0.0.1')

const root = (name: string) => PathBuilder.rootedAt(name)
const size = (o: object | undefined) => (o ? Object.keys(o).length : 0)

/** validateDataplane returns every violation of a (canonical) Dataplane spec. */
export function validateDataplane(spec: DataplaneSpec): ValidationError {
  const err = new ValidationError()
  const net = root('networking')
  const networking = spec.networking
  if (networking === undefined) return err.addViolation(net, 'must be defined')

  if (networking.admin !== undefined) {
    const adminPort = networking.admin.port ?? 0
    if (usesInboundInterface(networking, adminPort)) {
      err.addViolation(net.field('admin').field('port'), 'must differ from inbound')
    }
    if (usesOutboundInterface(networking, adminPort)) {
      err.addViolation(net.field('admin').field('port'), 'must differ from outbound')
    }
  }

  const gateway = networking.gateway
  const inbound = networking.inbound ?? []
  const listeners = networking.listeners ?? []
  if (gateway !== undefined && (gateway.type ?? 'DELEGATED') === 'DELEGATED') {
    if (inbound.length > 0) {
      err.addViolation(net.field('inbound'), 'inbound cannot be defined for delegated gateways')
    }
    if (listeners.length > 0) {
      err.addViolation(net.field('listeners'), 'listeners cannot be defined for delegated gateways')
    }
    err.addErrorAt(net.field('gateway'), validateGateway(gateway))
    err.add(validateNetworking(networking))
    err.add(validateProbes(spec.probes))
  } else if (gateway !== undefined) {
    if (inbound.length > 0) {
      err.addViolation(net.field('inbound'), 'inbound cannot be defined for builtin gateways')
    }
    if ((networking.outbound ?? []).length > 0) {
      err.addViolation(net.field('outbound'), 'outbound cannot be defined for builtin gateways')
    }
    if (listeners.length > 0) {
      err.addViolation(net.field('listeners'), 'listeners cannot be defined for builtin gateways')
    }
    if (spec.probes !== undefined) {
      err.addViolation(net.field('probes'), 'probes cannot be defined for builtin gateways')
    }
    err.addErrorAt(net.field('gateway'), validateGateway(gateway))
    err.add(validateNetworking(networking))
  } else {
    err.add(validateNetworking(networking))
    err.add(validateProbes(spec.probes))
    if (spec.metrics !== undefined) {
      if (spec.metrics.type !== 'prometheus') {
        err.addViolation(
          root('metrics').field('type'),
          'unknown backend type. Available backends: "prometheus"',
        )
      } else {
        err.addErrorAt(root('metrics').field('conf'), validatePrometheusConfig(spec.metrics.conf))
      }
    }
    err.addErrorAt(net.field('listeners'), validateListeners(networking))
  }
  return err
}

/** overlap is Go's: a wildcard address overlaps everything, otherwise the addresses must be equal. */
export function overlap(a: number[] | undefined, b: number[] | undefined): boolean {
  return isUnspecified(a) || isUnspecified(b) || ipEqual(a, b)
}

function usesInboundInterface(n: Networking, port: number): boolean {
  return (n.inbound ?? []).some((i) => {
    const dataplaneIP = i.address || n.address || ''
    const workloadIP = i.serviceAddress || dataplaneIP
    const dataplanePort = i.port ?? 0
    const workloadPort = i.servicePort || dataplanePort
    return (
      (port === dataplanePort && overlap(LOOPBACK, parseIP(dataplaneIP))) ||
      (port === workloadPort && overlap(LOOPBACK, parseIP(workloadIP)))
    )
  })
}

function usesOutboundInterface(n: Networking, port: number): boolean {
  return (n.outbound ?? []).some(
    (o) => port === (o.port ?? 0) && overlap(LOOPBACK, parseIP(o.address || '127.0.0.1')),
  )
}

function validateNetworking(networking: Networking): ValidationError {
  const err = new ValidationError()
  const path = root('networking')
  err.add(validateAddress(path, networking.address ?? ''))
  ;(networking.inbound ?? []).forEach((inbound, i) => {
    const field = path.field('inbound').index(i)
    err.addErrorAt(field, validateInbound(inbound, networking.address ?? ''))
    // the service tag is required only when the inbound has tags (inbound tags disabled: none)
    if (size(inbound.tags) > 0 && !Object.hasOwn(inbound.tags!, SERVICE_TAG)) {
      err.addViolation(field.field('tags').key(SERVICE_TAG), 'tag has to exist')
    }
  })
  ;(networking.outbound ?? []).forEach((outbound, i) => {
    err.addErrorAt(path.field('outbound').index(i), validateOutbound(outbound))
  })
  // Kuma spells this path `transparentProxing`
  err.addErrorAt(path.field('transparentProxing'), validateTransparentProxying(networking))
  return err
}

/** validateAddress is Kuma's: the violation goes to `<path>.address`. */
export function validateAddress(path: PathBuilder, address: string): ValidationError {
  const err = new ValidationError()
  if (address === '') return err.addViolation(path.field('address'), "address can't be empty")
  if (address === '0.0.0.0' || address === '::') {
    err.addViolation(path.field('address'), 'must not be 0.0.0.0 or ::')
  }
  if (!isIP(address) && !isDNSName(address)) {
    err.addViolation(path.field('address'), 'address has to be valid IP address or domain name')
  }
  return err
}

const protocolHint = allowedValuesHint(...SUPPORTED_PROTOCOLS)

function validateInbound(inbound: Inbound, dpAddress: string): ValidationError {
  const err = new ValidationError()
  const port = inbound.port ?? 0
  const servicePort = inbound.servicePort ?? 0
  const serviceAddress = inbound.serviceAddress ?? ''
  const address = inbound.address ?? ''
  const differ = 'serviceAddress and servicePort has to differ from address and port'
  err.add(validatePort(root('port'), port))
  if (servicePort !== 0) err.add(validatePort(root('servicePort'), servicePort))
  if (serviceAddress !== '') {
    if (!isIP(serviceAddress)) {
      err.addViolation('serviceAddress', 'serviceAddress has to be valid IP address')
    }
    if (serviceAddress === dpAddress && (servicePort === 0 || servicePort === port)) {
      err.addViolation('serviceAddress', differ)
    }
  }
  if (address !== '') {
    if (!isIP(address)) err.addViolation('address', 'address has to be valid IP address')
    if (address === serviceAddress && (servicePort === 0 || servicePort === port)) {
      err.addViolation('serviceAddress', differ)
    }
  }
  const validateProtocol: TagsValidator = (path, tags) => {
    const e = new ValidationError()
    const value = tags[PROTOCOL_TAG]
    if (value !== undefined && parseProtocol(value) === '<unknown>') {
      e.addViolation(
        path.key(PROTOCOL_TAG),
        `tag "${PROTOCOL_TAG}" has an invalid value ${JSON.stringify(value)}. ${protocolHint}`,
      )
    }
    return e
  }
  err.add(validateTags(root('tags'), inbound.tags, { extraTagsValidators: [validateProtocol] }))
  const protocol = inbound.protocol ?? ''
  if (protocol !== '' && parseProtocol(protocol) === '<unknown>') {
    err.addViolation(
      'protocol',
      `has an invalid value ${JSON.stringify(protocol)}. ${protocolHint}`,
    )
  }
  const probe = inbound.serviceProbe
  if (probe !== undefined) {
    const path = root('serviceProbe')
    if (probe.interval !== undefined) {
      err.add(validateDuration(path.field('interval'), durationNanos(probe.interval)))
    }
    if (probe.timeout !== undefined) {
      err.add(validateDuration(path.field('timeout'), durationNanos(probe.timeout)))
    }
    if (probe.unhealthyThreshold !== undefined) {
      err.add(validateThreshold(path.field('unhealthyThreshold'), probe.unhealthyThreshold))
    }
    if (probe.healthyThreshold !== undefined) {
      err.add(validateThreshold(path.field('healthyThreshold'), probe.healthyThreshold))
    }
  }
  return err
}

function validateOutbound(outbound: Outbound): ValidationError {
  const err = new ValidationError()
  err.add(validatePort(root('port'), outbound.port))
  if (outbound.address && !isIP(outbound.address)) {
    err.addViolation('address', 'address has to be valid IP address')
  }
  const ref = outbound.backendRef
  const service = outbound.tags?.[SERVICE_TAG] ?? ''
  if (ref !== undefined) {
    if (!ALLOWED_KINDS.includes(ref.kind ?? '')) err.addViolation('backendRef.kind', KINDS_HINT)
    if (!ref.name && size(ref.labels) === 0) {
      err.addViolation('backendRef', "either 'name' or 'labels' should be specified")
    }
    // a MeshExternalService takes its port from its endpoints
    if (ref.kind !== 'MeshExternalService') {
      err.add(validatePort(root('backendRef').field('port'), ref.port))
    }
  } else if (size(outbound.tags) === 0) {
    err.addViolation('tags', `mandatory tag "${SERVICE_TAG}" is missing`)
  } else {
    err.add(validateTags(root('tags'), outbound.tags, { requireService: true }))
  }
  if (ref !== undefined && (size(outbound.tags) !== 0 || service !== '')) {
    err.addViolation('backendRef', 'both backendRef and tags/service cannot be defined')
  }
  return err
}

function validateTransparentProxying(networking: Networking): ValidationError {
  const err = new ValidationError()
  const path = root('reachableBackends.refs')
  const refs = networking.transparentProxying?.reachableBackends?.refs ?? []
  refs.forEach((ref, i) => {
    const name = ref.name ?? ''
    const namespace = ref.namespace ?? ''
    const labels = size(ref.labels)
    if (!ALLOWED_KINDS.includes(ref.kind ?? ''))
      err.addViolation(path.index(i).field('kind'), KINDS_HINT)
    if (name !== '') err.addErrorAt(path.index(i).field('name'), validateIdentifier(name))
    if (name === '' && namespace === '' && labels === 0) {
      err.addViolation(path.index(i).field('name'), 'name or labels are required')
    }
    if (name === '' && namespace !== '') {
      err.addViolation(path.index(i).field('name'), 'name is required, when namespace is defined')
    }
    if ((name !== '' || namespace !== '') && labels > 0) {
      err.addViolation(
        path.index(i).field('labels'),
        'labels cannot be defined when name is specified',
      )
    }
  })
  return err
}

function validateProbes(probes: Probes | undefined): ValidationError {
  const err = new ValidationError()
  if (probes === undefined) return err
  const path = root('probes')
  err.add(validatePort(path.field('port'), probes.port))
  ;(probes.endpoints ?? []).forEach((endpoint, i) => {
    const at = path.field('endpoints').index(i)
    err.add(validatePort(at.field('inboundPort'), endpoint.inboundPort))
    if (!parseRequestURI(endpoint.inboundPath ?? '')) {
      err.addViolation(at.field('inboundPath'), 'should be a valid URL Path')
    }
    if (!parseRequestURI(endpoint.path ?? ''))
      err.addViolation(at.field('path'), 'should be a valid URL Path')
  })
  return err
}

function validateListeners(networking: Networking): ValidationError {
  const err = new ValidationError()
  const path = PathBuilder.rootedAt('')
  const names = new Set((networking.inbound ?? []).map((i) => i.name || String(i.port ?? 0)))
  const typeByAddrPort = new Map<string, string>()
  ;(networking.listeners ?? []).forEach((l, i) => {
    const at = path.index(i)
    const type = l.type ?? 'Unspecified'
    if (type === 'Unspecified')
      err.addViolation(at.field('type'), 'type must be ZoneIngress or ZoneEgress')
    err.add(validateAddress(at, l.address ?? ''))
    err.add(validatePort(at.field('port'), l.port))
    if (l.name) {
      if (names.has(l.name)) {
        err.addViolation(
          at.field('name'),
          `name ${JSON.stringify(l.name)} must be unique across inbounds and listeners`,
        )
      }
      names.add(l.name)
    }
    const key = `${l.address ?? ''}:${l.port ?? 0}`
    const existing = typeByAddrPort.get(key)
    if (existing === undefined) typeByAddrPort.set(key, type)
    else if (existing === type)
      err.addViolation(at, `address:port ${key} is already used by another listener`)
    else err.addViolation(at, `address:port ${key} is used by listeners of different types`)
    for (const inbound of networking.inbound ?? []) {
      const inboundAddr = inbound.address || networking.address || ''
      if (`${inboundAddr}:${inbound.port ?? 0}` === key) {
        err.addViolation(at, `address:port ${key} collides with an inbound listener`)
        break
      }
    }
  })
  return err
}

function validateGateway(gateway: Gateway): ValidationError {
  const validateProtocol: TagsValidator = (path, tags) => {
    const e = new ValidationError()
    const value = tags[PROTOCOL_TAG]
    if (value !== undefined && parseProtocol(value) !== 'tcp') {
      e.addViolation(
        path.key(PROTOCOL_TAG),
        `other values than tcp are not allowed, provided value ${JSON.stringify(value)}`,
      )
    }
    return e
  }
  // the service tag is required only when the gateway has tags (inbound tags disabled: none)
  return validateTags(root('tags'), gateway.tags, {
    requireService: size(gateway.tags) > 0,
    extraTagsValidators: [validateProtocol],
  })
}
