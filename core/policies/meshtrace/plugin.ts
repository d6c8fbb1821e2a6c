/** @module MeshTrace's effect on Envoy resources (Kuma `meshtrace/plugin/v1alpha1`); not written yet. */
import { noopPlugin, type PolicyPlugin } from '../../xds/plugin'

/** plugin is MeshTrace's PolicyPlugin. */
export const plugin: PolicyPlugin = noopPlugin('MeshTrace')
