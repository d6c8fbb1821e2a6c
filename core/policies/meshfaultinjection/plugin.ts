/** @module MeshFaultInjection's effect on Envoy resources (Kuma `meshfaultinjection/plugin/v1alpha1`); not written yet. */
import { noopPlugin, type PolicyPlugin } from '../../xds/plugin'

/** plugin is MeshFaultInjection's PolicyPlugin. */
export const plugin: PolicyPlugin = noopPlugin('MeshFaultInjection')
