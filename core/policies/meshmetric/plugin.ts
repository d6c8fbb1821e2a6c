/** @module MeshMetric's effect on Envoy resources (Kuma `meshmetric/plugin/v1alpha1`); not written yet. */
import { noopPlugin, type PolicyPlugin } from '../../xds/plugin'

/** plugin is MeshMetric's PolicyPlugin. */
export const plugin: PolicyPlugin = noopPlugin('MeshMetric')
