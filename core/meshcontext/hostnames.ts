/**
 * @module Hostnames HostnameGenerators give MeshServices, MeshExternalServices and
 * MeshMultiZoneServices (Kuma `hostnamegenerator/hostname` and the `_hostnames` inspect endpoint).
 */
import type { HostnameGenerator, Selector } from '../resources/kinds/hostnamegenerator/types'
import {
  render,
  TemplateError,
  TemplateUnsupported,
} from '../resources/kinds/hostnamegenerator/template'
import { isDNS1123Subdomain } from '../validators/names'
import { DISPLAY_NAME_LABEL, NAMESPACE_LABEL, ORIGIN_LABEL, ZONE_LABEL } from '../resources/labels'
import type { ResourceRecord } from '../store/store'
import { labelSelectorMatches } from './dataplane'

/** SELECTOR_OF names the HostnameGenerator selector that applies to each service kind. */
const SELECTOR_OF: Readonly<Record<string, keyof Selector>> = {
  MeshService: 'meshService',
  MeshExternalService: 'meshExternalService',
  MeshMultiZoneService: 'meshMultiZoneService',
}

/** TEMPLATE_DATA_TYPE is Go's name of the struct templates see, for its error messages. */
const TEMPLATE_DATA_TYPE =
  'struct { Name string; DisplayName string; Namespace string; Mesh string; Zone string }'

export type HostnameResult = { ok: true; hostname: string } | { ok: false; error: string }

/** ServiceMeta is the part of a service a hostname is computed from. */
export type ServiceMeta = Pick<ResourceRecord, 'type' | 'mesh' | 'name' | 'labels'>

/**
 * generateHostname is Kuma's `GenerateHostname`: '' when the generator's selector for the
 * service's kind is absent or does not match its labels, else its template rendered with
 * Name, DisplayName, Namespace, Mesh and Zone (the `kuma.io/zone` label, else `localZone`).
 * With `validateDNS` a result that is no DNS-1123 subdomain is an error. Templates outside the
 * subset Kumo renders give '' (no hostname) rather than a wrong one.
 */
export function generateHostname(
  localZone: string,
  generator: Pick<ResourceRecord, 'spec'>,
  service: ServiceMeta,
  validateDNS: boolean,
): HostnameResult {
  const spec = generator.spec as Partial<HostnameGenerator>
  const selectorKey = SELECTOR_OF[service.type]
  const selector = selectorKey ? spec.selector?.[selectorKey] : undefined
  if (!selector || !labelSelectorMatches(selector.matchLabels, service.labels)) {
    return { ok: true, hostname: '' }
  }
  const labels = service.labels
  const data = {
    Name: service.name,
    DisplayName: labels[DISPLAY_NAME_LABEL] ?? service.name,
    Namespace: labels[NAMESPACE_LABEL] ?? '',
    Mesh: service.mesh,
    Zone: labels[ZONE_LABEL] || localZone,
  }
  const label = (key: string) => {
    if (!Object.hasOwn(labels, key))
      throw new TemplateError(`error calling label: label ${key} not found`)
    return labels[key]
  }
  let result: ReturnType<typeof render>
  try {
    result = render(spec.template ?? '', data, TEMPLATE_DATA_TYPE, { label })
  } catch (e) {
    if (e instanceof TemplateUnsupported) return { ok: true, hostname: '' }
    throw e
  }
  if (result.parseError !== undefined) {
    return {
      ok: false,
      error: `failed compiling gotemplate error=${JSON.stringify(result.parseError)}`,
    }
  }
  if (result.execError !== undefined) {
    return {
      ok: false,
      error: `pre evaluation of template with parameters failed with error=${JSON.stringify(result.execError)}`,
    }
  }
  const hostname = result.output ?? ''
  if (validateDNS) {
    const violations = isDNS1123Subdomain(hostname)
    if (violations.length > 0) {
      return {
        ok: false,
        error: `generated hostname ${JSON.stringify(hostname)} is not a valid DNS name: ${violations.join(', ')}`,
      }
    }
  }
  return { ok: true, hostname }
}

/** zoneOfResource is Kuma's `ZoneOfResource`: the `kuma.io/zone` label, else the name up to its first dot. */
export const zoneOfResource = (r: Pick<ResourceRecord, 'name' | 'labels'>): string =>
  r.labels[ZONE_LABEL] || r.name.split('.')[0]

export interface InspectHostname {
  hostname: string
  zones: { name: string }[]
}

/** InspectHostnames is the `_hostnames` answer; `items` is null when there are none, as in Kuma. */
export interface InspectHostnames {
  items: InspectHostname[] | null
  total: number
}

export type InspectHostnamesResult =
  { ok: true; value: InspectHostnames } | { ok: false; error: string }

/**
 * inspectHostnames lists the hostnames every generator gives a service, each with the zones it
 * is valid in, sorted by hostname. A zone control plane looks at the service with its own
 * origin; a global one (`isGlobal`) with both origins, since synced copies change origin.
 * Hostnames are not DNS-checked: services synced from older zones must still show.
 */
export function inspectHostnames(
  service: ResourceRecord,
  generators: readonly Pick<ResourceRecord, 'spec'>[],
  isGlobal: boolean,
): InspectHostnamesResult {
  const zone = zoneOfResource(service)
  const origins = isGlobal ? ['zone', 'global'] : [service.labels[ORIGIN_LABEL] ?? '']
  const byHostname = new Map<string, Set<string>>()
  for (const generator of generators) {
    for (const origin of origins) {
      const seen = { ...service, labels: { ...service.labels, [ORIGIN_LABEL]: origin } }
      const res = generateHostname(zone, generator, seen, false)
      if (!res.ok) return res
      if (!res.hostname) continue
      const zones = byHostname.get(res.hostname) ?? new Set<string>()
      zones.add(zone)
      byHostname.set(res.hostname, zones)
    }
  }
  const items = [...byHostname.keys()].sort().map((hostname) => ({
    hostname,
    zones: [...byHostname.get(hostname)!].sort().map((name) => ({ name })),
  }))
  return { ok: true, value: { items: items.length > 0 ? items : null, total: items.length } }
}

/**
 * sortHostnameGenerators is the order Kuma's generator component applies generators in (the
 * first to claim a hostname keeps it): zone-origin first, then oldest, then by name.
 */
export function sortHostnameGenerators<T extends ResourceRecord>(generators: readonly T[]): T[] {
  return [...generators].sort((a, b) => {
    const oa = a.labels[ORIGIN_LABEL] ?? ''
    const ob = b.labels[ORIGIN_LABEL] ?? ''
    if (oa !== ob) {
      if (oa === 'zone') return -1
      if (ob === 'zone') return 1
    }
    if (a.creationTime !== b.creationTime) return a.creationTime < b.creationTime ? -1 : 1
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  })
}
