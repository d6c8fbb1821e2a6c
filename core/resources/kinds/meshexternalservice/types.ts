/** @module TypeScript shape of MeshExternalService's spec and status (Kuma `meshexternalservice.go`). */
import type { Address, HostnameGeneratorStatus } from '../hostnamegenerator/types'

/**
 * MeshExternalService is a destination outside the mesh reached through the sidecar. With an
 * `extension`, `endpoints` and `tls` are left to the extension to validate.
 */
export interface MeshExternalService {
  /** match is the traffic routed to this service. */
  match: Match
  extension?: Extension
  /** endpoints are the destinations traffic is sent to. */
  endpoints?: Endpoint[]
  /** tls configures TLS origination by the proxy. */
  tls?: Tls
}

export interface Match {
  /** type of the match; only `HostnameGenerator`. Default `HostnameGenerator`. */
  type?: 'HostnameGenerator'
  /** port the client sends requests to (1-65535). */
  port: number
  /** protocol: `tcp`, `grpc`, `http` or `http2`. Default `tcp`. */
  protocol?: 'tcp' | 'grpc' | 'http' | 'http2'
}

export interface Extension {
  type: string
  /** config is free-form extension configuration. */
  config?: unknown
}

export interface Endpoint {
  /** address is a domain name or an IP. */
  address: string
  port: number
  /** priority maps to Envoy's priority levels (0-128, lower first). Default 0. */
  priority?: number
}

export type TlsVersion = 'TLSAuto' | 'TLS10' | 'TLS11' | 'TLS12' | 'TLS13'

export interface Tls {
  /** enabled makes the proxy originate TLS. Default false. */
  enabled?: boolean
  version?: {
    /** Default `TLSAuto`. */ min?: TlsVersion
    /** Default `TLSAuto`. */ max?: TlsVersion
  }
  /** allowRenegotiation of TLS sessions (not recommended). Default false. */
  allowRenegotiation?: boolean
  verification?: Verification
}

/** DataSource is Kuma's common data source: one of secret, inline (base64), inlineString. */
export interface DataSource {
  secret?: string
  inline?: string
  inlineString?: string
}

export interface Verification {
  /** mode: `SkipSAN`, `SkipCA`, `Secured` or `SkipAll`. Default `Secured`. */
  mode?: 'SkipSAN' | 'SkipCA' | 'Secured' | 'SkipAll'
  /** serverName overrides the SNI Kuma sets. */
  serverName?: string
  subjectAltNames?: SANMatch[]
  caCert?: DataSource
  clientCert?: DataSource
  clientKey?: DataSource
}

export interface SANMatch {
  /** type: `Exact` or `Prefix`. Default `Exact`. */
  type?: 'Exact' | 'Prefix'
  value: string
}

/** MeshExternalServiceStatus is written by the control plane (VIP allocator, hostname generator). */
export interface MeshExternalServiceStatus {
  /** vip is the IP allocated for the `HostnameGenerator` match. */
  vip?: { ip?: string }
  addresses?: Address[]
  hostnameGenerators?: HostnameGeneratorStatus[]
}
