/** @module MeshTLS's effect on Envoy resources (Kuma `meshtls/plugin/v1alpha1`); not written yet. */
import { noopPlugin, type PolicyPlugin } from '../../xds/plugin'

/** plugin is MeshTLS's PolicyPlugin. */
export const plugin: PolicyPlugin = noopPlugin('MeshTLS')
