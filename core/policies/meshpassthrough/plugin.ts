/** @module MeshPassthrough's effect on Envoy resources (Kuma `meshpassthrough/plugin/v1alpha1`); not written yet. */
import { noopPlugin, type PolicyPlugin } from '../../xds/plugin'

/** plugin is MeshPassthrough's PolicyPlugin. */
export const plugin: PolicyPlugin = noopPlugin('MeshPassthrough')
