/** @module kuma.mesh.v1alpha1.Mesh as proto JSON sees it (api/mesh/v1alpha1/mesh.proto). */
import {
  bool,
  duration,
  enumOf,
  field,
  message,
  str,
  struct,
  uint32,
  wrapper,
  type MessageDesc,
} from '../inline/protojson'
import { DataSourceProto, MetricsProto } from '../inline/protos'

const P = 'kuma.mesh.v1alpha1'

const CertificateAuthorityBackendProto: MessageDesc = {
  fullName: `${P}.CertificateAuthorityBackend`,
  fields: [
    field('name', str),
    field('type', str),
    field(
      'dpCert',
      message({
        fullName: `${P}.CertificateAuthorityBackend.DpCert`,
        fields: [
          field(
            'rotation',
            message({
              fullName: `${P}.CertificateAuthorityBackend.DpCert.Rotation`,
              fields: [field('expiration', str)],
            }),
          ),
          field('requestTimeout', duration),
        ],
      }),
    ),
    field('conf', struct),
    field(
      'mode',
      enumOf({
        fullName: `${P}.CertificateAuthorityBackend.Mode`,
        values: { STRICT: 0, PERMISSIVE: 1 },
      }),
    ),
    field(
      'rootChain',
      message({
        fullName: `${P}.CertificateAuthorityBackend.RootChain`,
        fields: [field('requestTimeout', duration)],
      }),
    ),
  ],
}

const backend = (name: string, extra: Parameters<typeof field>[] = []): MessageDesc => ({
  fullName: `${P}.${name}`,
  fields: [
    field('name', str),
    ...extra.map((args) => field(...args)),
    field('type', str),
    field('conf', struct),
  ],
})

const TracingProto: MessageDesc = {
  fullName: `${P}.Tracing`,
  fields: [
    field('defaultBackend', str),
    field('backends', message(backend('TracingBackend', [['sampling', wrapper('DoubleValue')]])), {
      repeated: true,
    }),
  ],
}

const LoggingProto: MessageDesc = {
  fullName: `${P}.Logging`,
  fields: [
    field('defaultBackend', str),
    field('backends', message(backend('LoggingBackend', [['format', str]])), { repeated: true }),
  ],
}

const RulesProto: MessageDesc = {
  fullName: `${P}.Mesh.DataplaneProxyConstraints.Rules`,
  fields: [field('tags', str, { map: true })],
}

/** MeshProto is the message a Mesh's inline fields are read into. */
export const MeshProto: MessageDesc = {
  fullName: `${P}.Mesh`,
  fields: [
    field(
      'mtls',
      message({
        fullName: `${P}.Mesh.Mtls`,
        fields: [
          field('enabledBackend', str),
          field('backends', message(CertificateAuthorityBackendProto), { repeated: true }),
          field('skipValidation', bool),
        ],
      }),
    ),
    field('tracing', message(TracingProto)),
    field('logging', message(LoggingProto)),
    field('metrics', message(MetricsProto)),
    field(
      'networking',
      message({
        fullName: `${P}.Networking`,
        fields: [
          field(
            'outbound',
            message({
              fullName: `${P}.Networking.Outbound`,
              fields: [field('passthrough', wrapper('BoolValue'))],
            }),
          ),
        ],
      }),
    ),
    field(
      'routing',
      message({
        fullName: `${P}.Routing`,
        fields: [
          field('localityAwareLoadBalancing', bool),
          field('zoneEgress', bool),
          field('defaultForbidMeshExternalServiceAccess', bool),
        ],
      }),
    ),
    field(
      'constraints',
      message({
        fullName: `${P}.Mesh.Constraints`,
        fields: [
          field(
            'dataplaneProxy',
            message({
              fullName: `${P}.Mesh.DataplaneProxyConstraints`,
              fields: [
                field('requirements', message(RulesProto), { repeated: true }),
                field('restrictions', message(RulesProto), { repeated: true }),
              ],
            }),
          ),
        ],
      }),
    ),
    field('skipCreatingInitialPolicies', str, { repeated: true }),
    field(
      'meshServices',
      message({
        fullName: `${P}.Mesh.MeshServices`,
        fields: [
          field(
            'mode',
            enumOf({
              fullName: `${P}.Mesh.MeshServices.Mode`,
              values: { Disabled: 0, Everywhere: 1, ReachableBackends: 2, Exclusive: 3 },
            }),
          ),
        ],
      }),
    ),
  ],
}

/** Backend `conf` messages, read from a Struct the way Kuma's ToTyped does. */
export const ConfProtos = {
  file: { fullName: `${P}.FileLoggingBackendConfig`, fields: [field('path', str)] },
  tcp: { fullName: `${P}.TcpLoggingBackendConfig`, fields: [field('address', str)] },
  datadog: {
    fullName: `${P}.DatadogTracingBackendConfig`,
    fields: [field('address', str), field('port', uint32), field('splitService', bool)],
  },
  zipkin: {
    fullName: `${P}.ZipkinTracingBackendConfig`,
    fields: [
      field('url', str),
      field('traceId128bit', bool),
      field('apiVersion', str),
      field('sharedSpanContext', wrapper('BoolValue')),
    ],
  },
  builtin: {
    fullName: 'kuma.plugins.ca.BuiltinCertificateAuthorityConfig',
    fields: [
      field(
        'caCert',
        message({
          fullName: 'kuma.plugins.ca.BuiltinCertificateAuthorityConfig.CaCert',
          fields: [field('RSAbits', wrapper('UInt32Value')), field('expiration', str)],
        }),
      ),
    ],
  },
  provided: {
    fullName: 'kuma.plugins.ca.ProvidedCertificateAuthorityConfig',
    fields: [field('cert', message(DataSourceProto)), field('key', message(DataSourceProto))],
  },
} satisfies Record<string, MessageDesc>
