/** @module MeshRateLimit's effect on Envoy resources (Kuma `meshratelimit/plugin/v1alpha1`); not written yet. */
import { noopPlugin, type PolicyPlugin } from '../../xds/plugin'

/** plugin is MeshRateLimit's PolicyPlugin. */
export const plugin: PolicyPlugin = noopPlugin('MeshRateLimit')
