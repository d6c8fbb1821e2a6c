/** @module The policy matching engine: which policies select a proxy, and the rules they make. */
export { buildFromRules, buildGatewayRules, buildToRules } from './build'
export { egressMatchedPolicies } from './egress'
export { matchesAllIncomingTraffic } from './inbound-rules'
export { matchedPolicies } from './matched-policies'
export { mergeConfs } from './merge'
export { indexResources, type MeshResources } from './resources'
export { sortPolicies } from './sort'
export * from './types'
