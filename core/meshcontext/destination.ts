/** @module Destinations: MeshService, MeshExternalService and MeshMultiZoneService as Kuma's `core.Destination` sees them. */
import { formatKri, identifierOf, type Identifier } from '../kri/kri'
import type { ResourceRecord } from '../store/store'

/** DESTINATION_KINDS are the kinds Kuma's DestinationIndex holds, with their KRI short names. */
export const DESTINATION_KINDS: Readonly<Record<string, string>> = {
  MeshExternalService: 'extsvc',
  MeshMultiZoneService: 'mzsvc',
  MeshService: 'msvc',
}

/** DEFAULT_PROTOCOL is what a port without `appProtocol`/`protocol` speaks (Kuma's schema default). */
export const DEFAULT_PROTOCOL = 'tcp'

/**
 * DestinationPort is Kuma's `core.Port`. Invariant: `name` is never empty; it is the port's
 * name or, when it has none, its number (MeshExternalService: always its number).
 */
export interface DestinationPort {
  readonly name: string
  readonly value: number
  readonly protocol: string
}

/**
 * Destination is Kuma's `core.Destination`: a destination resource with its identity (KRI
 * without section) and its ports in spec order.
 */
export interface Destination {
  readonly resource: ResourceRecord
  readonly id: Identifier
  /** kri is `formatKri(id)`: the key of this destination, section name empty. */
  readonly kri: string
  readonly ports: readonly DestinationPort[]
  /**
   * findPortByName is Kuma's `FindPortByName`: a port by name or by stringified number (a
   * backendRef can only give the number). It keeps Kuma's quirks: for MeshService and
   * MeshMultiZoneService, `''` finds the first port without a name; a MeshExternalService
   * always answers with its one port.
   */
  findPortByName(name: string): DestinationPort | undefined
}

type RawPort = { name?: unknown; port?: unknown; appProtocol?: unknown }

const asPorts = (v: unknown): RawPort[] =>
  Array.isArray(v) ? (v as unknown[]).filter((p): p is RawPort => typeof p === 'object' && !!p) : []

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0) || 0)

/** destinationOf wraps a stored resource as a Destination; undefined for other kinds. */
export function destinationOf(r: ResourceRecord): Destination | undefined {
  const shortName = DESTINATION_KINDS[r.type]
  if (!shortName) return undefined
  const id = identifierOf(shortName, r)!
  const base = { resource: r, id, kri: formatKri(id) }
  if (r.type === 'MeshExternalService') {
    const match = (r.spec.match ?? {}) as { port?: unknown; protocol?: unknown }
    const port: DestinationPort = {
      name: String(num(match.port)),
      value: num(match.port),
      protocol:
        typeof match.protocol === 'string' && match.protocol ? match.protocol : DEFAULT_PROTOCOL,
    }
    return { ...base, ports: [port], findPortByName: () => port }
  }
  const raw = asPorts(r.spec.ports)
  // MeshService keeps an explicitly empty name (Go's DerefOr); MeshMultiZoneService does not
  const named = (p: RawPort) =>
    typeof p.name === 'string' && (r.type === 'MeshService' || p.name !== '')
  const ports: DestinationPort[] = raw.map((p) => ({
    name: named(p) ? (p.name as string) : String(num(p.port)),
    value: num(p.port),
    protocol: typeof p.appProtocol === 'string' && p.appProtocol ? p.appProtocol : DEFAULT_PROTOCOL,
  }))
  return {
    ...base,
    ports,
    findPortByName: (name) => {
      const i = raw.findIndex(
        (p) => (typeof p.name === 'string' ? p.name : '') === name || String(num(p.port)) === name,
      )
      return i < 0 ? undefined : ports[i]
    },
  }
}
