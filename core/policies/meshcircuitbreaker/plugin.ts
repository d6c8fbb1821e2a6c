/** @module MeshCircuitBreaker's effect on Envoy resources (Kuma `meshcircuitbreaker/plugin/v1alpha1`); not written yet. */
import { noopPlugin, type PolicyPlugin } from '../../xds/plugin'

/** plugin is MeshCircuitBreaker's PolicyPlugin. */
export const plugin: PolicyPlugin = noopPlugin('MeshCircuitBreaker')
