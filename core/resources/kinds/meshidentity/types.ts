/** @module MeshIdentity's spec and status (Kuma `meshidentity/api/v1alpha1/meshidentity.go`). */
import type { SecureDataSource } from '../common/secure-datasource'

/** MeshIdentity gives the selected proxies a SPIFFE identity and says who issues it. */
export interface MeshIdentity {
  /** selector picks the Dataplanes this identity applies to; absent selects none. */
  selector?: { dataplane?: { matchLabels?: Record<string, string> } }
  /** spiffeID templates; absent means the defaults (see SpiffeID). */
  spiffeID?: SpiffeID
  provider?: Provider
}

export interface SpiffeID {
  /** trustDomain template; default `{{ .Mesh }}.{{ .Zone }}.mesh.local`. */
  trustDomain?: string
  /** path template; default `/workload/{{ .Workload }}` on Universal. */
  path?: string
}

export type ProviderType = 'Bundled' | 'Spire' | 'Extension'

export interface Provider {
  type: ProviderType
  bundled?: Bundled
  spire?: { agent?: { timeout?: string } }
  extension?: { name: string; config?: unknown }
}

export interface Bundled {
  /** meshTrustCreation: Enabled (default when absent) or Disabled. */
  meshTrustCreation?: 'Enabled' | 'Disabled'
  /** insecureAllowSelfSigned allows self-signed certificates; default false. */
  insecureAllowSelfSigned?: boolean
  /** autogenerate: the control plane generates the CA; default disabled. */
  autogenerate?: { enabled?: boolean }
  ca?: { certificate?: SecureDataSource; privateKey?: SecureDataSource }
  certificateParameters?: { expiry?: string }
}

export interface Condition {
  type: string
  status: 'True' | 'False' | 'Unknown'
  reason: string
  message: string
}

export interface MeshIdentityStatus {
  conditions?: Condition[]
}
