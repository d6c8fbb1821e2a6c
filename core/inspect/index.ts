/** @module Kuma's inspect answers for policies: `_rules`, `_policies`, `_routes`, `_resources/dataplanes`. */
export * from './context'
export * from './durations'
export { hashHttpMatches } from './http-matches'
export { metaOf } from './meta'
export * from './plugins'
export * from './policies'
export { inspectRules, type RulesInput } from './rules'
export type * from './types'
