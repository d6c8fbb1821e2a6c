/**
 * @module Which proxies a mesh change can affect, so the edge regenerates those and reuses the
 * last config of the others (issue 4, item 7: work proportional to what changed). Each generated
 * proxy keeps its ProxyDeps (the policies that selected it, the destinations it reaches, the
 * endpoint sets its generation read); a new mesh revision is compared with the previous one
 * record by record, and a proxy is regenerated when a change can reach it:
 *
 * - its own Dataplane changed;
 * - another Dataplane changed and an endpoint set the proxy read answers differently now (or the
 *   proxy is a proxyless gRPC client, whose config lists Dataplanes itself);
 * - a policy changed that selected it before or selects it now, unless only `to` entries changed
 *   and none of them names a MeshService the proxy reaches (Kuma's `to` entries configure the
 *   outbounds to what they name, nothing else);
 * - anything else changed (the Mesh, a MeshService, MeshExternalService, MeshMultiZoneService,
 *   MeshGateway, backends, hostname generators...): every proxy, conservatively.
 *
 * Insights (read-only kinds the system writes) are not generation inputs and change nothing.
 * The rules err towards regenerating: a proxy regenerated needlessly costs CPU, one skipped
 * wrongly would serve stale config.
 */
import { policyMatchesDataplane } from '../inspect/plugins'
import type { MeshContext, MeshSnapshot } from '../meshcontext'
import { kindByName } from '../resources/registry'
import type { ResourceRecord } from '../store/store'
import { endpointReadDigest, type EndpointRead, meshIndexes } from '../xds/generator/prepare'
import type { Proxy } from '../xds/proxy'
import { canonicalJson } from '../xds/snapshot'

/** ProxyDeps is what one proxy's generation depended on, beyond the whole-mesh inputs. */
export interface ProxyDeps {
  /** dataplane is the proxy's own Dataplane, as generated (identity: type, name, version). */
  readonly dataplane: string
  /** policies are `Type/name` of every policy that selected the proxy (any kind). */
  readonly policies: ReadonlySet<string>
  /** destinations are the names of the MeshServices and `kuma.io/service`s the proxy reaches. */
  readonly destinations: ReadonlySet<string>
  /** endpointReads are the endpoint sets the generation read, with their digests. */
  readonly endpointReads: ReadonlyMap<EndpointRead, string>
  /**
   * proxyless: a proxyless gRPC client, whose generation lists every Dataplane itself and which
   * may dial any destination whatever its outbounds say, so every Dataplane change and every
   * `to` entry concerns it.
   */
  readonly proxyless: boolean
}

const recordId = (r: ResourceRecord) => `${r.type}/${r.name}@${r.version}/${r.creationTime}`
const policyKey = (type: string, name: string) => `${type}/${name}`

/** depsOf collects a generated proxy's dependencies. */
export function depsOf(
  ctx: MeshContext,
  proxy: Proxy,
  reads: ReadonlySet<EndpointRead>,
  proxyless: boolean,
): ProxyDeps {
  const policies = new Set<string>()
  for (const m of proxy.policies.values()) {
    for (const p of m.dataplanePolicies) policies.add(policyKey(p.type, p.name))
  }
  const destinations = new Set<string>()
  const addDestination = (r: ResourceRecord) => {
    destinations.add(r.name)
    const display = r.labels['kuma.io/display-name']
    if (display) destinations.add(display)
  }
  for (const o of proxy.outbounds) {
    if (o.service) destinations.add(o.service)
    if (o.destination) addDestination(o.destination.resource)
  }
  const endpointReads = new Map<EndpointRead, string>()
  for (const read of reads) {
    endpointReads.set(read, endpointReadDigest(ctx, read))
    const [what, name] = read.split('\u0000')
    if (what === 'svc') destinations.add(name)
    if (what === 'ms') {
      const ms = ctx.resources.get('MeshService', name)
      if (ms) addDestination(ms)
      else destinations.add(name)
    }
  }
  return {
    dataplane: recordId(proxy.dataplane),
    policies,
    destinations,
    endpointReads,
    proxyless,
  }
}

interface PolicyChange {
  before?: ResourceRecord
  after?: ResourceRecord
}

/** RegenerationPlan tells, for one new mesh revision, whether a proxy must be regenerated. */
export interface RegenerationPlan {
  /** everything: a change every proxy may depend on. */
  readonly everything: boolean
  /** why explains `everything` (for logs and tests). */
  readonly reason?: string
  /**
   * reuse answers undefined when the proxy must be regenerated, else its deps at the new
   * revision (the policies selecting it updated: a new policy that selects it without changing
   * its config is a dependency from now on).
   */
  reuse(dataplane: ResourceRecord, deps: ProxyDeps): ProxyDeps | undefined
}

const EVERYTHING = (reason: string): RegenerationPlan => ({
  everything: true,
  reason,
  reuse: () => undefined,
})

