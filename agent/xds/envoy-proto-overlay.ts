/**
 * @module What Kuma 2.14 (go-control-plane envoy v1.37) generates that the protos bundled with
 * `@grpc/grpc-js-xds` 1.14 lack: newer fields on existing messages, the contrib Kafka broker
 * filter and OTLP's common types. Field numbers are Envoy's (envoyproxy/data-plane-api); each
 * patch is skipped when the bundled protos already have it, so upgrading the package is safe.
 */
import protobuf from 'protobufjs'

/** OTLP `opentelemetry/proto/common/v1/common.proto`, used by the OpenTelemetry access logger. */
export const OTEL_COMMON = {
  opentelemetry: {
    nested: {
      proto: {
        nested: {
          common: {
            nested: {
              v1: {
                nested: {
                  AnyValue: {
                    edition: 'proto3',
                    oneofs: {
                      value: {
                        oneof: [
                          'string_value',
                          'bool_value',
                          'int_value',
                          'double_value',
                          'array_value',
                          'kvlist_value',
                          'bytes_value',
                        ],
                      },
                    },
                    fields: {
                      string_value: { type: 'string', id: 1 },
                      bool_value: { type: 'bool', id: 2 },
                      int_value: { type: 'int64', id: 3 },
                      double_value: { type: 'double', id: 4 },
                      array_value: { type: 'ArrayValue', id: 5 },
                      kvlist_value: { type: 'KeyValueList', id: 6 },
                      bytes_value: { type: 'bytes', id: 7 },
                    },
                  },
                  ArrayValue: {
                    edition: 'proto3',
                    fields: { values: { rule: 'repeated', type: 'AnyValue', id: 1 } },
                  },
                  KeyValueList: {
                    edition: 'proto3',
                    fields: { values: { rule: 'repeated', type: 'KeyValue', id: 1 } },
                  },
                  KeyValue: {
                    edition: 'proto3',
                    fields: { key: { type: 'string', id: 1 }, value: { type: 'AnyValue', id: 2 } },
                  },
                  InstrumentationScope: {
                    edition: 'proto3',
                    fields: {
                      name: { type: 'string', id: 1 },
                      version: { type: 'string', id: 2 },
                      attributes: { rule: 'repeated', type: 'KeyValue', id: 3 },
                      dropped_attributes_count: { type: 'uint32', id: 4 },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
}

const MIN_LEN_1 = { '(validate.rules)': { string: { min_len: 1 } } }
const API_KEY = { '(validate.rules)': { repeated: { items: { uint32: { lte: 32767, gte: 0 } } } } }

/** Contrib `envoy.filters.network.kafka_broker` (MeshTCPRoute on Kafka services). */
const KAFKA_BROKER = {
  envoy: {
    nested: {
      extensions: {
        nested: {
          filters: {
            nested: {
              network: {
                nested: {
                  kafka_broker: {
                    nested: {
                      v3: {
                        nested: {
                          KafkaBroker: {
                            edition: 'proto3',
                            oneofs: {
                              broker_address_rewrite_spec: {
                                oneof: ['id_based_broker_address_rewrite_spec'],
                              },
                            },
                            fields: {
                              stat_prefix: { type: 'string', id: 1, options: MIN_LEN_1 },
                              force_response_rewrite: { type: 'bool', id: 2 },
                              id_based_broker_address_rewrite_spec: {
                                type: 'IdBasedBrokerRewriteSpec',
                                id: 3,
                              },
                              api_keys_allowed: {
                                rule: 'repeated',
                                type: 'uint32',
                                id: 4,
                                options: API_KEY,
                              },
                              api_keys_denied: {
                                rule: 'repeated',
                                type: 'uint32',
                                id: 5,
                                options: API_KEY,
                              },
                            },
                          },
                          IdBasedBrokerRewriteSpec: {
                            edition: 'proto3',
                            fields: {
                              rules: { rule: 'repeated', type: 'IdBasedBrokerRewriteRule', id: 1 },
                            },
                          },
                          IdBasedBrokerRewriteRule: {
                            edition: 'proto3',
                            fields: {
                              id: { type: 'uint32', id: 1 },
                              host: { type: 'string', id: 2, options: MIN_LEN_1 },
                              port: {
                                type: 'uint32',
                                id: 3,
                                options: { '(validate.rules)': { uint32: { lte: 65535 } } },
                              },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
}

interface FieldPatch {
  message: string
  name: string
  id: number
  type: string
  repeated?: boolean
}

const OTEL_ALS = 'envoy.extensions.access_loggers.open_telemetry.v3.OpenTelemetryAccessLogConfig'

/** FIELDS are fields newer than the bundled protos that Kuma sets. */
const FIELDS: FieldPatch[] = [
  {
    message: 'envoy.config.route.v3.RouteMatch',
    name: 'filter_state',
    id: 16,
    type: '.envoy.type.matcher.v3.FilterStateMatcher',
    repeated: true,
  },
  {
    message: 'envoy.extensions.filters.network.set_filter_state.v3.Config',
    name: 'on_downstream_tls_handshake',
    id: 2,
    type: '.envoy.extensions.filters.common.set_filter_state.v3.FilterStateValue',
    repeated: true,
  },
  { message: OTEL_ALS, name: 'http_service', id: 8, type: '.envoy.config.core.v3.HttpService' },
  { message: OTEL_ALS, name: 'grpc_service', id: 9, type: '.envoy.config.core.v3.GrpcService' },
  { message: OTEL_ALS, name: 'log_name', id: 10, type: 'string' },
  { message: OTEL_ALS, name: 'buffer_flush_interval', id: 11, type: '.google.protobuf.Duration' },
  { message: OTEL_ALS, name: 'buffer_size_bytes', id: 12, type: '.google.protobuf.UInt32Value' },
  {
    message: OTEL_ALS,
    name: 'filter_state_objects_to_log',
    id: 13,
    type: 'string',
    repeated: true,
  },
  {
    message: OTEL_ALS,
    name: 'custom_tags',
    id: 14,
    type: '.envoy.type.tracing.v3.CustomTag',
    repeated: true,
  },
]

/** addOverlayTypes declares whole missing messages; call before loading the .proto files. */
export function addOverlayTypes(root: protobuf.Root): void {
  root.addJSON(OTEL_COMMON)
}

/**
 * applyOverlay patches the loaded root and returns what it patched. Call after loading, then
 * resolve again. `common_config` of the OTel access logger is deprecated upstream in favour of
 * `grpc_service`, so its `required` rule goes.
 */
export function applyOverlay(root: protobuf.Root): string[] {
  const applied: string[] = []
  if (!root.lookup('envoy.extensions.filters.network.kafka_broker.v3.KafkaBroker')) {
    root.addJSON(KAFKA_BROKER)
    applied.push('envoy.extensions.filters.network.kafka_broker.v3.KafkaBroker')
  }
  for (const p of FIELDS) {
    const type = root.lookupType(p.message)
    if (type.fields[p.name] || type.fieldsById[p.id]) continue
    const field = new protobuf.Field(p.name, p.id, p.type, p.repeated ? 'repeated' : undefined)
    type.add(field)
    field.resolve()
    // protobufjs resolves editions features at load time only; a late field inherits its
    // message's (proto3: implicit presence for scalars).
    ;(field as unknown as { _resolveFeatures(edition: string): void })._resolveFeatures('proto3')
    applied.push(`${p.message}.${p.name}`)
  }
  const common = root.lookupType(OTEL_ALS).fields.common_config
  const parsed = (common?.parsedOptions ?? []) as Record<string, unknown>[]
  if (parsed.some((o) => '(validate.rules)' in o)) {
    common.parsedOptions = parsed.filter((o) => !('(validate.rules)' in o)) as never
    if (common.options) delete common.options['(validate.rules).message.required']
    applied.push(`${OTEL_ALS}.common_config: not required`)
  }
  return applied
}
