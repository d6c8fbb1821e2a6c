/** @module Test inputs transcribed from Kuma v2.14.3 gateway_validator_test.go (YAML as in the Go table). */

export const validCases: [string, string][] = [
  [
    'HTTPS listener',
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
tags:
  product: edge
conf:
  listeners:
  - hostname: www-1.example.com
    port: 443
    protocol: HTTP
    tags:
      name: https`,
  ],
  [
    'HTTPS listener without tags',
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
tags:
  product: edge
conf:
  listeners:
  - hostname: www-1.example.com
    port: 443
    protocol: HTTP`,
  ],
  [
    'crossMesh, HTTP, with hostname',
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
conf:
  listeners:
  - hostname: www-1.example.com
    port: 443
    crossMesh: true
    protocol: HTTP`,
  ],
  [
    'crossMesh with no hostname',
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
tags:
  product: edge
conf:
  listeners:
  - protocol: HTTP
    port: 99
    crossMesh: true
    tags:
      name: http`,
  ],
  [
    'listeners with connectionLimits',
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
tags:
  product: edge
conf:
  listeners:
  - protocol: HTTP
    hostname: one.com
    port: 99
    resources:
      connectionLimit: 2
  - protocol: HTTP
    hostname: two.com
    port: 99
    resources:
      connectionLimit: 2`,
  ],
  [
    'TLS listener with TERMINATE',
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
tags:
  product: edge
conf:
  listeners:
  - port: 443
    protocol: TLS
    tls:
      mode: TERMINATE
      certificates:
      - secret: example-kuma-io-certificate`,
  ],
]

