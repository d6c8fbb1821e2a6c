/** @module MeshRetry's effect on Envoy resources (Kuma `meshretry/plugin/v1alpha1`); not written yet. */
import { noopPlugin, type PolicyPlugin } from '../../xds/plugin'

/** plugin is MeshRetry's PolicyPlugin. */
export const plugin: PolicyPlugin = noopPlugin('MeshRetry')
