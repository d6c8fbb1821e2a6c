/** @module meshcontext: one mesh's state as proxy views (layout, rules, xDS) read it. */
export {
  buildMeshContext,
  meshServicesModeOf,
  type MeshContext,
  type MeshContextOptions,
  type MeshResources,
  type MeshServicesMode,
  type MeshSnapshot,
} from './context'
export {
  DEFAULT_PROTOCOL,
  DESTINATION_KINDS,
  destinationOf,
  type Destination,
  type DestinationPort,
} from './destination'
export {
  DestinationIndex,
  targetRefToKri,
  type ReachableBackend,
  type ReachableBackends,
} from './destination-index'
export * from './dataplane'
export * from './hostnames'
export * from './layout'
export { loadMesh, type LoadMeshOptions } from './load'
export { meshServiceSelectsDataplane } from './meshservice'
export * from './naming'
