/** @module kuma.mesh.v1alpha1.Dataplane as proto JSON sees it (api/mesh/v1alpha1/dataplane.proto). */
import {
  bool,
  duration,
  enumOf,
  field,
  message,
  str,
  uint32,
  wrapper,
  type MessageDesc,
} from '../inline/protojson'
import { EnvoyAdminProto, MetricsBackendProto } from '../inline/protos'

const P = 'kuma.mesh.v1alpha1.Dataplane'

const InboundProto: MessageDesc = {
  fullName: `${P}.Networking.Inbound`,
  fields: [
    field('port', uint32),
    field('servicePort', uint32),
    field('serviceAddress', str),
    field('address', str),
    field('tags', str, { map: true }),
    field(
      'health',
      message({ fullName: `${P}.Networking.Inbound.Health`, fields: [field('ready', bool)] }),
    ),
    field(
      'serviceProbe',
      message({
        fullName: `${P}.Networking.Inbound.ServiceProbe`,
        fields: [
          field('interval', duration),
          field('timeout', duration),
          field('unhealthy_threshold', wrapper('UInt32Value')),
          field('healthy_threshold', wrapper('UInt32Value')),
          field(
            'tcp',
            message({ fullName: `${P}.Networking.Inbound.ServiceProbe.Tcp`, fields: [] }),
          ),
        ],
      }),
    ),
    field(
      'state',
      enumOf({
        fullName: `${P}.Networking.Inbound.State`,
        values: { Ready: 0, NotReady: 1, Ignored: 2 },
      }),
    ),
    field('name', str),
    field('protocol', str),
  ],
}

const OutboundProto: MessageDesc = {
  fullName: `${P}.Networking.Outbound`,
  fields: [
    field('address', str),
    field('port', uint32),
    field('tags', str, { map: true }),
    field(
      'backendRef',
      message({
        fullName: `${P}.Networking.Outbound.BackendRef`,
        fields: [
          field('kind', str),
          field('name', str),
          field('port', uint32),
          field('labels', str, { map: true }),
        ],
      }),
    ),
  ],
}

const GatewayProto: MessageDesc = {
  fullName: `${P}.Networking.Gateway`,
  fields: [
    field('tags', str, { map: true }),
    field(
      'type',
      enumOf({
        fullName: `${P}.Networking.Gateway.GatewayType`,
        values: { DELEGATED: 0, BUILTIN: 1 },
      }),
    ),
  ],
}

const TransparentProxyingProto: MessageDesc = {
  fullName: `${P}.Networking.TransparentProxying`,
  fields: [
    field('redirect_port_inbound', uint32),
    field('redirect_port_outbound', uint32),
    field('direct_access_services', str, { repeated: true }),
    field('reachable_services', str, { repeated: true }),
    field(
      'ip_family_mode',
      enumOf({
        fullName: `${P}.Networking.TransparentProxying.IpFamilyMode`,
        values: { UnSpecified: 0, DualStack: 1, IPv4: 2, IPv6: 3 },
      }),
    ),
    field(
      'reachable_backends',
      message({
        fullName: `${P}.Networking.TransparentProxying.ReachableBackends`,
        fields: [
          field(
            'refs',
            message({
              fullName: `${P}.Networking.TransparentProxying.ReachableBackendRef`,
              fields: [
                field('kind', str),
                field('name', str),
                field('namespace', str),
                field('port', wrapper('UInt32Value')),
                field('labels', str, { map: true }),
              ],
            }),
            { repeated: true },
          ),
        ],
      }),
    ),
  ],
}

const ListenerProto: MessageDesc = {
  fullName: `${P}.Networking.Listener`,
  fields: [
    field(
      'type',
      enumOf({
        fullName: `${P}.Networking.Listener.Type`,
        values: { Unspecified: 0, ZoneIngress: 1, ZoneEgress: 2 },
      }),
    ),
    field('address', str),
    field('port', uint32),
    field('name', str),
    field(
      'state',
      enumOf({
        fullName: `${P}.Networking.Listener.State`,
        values: { Ready: 0, NotReady: 1 },
      }),
    ),
  ],
}

const NetworkingProto: MessageDesc = {
  fullName: `${P}.Networking`,
  fields: [
    field('address', str),
    field('advertisedAddress', str),
    field('gateway', message(GatewayProto)),
    field('inbound', message(InboundProto), { repeated: true }),
    field('outbound', message(OutboundProto), { repeated: true }),
    field('transparent_proxying', message(TransparentProxyingProto)),
    field('admin', message(EnvoyAdminProto)),
    field('listeners', message(ListenerProto), { repeated: true }),
  ],
}

const ProbesProto: MessageDesc = {
  fullName: `${P}.Probes`,
  fields: [
    field('port', uint32),
    field(
      'endpoints',
      message({
        fullName: `${P}.Probes.Endpoint`,
        fields: [field('inbound_port', uint32), field('inbound_path', str), field('path', str)],
      }),
      { repeated: true },
    ),
  ],
}

/** DataplaneProto is the message a Dataplane's inline fields are read into. */
export const DataplaneProto: MessageDesc = {
  fullName: P,
  fields: [
    field('networking', message(NetworkingProto)),
    field('metrics', message(MetricsBackendProto)),
    field('probes', message(ProbesProto)),
  ],
}
