/**
 * @module generate: the Envoy config of one sidecar, from a MeshContext and a Dataplane name
 * (Kuma `TemplateSnapshotGenerator` with the default proxy template profile, then every policy
 * plugin in order). Pure and deterministic.
 */
import type { MeshContext } from '../../meshcontext'
import type { Violation } from '../../validators/validation-error'
import type { PolicyPlugin } from '../plugin'
import type { DataplaneMetadata, Proxy } from '../proxy'
import { POLICY_PLUGINS } from '../registry'
import { ResourceSet } from '../resource-set'
import { consistent, type Snapshot } from '../snapshot'
import { generateProxyless, isGrpcClient } from '../proxyless'
import { generateInbounds } from './inbound'
import { generateOutbounds } from './outbound'
import { buildProxy } from './proxy'
import {
  generateAdmin,
  generateSecrets,
  generateTransparentProxy,
  PLACEHOLDER_SECRETS,
  type SecretsPem,
} from './system'

export { buildProxy, meshMtlsOf, parseProtocol } from './proxy'
export { meshIndexes, prepareMesh, type MeshIndexes, type PreparedMesh } from './prepare'

export interface GenerateOptions {
  /** metadata is what the proxy's Envoy announced (DataplaneInsight metadata). */
  metadata?: DataplaneMetadata
  /** includeShadow makes `kuma.io/effect: shadow` policies count. */
  includeShadow?: boolean
  /** plugins to run; default every registered plugin (`core/xds/registry.ts`). */
  plugins?: readonly PolicyPlugin[]
  /** secrets are the PEMs behind Kuma's SDS names; default Kuma's inspect placeholders. */
  secrets?: SecretsPem
}

export type GenerateResult =
  | { ok: true; snapshot: Snapshot; proxy: Proxy; warnings: string[] }
  | { ok: false; reason: 'dataplane-not-found' }
  | { ok: false; reason: 'inconsistent'; violations: Violation[]; warnings: string[] }

/**
 * generate builds the proxy's resources: inbounds, outbounds, transparent proxy and admin,
 * then each plugin's `apply` in Kuma's order, then freezes and checks consistency. A proxyless
 * gRPC client (`core/xds/proxyless`) gets the resources gRPC's xDS client reads instead. Warnings
 * (from matching, generators and plugins) are prefixed with the policy kind they come from.
 */
export function generate(
  ctx: MeshContext,
  dataplaneName: string,
  opts: GenerateOptions = {},
): GenerateResult {
  const dp = ctx.dataplanesByName.get(dataplaneName)
  if (dp && isGrpcClient(opts.metadata, dp)) return generateProxyless(ctx, dataplaneName, opts)
  const plugins = [...(opts.plugins ?? POLICY_PLUGINS)].sort((a, b) => a.order - b.order)
  const proxy = buildProxy(ctx, dataplaneName, {
    metadata: opts.metadata,
    includeShadow: opts.includeShadow,
    kinds: plugins.map((p) => p.kind),
  })
  if (!proxy) return { ok: false, reason: 'dataplane-not-found' }
  const warnings: string[] = []
  const rs = new ResourceSet()
  generateInbounds(rs, proxy)
  generateOutbounds(rs, ctx, proxy)
  generateTransparentProxy(rs, proxy)
  generateAdmin(rs, proxy, warnings)
  generateSecrets(rs, proxy, opts.secrets ?? PLACEHOLDER_SECRETS)
  for (const [kind, m] of proxy.policies) {
    for (const w of m.warnings) warnings.push(`${kind}: ${w}`)
  }
  for (const plugin of plugins) {
    const res = plugin.apply(rs, { mesh: ctx, zone: ctx.zone }, proxy)
    for (const w of res?.warnings ?? []) warnings.push(`${plugin.kind}: ${w}`)
  }
  const snapshot = rs.toSnapshot()
  const violations = consistent(snapshot)
  if (violations.length > 0) return { ok: false, reason: 'inconsistent', violations, warnings }
  return { ok: true, snapshot, proxy, warnings }
}
