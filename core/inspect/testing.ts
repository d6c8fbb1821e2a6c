/** @module Test helpers for inspect: stored records in a line, and matching over them. */
import type { ResourceRecord } from '../store/store'
import { matchingResources } from './context'
import { matchAll } from './plugins'

const T0 = '0001-01-01T00:00:00Z'

/** rec builds a stored resource of mesh `default` (the Mesh itself has none). */
export function rec(
  type: string,
  name: string,
  spec: Record<string, unknown>,
  labels: Record<string, string> = {},
): ResourceRecord {
  return {
    type,
    mesh: type === 'Mesh' ? '' : 'default',
    name,
    labels,
    spec,
    version: 1,
    creationTime: T0,
    modificationTime: T0,
  }
}

export const exclusiveMesh = rec('Mesh', 'default', { meshServices: { mode: 'Exclusive' } })

/** dpp is Dataplane `dp-1` with inbounds `main-port` (8080, foo) and `secondary-port` (9090). */
export const dpp = (networking: Record<string, unknown> = {}) =>
  rec('Dataplane', 'dp-1', {
    networking: {
      address: '127.0.0.1',
      inbound: [
        { port: 8080, name: 'main-port', tags: { 'kuma.io/service': 'foo' } },
        { port: 9090, name: 'secondary-port', tags: { 'kuma.io/service': 'bar' } },
      ],
      ...networking,
    },
  })

/** testServer is MeshService `test-server-1` (zone `test-zone`) with ports main-port and 8080. */
export const testServer = rec(
  'MeshService',
  'test-server-1',
  {
    selector: { dataplaneTags: { 'kuma.io/service': 'test-server' } },
    ports: [
      { port: 80, targetPort: 80, appProtocol: 'http', name: 'main-port' },
      { port: 8080, targetPort: 8080, appProtocol: 'tcp' },
    ],
  },
  { 'kuma.io/display-name': 'test-server-1', 'kuma.io/zone': 'test-zone' },
)

/** byDisplayName targets test-server-1 as Kuma's cases do (`labels`), optionally one port. */
export const toTestServer = (sectionName?: string) => ({
  kind: 'MeshService',
  labels: { 'kuma.io/display-name': 'test-server-1' },
  ...(sectionName ? { sectionName } : {}),
})

/** match runs every plugin for the proxy over the mesh and its resources. */
export const match = (
  dataplane: ResourceRecord,
  mesh: ResourceRecord,
  resources: ResourceRecord[],
  types?: readonly string[],
) => matchAll(dataplane, matchingResources(mesh, resources), types)
