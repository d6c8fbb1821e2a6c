/** @module MeshTrust's spec and status (Kuma `meshtrust/api/v1alpha1/meshtrust.go`). */

/** MeshTrust lists the CA bundles trusted for one trust domain. */
export interface MeshTrust {
  /** origin is deprecated: use status.origin (written by the control plane). */
  origin?: Origin
  trustDomain: string
  caBundles: CABundle[]
}

export interface Origin {
  kri?: string
}

export interface CABundle {
  type: 'Pem'
  pem?: { value: string }
}

export interface MeshTrustStatus {
  /** origin is the MeshIdentity this trust was created from; read-only. */
  origin?: Origin
}