export const errorCases: [string, { field: string; message: string }[], string][] = [
  [
    "doesn't have any selectors",
    [
      { field: 'selectors', message: 'must have at least one element' },
      {
        field: 'conf.listeners[0].tls.certificates',
        message: 'cannot be empty in TLS termination mode',
      },
    ],
    `type: MeshGateway
name: gateway
mesh: default
selectors:
tags:
  product: edge
conf:
  listeners:
  - port: 443
    protocol: HTTPS
    tls:
      mode: TERMINATE
    tags:
      name: https`,
  ],
  [
    'has a service tag',
    [{ field: 'tags["kuma.io/service"]', message: 'tag name must not be "kuma.io/service"' }],
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
tags:
  product: edge
  kuma.io/service: gateway
conf:
  listeners:
  - port: 443
    protocol: HTTP
    tags:
      name: https`,
  ],
  [
    "doesn't have a configuration spec",
    [{ field: 'conf', message: 'cannot be empty' }],
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
tags:
  product: edge
conf:`,
  ],
  [
    'has an invalid port',
    [{ field: 'conf.listeners[0].port', message: 'port must be in the range [1, 65535]' }],
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
tags:
  product: edge
conf:
  listeners:
  - protocol: HTTP
    tags:
      name: https`,
  ],
  [
    'has an empty protocol',
    [{ field: 'conf.listeners[0].protocol', message: 'cannot be empty' }],
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
tags:
  product: edge
conf:
  listeners:
  - port: 99
    tags:
      name: https`,
  ],
  [
    'has an empty TLS mode',
    [{ field: 'conf.listeners[0].tls.mode', message: 'cannot be empty' }],
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
tags:
  product: edge
conf:
  listeners:
  - protocol: HTTPS
    port: 99
    tags:
      name: https
    tls:
      options:`,
  ],
  [
    'is missing a TLS termination secret',
    [
      {
        field: 'conf.listeners[0].tls.certificates',
        message: 'cannot be empty in TLS termination mode',
      },
    ],
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
tags:
  product: edge
conf:
  listeners:
  - protocol: HTTPS
    port: 99
    tags:
      name: https
    tls:
      mode: TERMINATE`,
  ],
  [
    'has an invalid wildcard',
    [{ field: 'conf.listeners[0].hostname', message: 'invalid wildcard domain' }],
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
tags:
  product: edge
conf:
  listeners:
  - hostname: "*.foo.*.example.com"
    protocol: HTTP
    port: 99
    tags:
      name: https`,
  ],
  [
    'has an invalid hostname',
    [
      { field: 'conf.listeners[0].hostname', message: 'invalid hostname' },
      { field: 'conf.listeners[1].hostname', message: 'must be at most 253 characters' },
    ],
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
tags:
  product: edge
conf:
  listeners:
  - hostname: "foo.example$.com"
    protocol: HTTP
    port: 99
    tags:
      name: https
  - hostname: "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff.com"
    protocol: HTTP
    port: 100
    tags:
      name: https`,
  ],
  [
    'crossMesh and HTTPS',
    [{ field: 'conf.listeners[0].protocol', message: 'protocol is not supported with crossMesh' }],
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
tags:
  product: edge
conf:
  listeners:
  - hostname: "foo.example.com"
    protocol: HTTPS
    port: 99
    crossMesh: true
    tags:
      name: https`,
  ],
  [
    'HTTPS and PASSTHROUGH',
    [{ field: 'conf.listeners[0].tls.mode', message: 'mode is not supported on HTTPS listeners' }],
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
tags:
  product: edge
conf:
  listeners:
  - hostname: "foo.example.com"
    protocol: HTTPS
    port: 99
    tags:
      name: https
    tls:
      mode: PASSTHROUGH`,
  ],
  [
    'crossMesh and multiple services',
    [{ field: 'selectors[1]', message: 'there can be at most one selector' }],
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
  - match:
      kuma.io/service: other-gateway
conf:
  listeners:
  - hostname: www-1.example.com
    port: 443
    crossMesh: true
    protocol: HTTP`,
  ],
  [
    'protocol conflict',
    [
      {
        field: 'conf.listeners[0]',
        message: 'protocol conflicts with other listeners on this port',
      },
      {
        field: 'conf.listeners[1]',
        message: 'protocol conflicts with other listeners on this port',
      },
      {
        field: 'conf.listeners[1].tls.certificates',
        message: 'cannot be empty in TLS termination mode',
      },
    ],
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
conf:
  listeners:
  - hostname: www-1.example.com
    port: 443
    protocol: TCP
  - hostname: www-2.example.com
    port: 443
    protocol: HTTPS
    tls:
      mode: TERMINATE`,
  ],
  [
    'hostname conflict',
    [
      { field: 'conf.listeners[0]', message: 'multiple listeners for hostname on this port' },
      { field: 'conf.listeners[1]', message: 'multiple listeners for hostname on this port' },
    ],
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
conf:
  listeners:
  - hostname: www-1.example.com
    port: 443
    protocol: TCP
  - hostname: www-1.example.com
    port: 443
    protocol: TCP`,
  ],
  [
    'hostname, protocol and resource conflict',
    [
      {
        field: 'conf.listeners[0]',
        message: 'protocol conflicts with other listeners on this port',
      },
      {
        field: 'conf.listeners[1]',
        message: 'protocol conflicts with other listeners on this port',
      },
      { field: 'conf.listeners[0]', message: 'multiple listeners for hostname on this port' },
      { field: 'conf.listeners[1]', message: 'multiple listeners for hostname on this port' },
      {
        field: 'conf.listeners[1].tls.certificates',
        message: 'cannot be empty in TLS termination mode',
      },
      {
        field: 'conf.listeners[0].resources.connectionLimit',
        message: 'conflicting values for this port',
      },
      {
        field: 'conf.listeners[1].resources.connectionLimit',
        message: 'conflicting values for this port',
      },
    ],
    `type: MeshGateway
name: gateway
mesh: default
selectors:
  - match:
      kuma.io/service: gateway
conf:
  listeners:
  - hostname: www-1.example.com
    port: 443
    protocol: TCP
    resources:
      connectionLimit: 2
  - hostname: www-1.example.com
    port: 443
    protocol: HTTPS
    tls:
      mode: TERMINATE
    resources:
      connectionLimit: 1`,
  ],
]
