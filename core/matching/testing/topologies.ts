/**
 * @module Deployment topologies of Kuma's Dataplane-kind matcher cases (Kuma `pkg/test/resources`
 * `matadata.go`): how names and labels look on zones and global, synced or not. Test support only.
 */

export interface Meta {
  name: string
  mesh: string
  labels: Record<string, string>
}

export type BuildMeta = (name: string, mesh: string, labels: Record<string, string>) => Meta

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789'

/** hashedName is Kuma's `hash.HashedName`: name plus FNV-64a of mesh, name and values, k8s-safe. */
export function hashedName(mesh: string, name: string, ...values: string[]): string {
  let h = 0xcbf29ce484222325n
  for (const s of [mesh, name, ...values]) {
    for (const b of new TextEncoder().encode(s)) {
      h ^= BigInt(b)
      h = (h * 0x100000001b3n) & 0xffffffffffffffffn
    }
  }
  const hex = h.toString(16).padStart(16, '0')
  const safe = [...hex].map((c) => ALPHANUMS[c.charCodeAt(0) % ALPHANUMS.length]).join('')
  return `${name}-${safe}`
}

const display = (m: Meta) => m.labels['kuma.io/display-name'] || m.name

export const globalUni: BuildMeta = (name, mesh, labels) => ({
  name,
  mesh,
  labels: { 'kuma.io/origin': 'global', 'kuma.io/display-name': name, ...labels },
})

export const globalK8s: BuildMeta = (name, mesh, labels) => ({
  name: `${name}.ns-k8s`,
  mesh,
  labels: {
    'kuma.io/origin': 'global',
    'k8s.kuma.io/namespace': 'ns-k8s',
    'kuma.io/mesh': mesh,
    'kuma.io/display-name': name,
    ...labels,
  },
})

export const zoneUni: BuildMeta = (name, mesh, labels) => ({
  name,
  mesh,
  labels: {
    'kuma.io/origin': 'zone',
    'kuma.io/zone': 'zone-uni',
    'kuma.io/display-name': name,
    ...labels,
  },
})

export const zoneK8s: BuildMeta = (name, mesh, labels) => ({
  name: `${name}.ns-k8s`,
  mesh,
  labels: {
    'kuma.io/origin': 'zone',
    'kuma.io/zone': 'zone-k8s',
    'k8s.kuma.io/namespace': 'ns-k8s',
    'kuma.io/mesh': mesh,
    'kuma.io/display-name': name,
    ...labels,
  },
})

const withLabel =
  (fn: BuildMeta, key: string, value: string): BuildMeta =>
  (name, mesh, labels) => {
    const m = fn(name, mesh, labels)
    return { ...m, labels: { ...m.labels, [key]: value } }
  }

export const systemPolicy = (fn: BuildMeta) =>
  withLabel(withLabel(fn, 'kuma.io/policy-role', 'system'), 'k8s.kuma.io/namespace', 'kuma-system')
export const producerPolicy = (fn: BuildMeta) => withLabel(fn, 'kuma.io/policy-role', 'producer')

const syncedName = (m: Meta) => {
  const values = ['kuma.io/zone', 'k8s.kuma.io/namespace']
    .map((k) => m.labels[k])
    .filter((v): v is string => v !== undefined)
  return hashedName(m.mesh, display(m), ...values)
}

export const syncToUni =
  (fn: BuildMeta): BuildMeta =>
  (name, mesh, labels) => {
    const m = fn(name, mesh, labels)
    return { ...m, name: syncedName(m) }
  }

export const syncToK8s =
  (fn: BuildMeta): BuildMeta =>
  (name, mesh, labels) => {
    const m = fn(name, mesh, labels)
    return { ...m, name: `${syncedName(m)}.kuma-system` }
  }

/** TOPOLOGIES are Kuma's 14 entries: golden file name, Dataplane meta, policy meta. */
export const TOPOLOGIES: { golden: string; dataplane: BuildMeta; policy: BuildMeta }[] = [
  { golden: 'uni-zone', dataplane: zoneUni, policy: zoneUni },
  { golden: 'k8s-zone', dataplane: zoneK8s, policy: zoneK8s },
  {
    golden: 'policy-from-global-uni-zone-uni-on-global',
    dataplane: syncToUni(zoneUni),
    policy: systemPolicy(globalUni),
  },
  {
    golden: 'policy-from-global-uni-zone-uni-on-zone',
    dataplane: zoneUni,
    policy: systemPolicy(syncToUni(globalUni)),
  },
  {
    golden: 'policy-from-global-uni-zone-k8s-on-zone',
    dataplane: zoneK8s,
    policy: systemPolicy(syncToK8s(globalUni)),
  },
  {
    golden: 'policy-from-global-uni-zone-k8s-on-global',
    dataplane: syncToUni(zoneK8s),
    policy: systemPolicy(globalUni),
  },
  {
    golden: 'policy-from-global-k8s-zone-uni-on-zone',
    dataplane: zoneUni,
    policy: systemPolicy(syncToUni(globalK8s)),
  },
  {
    golden: 'policy-from-global-k8s-zone-uni-on-global',
    dataplane: syncToK8s(zoneUni),
    policy: systemPolicy(globalK8s),
  },
  {
    golden: 'policy-from-global-k8s-zone-k8s-on-zone',
    dataplane: zoneK8s,
    policy: systemPolicy(syncToK8s(globalK8s)),
  },
  {
    golden: 'policy-from-global-k8s-zone-k8s-on-global',
    dataplane: syncToK8s(zoneK8s),
    policy: systemPolicy(globalK8s),
  },
  {
    golden: 'policy-global-uni-dpp-k8s-on-zone',
    dataplane: zoneUni,
    policy: systemPolicy(syncToUni(globalUni)),
  },
  {
    golden: 'policy-global-uni-dpp-k8s-on-global',
    dataplane: syncToUni(zoneUni),
    policy: systemPolicy(globalUni),
  },
  {
    golden: 'policy-from-k8s-to-uni',
    dataplane: zoneUni,
    policy: producerPolicy(syncToUni(zoneK8s)),
  },
  {
    golden: 'policy-from-k8s-to-k8s',
    dataplane: zoneK8s,
    policy: producerPolicy(syncToK8s(zoneK8s)),
  },
]
