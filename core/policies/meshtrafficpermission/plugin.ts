/** @module MeshTrafficPermission's effect on Envoy resources (Kuma `meshtrafficpermission/plugin/v1alpha1`); not written yet. */
import { noopPlugin, type PolicyPlugin } from '../../xds/plugin'

/** plugin is MeshTrafficPermission's PolicyPlugin. */
export const plugin: PolicyPlugin = noopPlugin('MeshTrafficPermission')
