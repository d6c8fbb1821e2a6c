/** @module MeshAccessLog's effect on Envoy resources (Kuma `meshaccesslog/plugin/v1alpha1`); not written yet. */
import { noopPlugin, type PolicyPlugin } from '../../xds/plugin'

/** plugin is MeshAccessLog's PolicyPlugin. */
export const plugin: PolicyPlugin = noopPlugin('MeshAccessLog')
