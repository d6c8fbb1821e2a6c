/** @module kuma.mesh.v1alpha1.ZoneIngress as proto JSON sees it (api/mesh/v1alpha1/zone_ingress.proto). */
import { bool, field, message, str, uint32, type MessageDesc } from '../inline/protojson'
import { EnvoyAdminProto } from '../inline/protos'

const P = 'kuma.mesh.v1alpha1.ZoneIngress'

export const ZoneIngressProto: MessageDesc = {
  fullName: P,
  fields: [
    field('zone', str),
    field(
      'networking',
      message({
        fullName: `${P}.Networking`,
        fields: [
          field('address', str),
          field('advertisedAddress', str),
          field('port', uint32),
          field('advertisedPort', uint32),
          field('admin', message(EnvoyAdminProto)),
        ],
      }),
    ),
    field(
      'availableServices',
      message({
        fullName: `${P}.AvailableService`,
        fields: [
          field('tags', str, { map: true }),
          field('instances', uint32),
          field('mesh', str),
          field('externalService', bool),
        ],
      }),
      { repeated: true },
    ),
  ],
}
