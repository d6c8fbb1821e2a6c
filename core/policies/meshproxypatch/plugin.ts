/** @module MeshProxyPatch's effect on Envoy resources (Kuma `meshproxypatch/plugin/v1alpha1`); not written yet. */
import { noopPlugin, type PolicyPlugin } from '../../xds/plugin'

/** plugin is MeshProxyPatch's PolicyPlugin. */
export const plugin: PolicyPlugin = noopPlugin('MeshProxyPatch')
