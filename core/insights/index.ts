/** @module insights: overviews, MeshInsight and ServiceInsight as kuma-cp serves them, computed on read. */
export * from './mesh-insight'
export * from './overview'
export * from './service-insight'
export * from './status'
