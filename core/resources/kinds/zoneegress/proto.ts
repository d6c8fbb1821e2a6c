/** @module kuma.mesh.v1alpha1.ZoneEgress as proto JSON sees it (api/mesh/v1alpha1/zoneegress.proto). */
import { field, message, str, uint32, type MessageDesc } from '../inline/protojson'
import { EnvoyAdminProto } from '../inline/protos'

const P = 'kuma.mesh.v1alpha1.ZoneEgress'

export const ZoneEgressProto: MessageDesc = {
  fullName: P,
  fields: [
    field('zone', str),
    field(
      'networking',
      message({
        fullName: `${P}.Networking`,
        fields: [
          field('address', str),
          field('port', uint32),
          field('admin', message(EnvoyAdminProto)),
        ],
      }),
    ),
  ],
}
