/** @module Test inputs transcribed from Kuma v2.14.3 dataplane_validator_test.go (YAML as in the Go table). */

export interface KumaCase {
  table: string
  name: string
  fields: Record<string, string>
}

export const cases: KumaCase[] = [
  {
    table: 'should pass validation',
    name: 'dataplane with inbounds',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with full inbounds and outbounds',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      servicePort: 7777
      address: 127.0.0.1
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      address: 127.0.0.1
      tags:
        kuma.io/service: redis`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with full inbounds and outbounds ipv6',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 0:0:0:0:0:FFFF:C0A8:0001
  inbound:
    - port: 8080
      servicePort: 7777
      address: ::1
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      address: ::1
      tags:
        kuma.io/service: redis`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with legacy outbounds',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      servicePort: 7777
      address: 127.0.0.1
      tags:
        kuma.io/service: backend
  outbound:
    - port: 3333
      address: 127.0.0.1
      tags:
        kuma.io/service: redis`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with gateway',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  gateway:
    tags:
      kuma.io/service: backend
      kuam.io/protocol: tcp
      version: "1"
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with valid tags',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  gateway:
    tags:
      kuma.io/service: backend
      version: "1"
      kuma.io/valid: abc.0123-789.under_score:90
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane domain name in the address',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: example.com
  inbound:
    - port: 8080
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with probes',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis
probes:
  port: 9000
  endpoints:
   - inboundPort: 8088
     inboundPath: /healthz
     path: /8080/healthz`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with service probes',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      serviceProbe:
        interval: 1s
        unhealthyThreshold: 5
        tcp: {}
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with admin port',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      servicePort: 7777
      address: 127.0.0.1
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      address: 127.0.0.1
      tags:
        kuma.io/service: redis`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with admin port equal to inbound and outbound but different network interfaces',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  admin:
    port: 8080
  inbound:
    - port: 8080
      servicePort: 7777
      address: 192.168.0.1
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      address: 192.168.0.1
      tags:
        kuma.io/service: redis`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with metrics backend defined and unique aggregate entries',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  admin:
    port: 8080
  inbound:
    - port: 8080
      servicePort: 7777
      address: 192.168.0.1
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      address: 192.168.0.1
      tags:
        kuma.io/service: redis
metrics:
  type: prometheus
  conf:
    aggregate:
    - name: app
      port: 123
      path: "/stats"
    - name: sidecar
      port: 999
      path: "/metrics"`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with metrics backend type defined',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  admin:
    port: 8080
  inbound:
    - port: 8080
      servicePort: 7777
      address: 192.168.0.1
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      address: 192.168.0.1
      tags:
        kuma.io/service: redis
metrics:
  type: prometheus`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with backend ref for MeshService',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      backendRef:
        kind: MeshService
        name: xyz
        port: 80`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with backend ref for MeshExternalService',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      backendRef:
        kind: MeshExternalService
        name: xyz`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with reachableBackendRefs',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      tags:
        kuma.io/service: backend
        version: "1"
  transparentProxying:
    reachableBackends:
      refs:
      - kind: MeshService
        name: a
        port: 9090
      - kind: MeshExternalService
        name: es
        namespace: es1
      - kind: MeshService
        labels:
          kuma.io/test: abc`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with backend ref with labels',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      backendRef:
        kind: MeshService
        labels:
          kuma.io/display-name: redis
        port: 8080`,
    },
  },
  {
    table: 'should pass validation',
    name: 'no inbound with transparent proxy',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  transparentProxying:
    redirectPortInbound: 15006
    redirectPortOutbound: 15001`,
    },
  },
  {
    table: 'should pass validation',
    name: 'no inbound outbound-only',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with a single zone-ingress listener',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      name: http
      tags:
        kuma.io/service: backend
  listeners:
    - type: ZoneIngress
      address: 192.168.0.1
      port: 10001
      name: zi-main`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with a zone-egress listener only (zone-proxy-only)',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  listeners:
    - type: ZoneEgress
      address: 192.168.0.1
      port: 10002
      name: ze-main`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with multiple listeners of the same type on distinct ports',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  listeners:
    - type: ZoneIngress
      address: 192.168.0.1
      port: 10001
      name: zi-a
    - type: ZoneIngress
      address: 192.168.0.1
      port: 10003
      name: zi-b`,
    },
  },
  {
    table: 'should pass validation',
    name: 'dataplane with listener without name',
    fields: {
      input: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  listeners:
    - type: ZoneIngress
      address: 192.168.0.1
      port: 10001`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: "networking.address: can't use 0.0.0.0",
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 0.0.0.0
  inbound:
    - port: 8080
      tags:
        kuma.io/service: backend`,
      expected: `violations:
- field: networking.address
  message: 'must not be 0.0.0.0 or ::'`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: "networking.address: can't use ::",
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: "::"
  inbound:
    - port: 8080
      tags:
        kuma.io/service: backend`,
      expected: `violations:
- field: networking.address
  message: 'must not be 0.0.0.0 or ::'`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'missing networking',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default`,
      expected: `violations:
- field: networking
  message: must be defined`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking empty',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking: {}`,
      expected: `violations:
- field: networking.address
  message: address can't be empty`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.address: empty',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  inbound:
    - port: 8080
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
      expected: `violations:
- field: networking.address
  message: address can't be empty`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.address: invalid format',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: ..>_<..
  inbound:
    - port: 8080
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
      expected: `violations:
- field: networking.address
  message:  address has to be valid IP address or domain name`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking: both inbounds and gateway are defined',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      servicePort: 7777
      tags:
        kuma.io/service: backend
        version: "1"
  gateway:
    tags:
      kuma.io/service: kong
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
      expected: `violations:
- field: networking.inbound
  message: inbound cannot be defined for delegated gateways`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking: delegated gateway must not have listeners',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  gateway:
    tags:
      kuma.io/service: kong
  listeners:
    - type: ZoneEgress
      address: 192.168.0.1
      port: 10002
      name: ze-port`,
      expected: `violations:
- field: networking.listeners
  message: listeners cannot be defined for delegated gateways`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking: builtin gateway must not have inbounds',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  gateway:
    type: BUILTIN
    tags:
      kuma.io/service: kong
  inbound:
    - port: 3333
      tags:
        kuma.io/service: kong`,
      expected: `violations:
- field: networking.inbound
  message: inbound cannot be defined for builtin gateways`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking: builtin gateway must not have outbounds',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  gateway:
    type: BUILTIN
    tags:
      kuma.io/service: kong
  outbound:
    - port: 3333
      tags:
        kuma.io/service: kong`,
      expected: `violations:
- field: networking.outbound
  message: outbound cannot be defined for builtin gateways`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking: builtin gateway must not have probes',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  gateway:
    type: BUILTIN
    tags:
      kuma.io/service: kong
probes:
  port: 0
  endpoints:
   - inboundPort: 8088
     inboundPath: /healthz
     path: /8080/healthz`,
      expected: `violations:
- field: networking.probes
  message: probes cannot be defined for builtin gateways`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking: builtin gateway must not have listeners',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  gateway:
    type: BUILTIN
    tags:
      kuma.io/service: kong
  listeners:
    - type: ZoneEgress
      address: 192.168.0.1
      port: 10002
      name: ze-port`,
      expected: `violations:
- field: networking.listeners
  message: listeners cannot be defined for builtin gateways`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking: builtin gateway listeners and probes both rejected',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  gateway:
    type: BUILTIN
    tags:
      kuma.io/service: kong
  listeners:
    - type: ZoneEgress
      address: 192.168.0.1
      port: 10002
      name: ze-port
probes:
  port: 0
  endpoints:
   - inboundPort: 8088
     inboundPath: /healthz
     path: /8080/healthz`,
      expected: `violations:
- field: networking.listeners
  message: listeners cannot be defined for builtin gateways
- field: networking.probes
  message: probes cannot be defined for builtin gateways`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking: builtin gateway must have a service tag',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  gateway:
    type: BUILTIN
    tags:
      foo: bar`,
      expected: `violations:
- field: networking.gateway.tags
  message: mandatory tag "kuma.io/service" is missing`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.inbound: port of the range',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - tags:
        kuma.io/service: backend
        version: "1"
    - port: 65536
      tags:
        kuma.io/service: sub-backend
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
      expected: `violations:
- field: networking.inbound[0].port
  message: port must be in the range [1, 65535]
- field: networking.inbound[1].port
  message: port must be in the range [1, 65535]`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.inbound: servicePort out of the range',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 1234
      servicePort: 65536
      tags:
        kuma.io/service: backend
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
      expected: `violations:
- field: networking.inbound[0].servicePort
  message: port must be in the range [1, 65535]`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.inbound: invalid address',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 1234
      address: invalid-address
      tags:
        kuma.io/service: backend
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
      expected: `violations:
- field: networking.inbound[0].address
  message: address has to be valid IP address`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.inbound: empty service tag',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 1234
      tags:
        version: "v1"
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
      expected: `violations:
- field: networking.inbound[0].tags["kuma.io/service"]
  message: tag has to exist`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.inbound: empty tag value',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 1234
      tags:
        kuma.io/service: backend
        version:
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
      expected: `violations:
- field: 'networking.inbound[0].tags["version"]'
  message: tag value must be non-empty`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.inbound: `protocol` tag with an empty value',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 1234
      tags:
        kuma.io/service: backend
        kuma.io/protocol:
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
      expected: `violations:
- field: 'networking.inbound[0].tags["kuma.io/protocol"]'
  message: 'tag "kuma.io/protocol" has an invalid value "". Allowed values: grpc, http, http2, kafka, tcp'
- field: 'networking.inbound[0].tags["kuma.io/protocol"]'
  message: tag value must be non-empty`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.inbound: `protocol` tag with unsupported value',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 1234
      tags:
        kuma.io/service: backend
        kuma.io/protocol: not-yet-supported-protocol
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
      expected: `violations:
- field: 'networking.inbound[0].tags["kuma.io/protocol"]'
  message: 'tag "kuma.io/protocol" has an invalid value "not-yet-supported-protocol". Allowed values: grpc, http, http2, kafka, tcp'`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.gateway: empty service tag',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  gateway:
    tags:
      version: "v1"
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
      expected: `violations:
- field: networking.gateway.tags
  message: mandatory tag "kuma.io/service" is missing`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.gateway: empty tag value',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  gateway:
    tags:
      kuma.io/service: backend
      version:
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
      expected: `violations:
- field: 'networking.gateway.tags["version"]'
  message: tag value must be non-empty`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.gateway: protocol http',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  gateway:
    tags:
      kuma.io/service: backend
      kuma.io/protocol: http
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
      expected: `violations:
- field: 'networking.gateway.tags["kuma.io/protocol"]'
  message: other values than tcp are not allowed, provided value "http"`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.outbound: empty service tag',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 1234
      tags:
        kuma.io/service: backend
        version: "v1"
  outbound:
    - port: 3333`,
      expected: `violations:
- field: networking.outbound[0].tags
  message: mandatory tag "kuma.io/service" is missing`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.outbound: empty service tag',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 1234
      tags:
        kuma.io/service: backend
        version: "v1"
  outbound:
    - port: 3333
      tags:
        version: v1`,
      expected: `violations:
- field: networking.outbound[0].tags
  message: mandatory tag "kuma.io/service" is missing`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.outbound: port out of the range',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 1234
      tags:
        kuma.io/service: backend
        version: "v1"
  outbound:
    - tags:
        kuma.io/service: redis
    - port: 65536
      tags:
        kuma.io/service: elastic`,
      expected: `violations:
- field: networking.outbound[0].port
  message: port must be in the range [1, 65535]
- field: networking.outbound[1].port
  message: port must be in the range [1, 65535]`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.outbound: invalid address',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 1234
      tags:
        kuma.io/service: backend
        version: "v1"
  outbound:
    - port: 3333
      address: invalid
      tags:
        kuma.io/service: elastic`,
      expected: `violations:
- field: networking.outbound[0].address
  message: address has to be valid IP address`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.outbound: invalid address',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 1234
      tags:
        kuma.io/service: backend
        version: "v1"
  outbound:
    - port: 3333
      address: invalid
      tags:
        kuma.io/service: elastic`,
      expected: `violations:
- field: networking.outbound[0].address
  message: address has to be valid IP address`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.inbound: tag name with invalid characters',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 1234
      tags:
        kuma.io/service: backend
        version: "v1"
        inv@lidT/gN%me: value
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
      expected: `violations:
- field: networking.inbound[0].tags["inv@lidT/gN%me"]
  message: tag name must consist of alphanumeric characters, dots, dashes, slashes and underscores`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'networking.inbound: tag value with invalid characters',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 1234
      tags:
        kuma.io/service: backend
        version: "v1"
        invalidTagValue: inv@lid+t@g
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
      expected: `violations:
- field: networking.inbound[0].tags["invalidTagValue"]
  message: tag value must consist of alphanumeric characters, dots, dashes and underscores`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'inbound service address',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 10001
      serviceAddress: 192.168.0.2
      servicePort: 5050
      address: 1.1.1.1
      tags:
        kuma.io/service: backend`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'inbound service address invalid',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 10001
      serviceAddress: INVALID
      tags:
        kuma.io/service: backend`,
      expected: `violations:
- field: networking.inbound[0].serviceAddress
  message: serviceAddress has to be valid IP address`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'inbound service address overlap address',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 10001
      serviceAddress: 192.168.0.1
      tags:
        kuma.io/service: backend`,
      expected: `violations:
- field: networking.inbound[0].serviceAddress
  message: serviceAddress and servicePort has to differ from address and port`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'inbound service address overlap inbound address',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 10001
      address: 192.168.0.2
      serviceAddress: 192.168.0.2
      tags:
        kuma.io/service: backend`,
      expected: `violations:
- field: networking.inbound[0].serviceAddress
  message: serviceAddress and servicePort has to differ from address and port`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'inbound service address different inbound address and port',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 10001
      address: 192.168.0.2
      serviceAddress: 192.168.0.2
      servicePort: 10002
      tags:
        kuma.io/service: backend`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'dataplane with virtual probe',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis
probes:
  port: 0
  endpoints:
   - inboundPort: 8088
     inboundPath: /healthz
     path: /8080/healthz
   - inboundPort: 99999999
     inboundPath: healthz
     path: 8080/healthz
   - inboundPort: 1000
     inboundPath:
     path: `,
      expected: `violations:
- field: probes.port
  message: port must be in the range [1, 65535]
- field: probes.endpoints[1].inboundPort
  message: port must be in the range [1, 65535]
- field: probes.endpoints[1].inboundPath
  message: should be a valid URL Path
- field: probes.endpoints[1].path
  message: should be a valid URL Path
- field: probes.endpoints[2].inboundPath
  message: should be a valid URL Path
- field: probes.endpoints[2].path
  message: should be a valid URL Path`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'dataplane with service probe',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      serviceProbe:
        timeout: 1s
        interval: "0"
        healthyThreshold: 5
        unhealthyThreshold: 0
        tcp: {}
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      tags:
        kuma.io/service: redis`,
      expected: `violations:
- field: networking.inbound[0].serviceProbe.interval
  message: must have a positive value
- field: networking.inbound[0].serviceProbe.unhealthyThreshold
  message: must have a positive value`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'dataplane with admin port equal to inbound',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  admin:
    port: 8080
  inbound:
    - port: 8080
      servicePort: 7777
      address: 127.0.0.1
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      address: 127.0.0.1
      tags:
        kuma.io/service: redis`,
      expected: `violations:
- field: networking.admin.port
  message: must differ from inbound`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'dataplane with admin port equal to outbound',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  admin:
    port: 3333
  inbound:
    - port: 8080
      servicePort: 7777
      address: 127.0.0.1
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      address: 127.0.0.1
      tags:
        kuma.io/service: redis`,
      expected: `violations:
- field: networking.admin.port
  message: must differ from outbound`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'dataplane with duplicate metrics entry',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      servicePort: 7777
      address: 192.168.0.1
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      address: 192.168.0.1
      tags:
        kuma.io/service: redis
metrics:
  type: prometheus
  conf:
    aggregate:
    - name: app
      port: 123
      path: "/stats"
    - name: app
      port: 999
      path: "/metrics"
    - name: duplicate-app
      port: 12366
      path: "/duplicate"
    - name: duplicate-app
      port: 12345
      path: "/other"  `,
      expected: `violations:
- field: metrics.conf.aggregate[1].name
  message: 'duplicate entry: app, values have to be unique'
- field: metrics.conf.aggregate[3].name
  message: 'duplicate entry: duplicate-app, values have to be unique'`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'dataplane with not supported metrics type',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      servicePort: 7777
      address: 192.168.0.1
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      address: 192.168.0.1
      tags:
        kuma.io/service: redis
metrics:
  type: custom-backend`,
      expected: `violations:
- field: metrics.type
  message: 'unknown backend type. Available backends: "prometheus"'`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'dataplane with empty backend ref',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      servicePort: 7777
      address: 192.168.0.1
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      backendRef: {}`,
      expected: `violations:
- field: networking.outbound[0].backendRef.kind
  message: 'invalid value. Available values are: MeshExternalService,MeshMultiZoneService,MeshService'
- field: networking.outbound[0].backendRef
  message:  either 'name' or 'labels' should be specified
- field: networking.outbound[0].backendRef.port
  message: port must be in the range [1, 65535]`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'backend ref clashes with tags or service and missing port',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      servicePort: 7777
      address: 192.168.0.1
      tags:
        kuma.io/service: backend
        version: "1"
  outbound:
    - port: 3333
      tags:
        kuma.io/service: xyz
      backendRef:
        kind: MeshService
        name: xyz
        port: 8080
    - port: 3334
      tags:
        service: xyz
      backendRef:
        kind: MeshService
        name: xyz`,
      expected: `violations:
- field: networking.outbound[0].backendRef
  message: both backendRef and tags/service cannot be defined
- field: networking.outbound[1].backendRef.port
  message: port must be in the range [1, 65535]
- field: networking.outbound[1].backendRef
  message: both backendRef and tags/service cannot be defined`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'transparent proxy with reachable backend refs',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      servicePort: 7777
      address: 192.168.0.1
      tags:
        kuma.io/service: backend
        version: "1"
  transparentProxying:
    reachableBackends:
      refs:
      - kind: Something
        name: first
        labels:
          kuma.io/test: test
      - kind: MeshService
        name: second
        namespace: not-valid
        labels:
          kuma.io/test: test
      - kind: MeshService
        name: third
        labels:
          kuma.io/test: test
      - kind: MeshService
        name: first$-.kuma
      - kind: MeshService
      - kind: MeshService
        namespace: xyz`,
      expected: `violations:
- field: networking.transparentProxing.reachableBackends.refs[0].kind
  message: 'invalid value. Available values are: MeshExternalService,MeshMultiZoneService,MeshService'
- field: networking.transparentProxing.reachableBackends.refs[0].labels
  message: labels cannot be defined when name is specified
- field: networking.transparentProxing.reachableBackends.refs[1].labels
  message: labels cannot be defined when name is specified
- field: networking.transparentProxing.reachableBackends.refs[2].labels
  message: labels cannot be defined when name is specified
- field: networking.transparentProxing.reachableBackends.refs[3].name
  message: invalid characters. A lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character
- field: networking.transparentProxing.reachableBackends.refs[4].name
  message: name or labels are required
- field: networking.transparentProxing.reachableBackends.refs[5].name
  message: name is required, when namespace is defined`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'listener missing address',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      name: http
      tags:
        kuma.io/service: backend
  listeners:
    - type: ZoneIngress
      port: 10001
      name: zi-main`,
      expected: `violations:
- field: networking.listeners[0].address
  message: address can't be empty`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'listener with port 0',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      name: http
      tags:
        kuma.io/service: backend
  listeners:
    - type: ZoneIngress
      address: 192.168.0.1
      port: 0
      name: zi-main`,
      expected: `violations:
- field: networking.listeners[0].port
  message: port must be in the range [1, 65535]`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'listener with port > 65535',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      name: http
      tags:
        kuma.io/service: backend
  listeners:
    - type: ZoneIngress
      address: 192.168.0.1
      port: 65536
      name: zi-main`,
      expected: `violations:
- field: networking.listeners[0].port
  message: port must be in the range [1, 65535]`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'listener with invalid address',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      name: http
      tags:
        kuma.io/service: backend
  listeners:
    - type: ZoneIngress
      address: not-valid!
      port: 10001
      name: zi-main`,
      expected: `violations:
- field: networking.listeners[0].address
  message: address has to be valid IP address or domain name`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'listener name collides with inbound name',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      name: http
      tags:
        kuma.io/service: backend
  listeners:
    - type: ZoneIngress
      address: 192.168.0.1
      port: 10001
      name: http`,
      expected: `violations:
- field: networking.listeners[0].name
  message: 'name "http" must be unique across inbounds and listeners'`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'two listeners with same name',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  listeners:
    - type: ZoneIngress
      address: 192.168.0.1
      port: 10001
      name: zi-main
    - type: ZoneIngress
      address: 192.168.0.1
      port: 10002
      name: zi-main`,
      expected: `violations:
- field: networking.listeners[1].name
  message: 'name "zi-main" must be unique across inbounds and listeners'`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'two listeners on same address:port with different types',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  listeners:
    - type: ZoneIngress
      address: 192.168.0.1
      port: 10001
      name: zi-main
    - type: ZoneEgress
      address: 192.168.0.1
      port: 10001
      name: ze-main`,
      expected: `violations:
- field: networking.listeners[1]
  message: 'address:port 192.168.0.1:10001 is used by listeners of different types'`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'two listeners of the same type on same address:port',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  listeners:
    - type: ZoneIngress
      address: 192.168.0.1
      port: 10001
      name: zi-main
    - type: ZoneIngress
      address: 192.168.0.1
      port: 10001
      name: zi-secondary`,
      expected: `violations:
- field: networking.listeners[1]
  message: 'address:port 192.168.0.1:10001 is already used by another listener'`,
    },
  },
  {
    table: 'should validate all fields and return as much individual errors as possible',
    name: 'listener address:port collides with inbound',
    fields: {
      dataplane: `type: Dataplane
name: dp-1
mesh: default
networking:
  address: 192.168.0.1
  inbound:
    - port: 8080
      name: http
      tags:
        kuma.io/service: backend
  listeners:
    - type: ZoneIngress
      address: 192.168.0.1
      port: 8080
      name: zi-main`,
      expected: `violations:
- field: networking.listeners[0]
  message: 'address:port 192.168.0.1:8080 collides with an inbound listener'`,
      input: `networking:
  address: 192.168.0.1
  inbound:
    - port: 8080`,
    },
  },
]
