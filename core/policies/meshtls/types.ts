/** @module MeshTLS's spec types (Kuma `meshtls/api/v1alpha1/meshtls.go`, `api/common/v1alpha1/tls`). */
import type { TargetRef } from '../common/targetref'
import type { TLS_CIPHERS, TLS_VERSIONS } from './schema'

/** MeshTLS configures TLS versions, ciphers and mTLS mode of inbound traffic. */
export interface MeshTLS {
  /** targetRef selects the proxies the policy applies to. Absent means the whole mesh. */
  targetRef?: TargetRef
  /** from matches incoming traffic by client. */
  from?: From[]
  /** rules configures inbound TLS; for now they select all inbound traffic. */
  rules?: Rule[]
}

export interface Rule {
  default?: Conf
}

export interface From {
  targetRef: TargetRef
  default?: Conf
}

export type Mode = 'Permissive' | 'Strict'

export type TlsVersion = (typeof TLS_VERSIONS)[number]

export type TlsCipher = (typeof TLS_CIPHERS)[number]

export interface Version {
  /** min is the lowest accepted version. Default `TLSAuto`. */
  min?: TlsVersion
  /** max is the highest accepted version. Default `TLSAuto`. */
  max?: TlsVersion
}

export interface Conf {
  /** tlsVersion bounds the TLS versions; only with a top-level Mesh targetRef. */
  tlsVersion?: Version
  /** tlsCiphers lists the allowed ciphers; only with a top-level Mesh targetRef. */
  tlsCiphers?: TlsCipher[]
  /** mode of inbound listeners: Strict needs mTLS, Permissive also takes plaintext. */
  mode?: Mode
}
