/** @module MeshHealthCheck's effect on Envoy resources (Kuma `meshhealthcheck/plugin/v1alpha1`); not written yet. */
import { noopPlugin, type PolicyPlugin } from '../../xds/plugin'

/** plugin is MeshHealthCheck's PolicyPlugin. */
export const plugin: PolicyPlugin = noopPlugin('MeshHealthCheck')
