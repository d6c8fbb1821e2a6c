/** @module MeshTCPRoute's effect on Envoy resources (Kuma `meshtcproute/plugin/v1alpha1`); not written yet. */
import { noopPlugin, type PolicyPlugin } from '../../xds/plugin'

/** plugin is MeshTCPRoute's PolicyPlugin. */
export const plugin: PolicyPlugin = noopPlugin('MeshTCPRoute')
