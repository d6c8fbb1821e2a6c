/** @module MeshLoadBalancingStrategy's effect on Envoy resources (Kuma `meshloadbalancingstrategy/plugin/v1alpha1`); not written yet. */
import { noopPlugin, type PolicyPlugin } from '../../xds/plugin'

/** plugin is MeshLoadBalancingStrategy's PolicyPlugin. */
export const plugin: PolicyPlugin = noopPlugin('MeshLoadBalancingStrategy')
