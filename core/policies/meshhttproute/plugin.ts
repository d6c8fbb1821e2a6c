/** @module MeshHTTPRoute's effect on Envoy resources (Kuma `meshhttproute/plugin/v1alpha1`); not written yet. */
import { noopPlugin, type PolicyPlugin } from '../../xds/plugin'

/** plugin is MeshHTTPRoute's PolicyPlugin. */
export const plugin: PolicyPlugin = noopPlugin('MeshHTTPRoute')
