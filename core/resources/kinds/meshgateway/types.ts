/** @module MeshGateway spec in its canonical proto JSON form (kuma.mesh.v1alpha1.MeshGateway). */

export interface DataSource {
  secret?: string
  file?: string
  /** inline bytes, base64. */
  inline?: string
  inlineString?: string
}

export interface MeshGatewayListener {
  /** hostname the listener serves; absent means `*`. */
  hostname?: string
  port?: number
  /** protocol; NONE (absent) is rejected. */
  protocol?: 'NONE' | 'TCP' | 'TLS' | 'HTTP' | 'HTTPS'
  tls?: {
    /** mode; NONE (absent) is rejected unless crossMesh. */
    mode?: 'NONE' | 'TERMINATE' | 'PASSTHROUGH'
    certificates?: DataSource[]
    options?: Record<string, never>
  }
  tags?: Record<string, string>
  crossMesh?: boolean
  resources?: { connectionLimit?: number }
}

export interface MeshGatewaySpec {
  /** selectors pick the builtin gateway Dataplanes (each needs `kuma.io/service`). */
  selectors?: { match?: Record<string, string> }[]
  tags?: Record<string, string>
  conf?: { listeners?: MeshGatewayListener[] }
}
