/** @module Kuma's resource names for destinations and their SNI (`destinationname`, `tls.SNIForResource`). */
import type { Destination, DestinationPort } from '../../meshcontext'
import { fnv1a64 } from '../snapshot'

const SNI_KIND: Readonly<Record<string, string>> = {
  MeshService: 'ms',
  MeshExternalService: 'mes',
  MeshMultiZoneService: 'mzms',
}

/**
 * legacyDestinationName is Kuma's `ResolveLegacyFromDestination`:
 * `<mesh>_<name>_<namespace>_<zone>_<short>_<port>`, e.g. `default_backend___msvc_80`.
 */
export function legacyDestinationName(d: Destination, p: DestinationPort): string {
  const id = d.id
  return `${id.mesh}_${id.name}_${id.namespace}_${id.zone}_${id.shortName}_${p.value}`
}

const DNS_LABEL_LIMIT = 63
const clip = (s: string) =>
  s.length > DNS_LABEL_LIMIT - 1 ? s.slice(0, DNS_LABEL_LIMIT - 1) + 'x' : s

/**
 * sniForDestination is Kuma's `SniForBackendRef` without a system namespace:
 * `a<fnv64a(name;mesh;)>.<name>.<port>.<mesh>.<ms|mes|mzms>`.
 */
export function sniForDestination(d: Destination, p: DestinationPort): string {
  const r = d.resource
  const name =
    r.type === 'MeshService' ? meshServiceSniName(d) : (r.labels['kuma.io/display-name'] ?? r.name)
  const hash = fnv1a64(`${name};${r.mesh};`)
  return `a${hash}.${clip(name)}.${p.value}.${clip(r.mesh)}.${SNI_KIND[r.type]}`
}

function meshServiceSniName(d: Destination): string {
  const labels = d.resource.labels
  const display = labels['kuma.io/display-name'] ?? d.resource.name
  const namespace = labels['k8s.kuma.io/namespace'] ?? ''
  const origin = labels['kuma.io/origin']
  if (origin === 'global') return namespace ? `${display}.${namespace}` : display
  if (origin === 'zone' && namespace) return `${d.resource.name}.${namespace}`
  return d.resource.name
}
