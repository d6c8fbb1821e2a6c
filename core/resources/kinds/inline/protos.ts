/** @module Proto messages shared by several inline kinds (metrics.proto, selector.proto, datasource.proto). */
import { enumOf, field, message, str, struct, uint32, wrapper, type MessageDesc } from './protojson'

/** Selector is kuma.mesh.v1alpha1.Selector. */
export const SelectorProto: MessageDesc = {
  fullName: 'kuma.mesh.v1alpha1.Selector',
  fields: [field('match', str, { map: true })],
}

/** MetricsBackendProto is kuma.mesh.v1alpha1.MetricsBackend (`conf` is a free Struct). */
export const MetricsBackendProto: MessageDesc = {
  fullName: 'kuma.mesh.v1alpha1.MetricsBackend',
  fields: [field('name', str), field('type', str), field('conf', struct)],
}

export const MetricsProto: MessageDesc = {
  fullName: 'kuma.mesh.v1alpha1.Metrics',
  fields: [
    field('enabledBackend', str),
    field('backends', message(MetricsBackendProto), { repeated: true }),
  ],
}

const PrometheusAggregateProto: MessageDesc = {
  fullName: 'kuma.mesh.v1alpha1.PrometheusAggregateMetricsConfig',
  fields: [
    field('name', str),
    field('port', uint32),
    field('path', str),
    field('enabled', wrapper('BoolValue')),
    field('address', str),
  ],
}

/** PrometheusTlsModes in declaration order; `activeMTLSBackend` is the zero value. */
export const PrometheusTlsMode = {
  fullName: 'kuma.mesh.v1alpha1.PrometheusTlsConfig.Mode',
  values: { activeMTLSBackend: 0, providedTLS: 1, disabled: 2 },
}

/** PrometheusConfigProto is what a `prometheus` metrics backend's `conf` must decode to. */
export const PrometheusConfigProto: MessageDesc = {
  fullName: 'kuma.mesh.v1alpha1.PrometheusMetricsBackendConfig',
  fields: [
    field('port', uint32),
    field('path', str),
    field('tags', str, { map: true }),
    field('skipMTLS', wrapper('BoolValue')),
    field('aggregate', message(PrometheusAggregateProto), { repeated: true }),
    field(
      'envoy',
      message({
        fullName: 'kuma.mesh.v1alpha1.PrometheusEnvoyConfig',
        fields: [field('filterRegex', str), field('usedOnly', wrapper('BoolValue'))],
      }),
    ),
    field(
      'tls',
      message({
        fullName: 'kuma.mesh.v1alpha1.PrometheusTlsConfig',
        fields: [field('mode', enumOf(PrometheusTlsMode))],
      }),
    ),
  ],
}

/** DataSourceProto is kuma.system.v1alpha1.DataSource (a oneof: secret, file, inline, inlineString). */
export const DataSourceProto: MessageDesc = {
  fullName: 'kuma.system.v1alpha1.DataSource',
  fields: [
    field('secret', str, { oneof: 'type' }),
    field('file', str, { oneof: 'type' }),
    field('inline', wrapper('BytesValue'), { oneof: 'type' }),
    field('inlineString', str, { oneof: 'type' }),
  ],
}

export const EnvoyAdminProto: MessageDesc = {
  fullName: 'kuma.mesh.v1alpha1.EnvoyAdmin',
  fields: [field('port', uint32)],
}
