/** @module Test helpers: stored records in a line, as Kuma's test builders make them. */
import type { ResourceRecord } from '../store/store'

const T0 = '2024-01-01T00:00:00Z'

/** record builds a stored resource; `spec` is the inline part for inline kinds. */
export function record(
  type: string,
  name: string,
  spec: Record<string, unknown>,
  opts: { mesh?: string; labels?: Record<string, string>; creationTime?: string } = {},
): ResourceRecord {
  return {
    type,
    mesh: opts.mesh ?? (type === 'Mesh' || type === 'HostnameGenerator' ? '' : 'default'),
    name,
    labels: opts.labels ?? {},
    spec,
    version: 1,
    creationTime: opts.creationTime ?? T0,
    modificationTime: opts.creationTime ?? T0,
  }
}

/** exclusiveMesh is mesh `default` with `meshServices.mode: Exclusive`. */
export const exclusiveMesh = (name = 'default') =>
  record('Mesh', name, { meshServices: { mode: 'Exclusive' } })

/** meshService is a MeshService in zone `test-zone` with the given ports. */
export const meshService = (
  name: string,
  ports: Record<string, unknown>[],
  labels: Record<string, string> = { 'kuma.io/display-name': name, 'kuma.io/zone': 'test-zone' },
) =>
  record(
    'MeshService',
    name,
    { selector: { dataplaneTags: { 'kuma.io/service': name } }, ports },
    { labels },
  )

/** dataplane is a Dataplane in zone `test-zone` with one http inbound `main-port`. */
export const dataplane = (name: string, networking: Record<string, unknown> = {}) =>
  record(
    'Dataplane',
    name,
    {
      networking: {
        address: '127.0.0.1',
        inbound: [
          {
            port: 8080,
            name: 'main-port',
            tags: { 'kuma.io/service': 'foo', 'kuma.io/protocol': 'http' },
          },
        ],
        ...networking,
      },
    },
    { labels: { 'kuma.io/zone': 'test-zone' } },
  )
