/** @module kuma.mesh.v1alpha1.MeshGateway as proto JSON sees it (api/mesh/v1alpha1/gateway.proto). */
import { bool, enumOf, field, message, str, uint32, type MessageDesc } from '../inline/protojson'
import { DataSourceProto, SelectorProto } from '../inline/protos'

const P = 'kuma.mesh.v1alpha1.MeshGateway'

const TlsConfProto: MessageDesc = {
  fullName: `${P}.TLS.Conf`,
  fields: [
    field(
      'mode',
      enumOf({ fullName: `${P}.TLS.Mode`, values: { NONE: 0, TERMINATE: 1, PASSTHROUGH: 2 } }),
    ),
    field('certificates', message(DataSourceProto), { repeated: true }),
    field('options', message({ fullName: `${P}.TLS.Options`, fields: [] })),
  ],
}

const ListenerProto: MessageDesc = {
  fullName: `${P}.Listener`,
  fields: [
    field('hostname', str),
    field('port', uint32),
    field(
      'protocol',
      enumOf({
        fullName: `${P}.Listener.Protocol`,
        values: { NONE: 0, TCP: 1, TLS: 3, HTTP: 4, HTTPS: 5 },
      }),
    ),
    field('tls', message(TlsConfProto)),
    field('tags', str, { map: true }),
    field('crossMesh', bool),
    field(
      'resources',
      message({
        fullName: `${P}.Listener.Resources`,
        fields: [field('connection_limit', uint32)],
      }),
    ),
  ],
}

/** MeshGatewayProto is the message a MeshGateway's inline fields are read into. */
export const MeshGatewayProto: MessageDesc = {
  fullName: P,
  fields: [
    field('selectors', message(SelectorProto), { repeated: true }),
    field('tags', str, { map: true }),
    field(
      'conf',
      message({
        fullName: `${P}.Conf`,
        fields: [field('listeners', message(ListenerProto), { repeated: true })],
      }),
    ),
  ],
}
