/** @module MeshTimeout's effect on Envoy resources (Kuma `meshtimeout/plugin/v1alpha1`); not written yet. */
import { noopPlugin, type PolicyPlugin } from '../../xds/plugin'

/** plugin is MeshTimeout's PolicyPlugin. */
export const plugin: PolicyPlugin = noopPlugin('MeshTimeout')
