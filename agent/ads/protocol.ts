/**
 * @module ADS wire types and the gRPC service definition of
 * `envoy.service.discovery.v3.AggregatedDiscoveryService`, (de)serialised with the Envoy protos
 * the judge loads, so requests and responses use the same protobufjs Root as the resources.
 */
import type { ServiceDefinition } from '@grpc/grpc-js'
import type protobuf from 'protobufjs'
import { type Any, envoyRoot } from '../xds/envoy-proto'

/** RpcStatus is google.rpc.Status as carried in `error_detail` of a NACK. */
export interface RpcStatus {
  code?: number
  message?: string
}

/** NodeInfo is the part of envoy.config.core.v3.Node the agent reads. */
export interface NodeInfo {
  id?: string
  cluster?: string
  user_agent_name?: string
  [field: string]: unknown
}

export interface DiscoveryRequest {
  version_info?: string
  node?: NodeInfo
  resource_names?: string[]
  type_url?: string
  response_nonce?: string
  error_detail?: RpcStatus
}

export interface DiscoveryResponse {
  version_info: string
  resources: Any[]
  type_url: string
  nonce: string
  control_plane?: { identifier: string }
}

export interface DeltaDiscoveryRequest {
  node?: NodeInfo
  type_url?: string
  resource_names_subscribe?: string[]
  resource_names_unsubscribe?: string[]
  initial_resource_versions?: Record<string, string>
  response_nonce?: string
  error_detail?: RpcStatus
}

export interface DeltaResource {
  name: string
  version: string
  resource: Any
}

export interface DeltaDiscoveryResponse {
  system_version_info: string
  resources: DeltaResource[]
  type_url: string
  removed_resources: string[]
  nonce: string
  control_plane?: { identifier: string }
}

const SERVICE = 'envoy.service.discovery.v3.AggregatedDiscoveryService'
const PKG = 'envoy.service.discovery.v3'

const TO_OBJECT: protobuf.IConversionOptions = {
  longs: String,
  enums: String,
  arrays: true,
  objects: true,
}

function codec<T>(typeName: string) {
  const type = envoyRoot().lookupType(`${PKG}.${typeName}`)
  return {
    serialize: (value: T): Buffer => {
      const bytes = type.encode(value as object).finish()
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    },
    deserialize: (bytes: Buffer): T => type.toObject(type.decode(bytes), TO_OBJECT) as T,
  }
}

function method<Req, Res>(name: string, req: string, res: string) {
  const rq = codec<Req>(req)
  const rs = codec<Res>(res)
  return {
    path: `/${SERVICE}/${name}`,
    requestStream: true,
    responseStream: true,
    requestSerialize: rq.serialize,
    requestDeserialize: rq.deserialize,
    responseSerialize: rs.serialize,
    responseDeserialize: rs.deserialize,
    originalName: name[0].toLowerCase() + name.slice(1),
  }
}

/** adsServiceDefinition builds the service definition; protos load on first call (~1 s). */
export function adsServiceDefinition(): ServiceDefinition {
  return {
    StreamAggregatedResources: method<DiscoveryRequest, DiscoveryResponse>(
      'StreamAggregatedResources',
      'DiscoveryRequest',
      'DiscoveryResponse',
    ),
    DeltaAggregatedResources: method<DeltaDiscoveryRequest, DeltaDiscoveryResponse>(
      'DeltaAggregatedResources',
      'DeltaDiscoveryRequest',
      'DeltaDiscoveryResponse',
    ),
  } as ServiceDefinition
}

/**
 * WILDCARD_TYPES are the types a request with no resource names subscribes to in full (xDS
 * "wildcard"); EDS, RDS and SDS are only ever sent by name.
 */
export const WILDCARD_TYPES: ReadonlySet<string> = new Set([
  'type.googleapis.com/envoy.config.listener.v3.Listener',
  'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  'type.googleapis.com/envoy.config.route.v3.ScopedRouteConfiguration',
  'type.googleapis.com/envoy.service.runtime.v3.Runtime',
])