/** planRegeneration compares two revisions of a mesh; `next` is the context built from `after`. */
export function planRegeneration(
  before: MeshSnapshot,
  after: MeshSnapshot,
  next: MeshContext,
): RegenerationPlan {
  if (recordId(before.mesh) !== recordId(after.mesh)) return EVERYTHING('the Mesh changed')
  const key = (r: ResourceRecord) => `${r.type}\u0000${r.mesh}\u0000${r.name}`
  const old = new Map(before.resources.map((r) => [key(r), r]))
  const changes: PolicyChange[] = []
  for (const r of after.resources) {
    const o = old.get(key(r))
    old.delete(key(r))
    if (!o || recordId(o) !== recordId(r)) changes.push({ before: o, after: r })
  }
  for (const o of old.values()) changes.push({ before: o })

  let dataplanesChanged = false
  const policyChanges: PolicyChange[] = []
  for (const c of changes) {
    const type = (c.after ?? c.before)!.type
    const kind = kindByName(type)
    if (kind?.readOnly) continue
    if (type === 'Dataplane') dataplanesChanged = true
    else if (kind?.isPolicy && kind.isTargetRefBased) policyChanges.push(c)
    else return EVERYTHING(`${type} ${(c.after ?? c.before)!.name} changed`)
  }

  const matching = meshIndexes(next).matching
  const digests = new Map<EndpointRead, string>()
  const digestNow = (read: EndpointRead) => {
    let d = digests.get(read)
    if (d === undefined) digests.set(read, (d = endpointReadDigest(next, read)))
    return d
  }
  return {
    everything: false,
    reuse(dataplane, deps) {
      if (recordId(dataplane) !== deps.dataplane) return undefined
      if (dataplanesChanged) {
        if (deps.proxyless) return undefined
        for (const [read, digest] of deps.endpointReads) {
          if (digestNow(read) !== digest) return undefined
        }
      }
      let policies: Set<string> | undefined
      for (const c of policyChanges) {
        const r = (c.after ?? c.before)!
        const key = policyKey(r.type, r.name)
        const selectedAfter = c.after ? policyMatchesDataplane(c.after, dataplane, matching) : false
        if (policyAffects(c, deps.policies.has(key), selectedAfter, deps)) return undefined
        if (selectedAfter !== deps.policies.has(key)) {
          policies ??= new Set(deps.policies)
          if (selectedAfter) policies.add(key)
          else policies.delete(key)
        }
      }
      return policies ? { ...deps, policies } : deps
    },
  }
}

function policyAffects(
  c: PolicyChange,
  selectedBefore: boolean,
  selectedAfter: boolean,
  deps: ProxyDeps,
): boolean {
  if (!selectedBefore && !selectedAfter) return false
  // a policy made only of `to` entries configures the outbounds they name, nothing else, so
  // creating or deleting one is changing those entries
  const only = c.after ?? c.before!
  if (!c.before || !c.after) {
    if (!onlyToEntries(only)) return true
    return entriesOf(only).some((e) => toEntryReaches(e, deps))
  }
  if (!selectedBefore || !selectedAfter) return true
  const changed = changedToEntries(c.before, c.after)
  return changed === undefined || changed.some((e) => toEntryReaches(e, deps))
}

const onlyToEntries = (r: ResourceRecord) =>
  Object.keys(r.spec).every((k) => k === 'targetRef' || k === 'to')
const entriesOf = (r: ResourceRecord) => (r.spec.to as ToEntry[] | undefined) ?? []

type ToEntry = { targetRef?: { kind?: string; name?: string; labels?: unknown } }

/**
 * changedToEntries lists the `to` entries one revision has and the other lacks, or undefined when
 * anything besides `to` changed (labels, targetRef, from, rules, any other field).
 */
function changedToEntries(a: ResourceRecord, b: ResourceRecord): ToEntry[] | undefined {
  const rest = (r: ResourceRecord) =>
    canonicalJson({ labels: r.labels, spec: { ...r.spec, to: undefined } })
  if (rest(a) !== rest(b)) return undefined
  const entries = (r: ResourceRecord) => (r.spec.to as ToEntry[] | undefined) ?? []
  const keyed = (r: ResourceRecord) => new Map(entries(r).map((e) => [canonicalJson(e), e]))
  const ka = keyed(a)
  const kb = keyed(b)
  const out: ToEntry[] = []
  for (const [k, e] of ka) if (!kb.has(k)) out.push(e)
  for (const [k, e] of kb) if (!ka.has(k)) out.push(e)
  // entries only reordered: later entries win a merge, so the order is config too
  if (out.length === 0 && [...ka.keys()].join('\n') !== [...kb.keys()].join('\n')) return undefined
  return out
}

/** toEntryReaches: an entry naming one MeshService reaches only proxies with that destination. */
function toEntryReaches(e: ToEntry, deps: ProxyDeps): boolean {
  const ref = e.targetRef ?? {}
  if (deps.proxyless) return true
  if (ref.kind !== 'MeshService' || !ref.name || ref.labels) return true
  return deps.destinations.has(ref.name)
}
