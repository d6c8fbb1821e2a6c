/** @module Kuma 2.14.3's matcher cases (`pkg/plugins/policies/core/matchers/testdata`) run against Kumo. */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { canonicalSpec } from '../policies/common/durations'
import type { ResourceRecord } from '../store/store'
import { dumpFromRules, dumpGatewayRules, dumpPolicyList, dumpToRules } from './dump'
import { egressMatchedPolicies } from './egress'
import { matchedPolicies } from './matched-policies'
import { indexResources } from './resources'
import { type BuildMeta, TOPOLOGIES } from './testing/topologies'

const ROOT = join(__dirname, '../../../shared/conformance/kuma-v2.14.3/matchers')
const ZERO_TIME = '0001-01-01T00:00:00Z'

/** KNOWN_FAILING lists the cases Kumo does not pass yet, with the reason. */
const KNOWN_FAILING: Record<string, string> = {}

/** toRecord is a resource as Kumo's store holds it: its spec's durations in Go's form. */
function toRecord(doc: Record<string, any>): ResourceRecord {
  const { type, mesh, name, labels, spec, ...inline } = doc
  return {
    type,
    mesh: mesh ?? '',
    name,
    labels: labels ?? {},
    spec: spec ? canonicalSpec(type, spec) : inline,
    version: 1,
    creationTime: ZERO_TIME,
    modificationTime: ZERO_TIME,
  }
}

const readRecords = (file: string): ResourceRecord[] =>
  parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJS())
    .filter((d) => d && d.type)
    .map(toRecord)

const readYaml = (file: string) => parseAllDocuments(readFileSync(file, 'utf8'))[0].toJS()

/** resourceType picks the policy type of a file mixing it with MeshHTTPRoutes (as Kuma's test). */
function resourceType(records: ResourceRecord[]): string {
  const types = [...new Set(records.map((r) => r.type))].filter((t) => t !== 'MeshGateway')
  return types.length === 1 ? types[0] : (types.find((t) => t !== 'MeshHTTPRoute') ?? types[0])
}

/** normalize drops what Kuma's goldens hold that Kumo cannot reproduce: sha256 match hashes. */
function normalize(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => normalize(x))
  if (v === null && key === 'InboundRules') return {}
  if (typeof v !== 'object' || v === null) return v
  const o = v as Record<string, unknown>
  if (o.Key === '__rule-matches-hash__') return { ...o, Value: 'HASH' }
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(o)) {
    if (key === 'OriginByMatches') out.HASH = normalize(x)
    else out[k] = normalize(x, k)
  }
  return out
}

interface Case {
  name: string
  run: () => unknown
  golden: string
}

function casesIn(dir: string, run: (base: string) => unknown): Case[] {
  const full = join(ROOT, dir)
  return readdirSync(full)
    .filter((f) => f.endsWith('.golden.yaml'))
    .map((f) => f.replace('.golden.yaml', ''))
    .map((c) => ({
      name: `${dir}/${c}`,
      run: () => run(join(full, c)),
      golden: join(full, `${c}.golden.yaml`),
    }))
}

function dataplaneCase(base: string) {
  const dpp = readRecords(`${base}.dataplane.yaml`)[0]
  const records = readRecords(`${base}.policies.yaml`)
  const mes = existsSync(`${base}.mes.yaml`) ? readRecords(`${base}.mes.yaml`) : []
  const type = resourceType(records)
  return matchedPolicies(type, dpp, indexResources([...records, ...mes]))
}

function egressCase(type: string) {
  return (base: string) => {
    const es = readYaml(`${base}.es.yaml`)
    const records = readRecords(`${base}.policies.yaml`)
    return dumpFromRules(
      egressMatchedPolicies(type, es.tags ?? {}, indexResources(records)).fromRules,
    )
  }
}

function withMeta(r: ResourceRecord, build: BuildMeta): ResourceRecord {
  const meta = build(r.name, r.mesh, { ...r.labels })
  return { ...r, ...meta }
}

function dataplaneKindCases(): Case[] {
  const dir = join(ROOT, 'matchedpolicies/dataplane-kind')
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.dataplane.yaml'))
    .map((f) => f.replace('.dataplane.yaml', ''))
  return names.flatMap((n) =>
    TOPOLOGIES.map((t) => ({
      name: `matchedpolicies/dataplane-kind/${n}/${t.golden}`,
      golden: join(dir, n, `${t.golden}.golden.yaml`),
      run: () => {
        const dpp = withMeta(readRecords(join(dir, `${n}.dataplane.yaml`))[0], t.dataplane)
        const records = readRecords(join(dir, `${n}.policies.yaml`))
        const type = resourceType(records)
        const all = records.map((r) => (r.type === type ? withMeta(r, t.policy) : r))
        return dumpPolicyList(matchedPolicies(type, dpp, indexResources(all)).dataplanePolicies)
      },
    })),
  )
}

const CASES: Case[] = [
  ...casesIn('matchedpolicies/dataplanepolicies', (b) =>
    dumpPolicyList(dataplaneCase(b).dataplanePolicies),
  ),
  ...casesIn('matchedpolicies/fromrules', (b) => dumpFromRules(dataplaneCase(b).fromRules)),
  ...casesIn('matchedpolicies/torules', (b) => dumpToRules(dataplaneCase(b).toRules)),
  ...casesIn('matchedpolicies/meshexternalservice', (b) => dumpToRules(dataplaneCase(b).toRules)),
  ...casesIn('matchedpolicies/meshgateways', (b) =>
    dumpGatewayRules(dataplaneCase(b).gatewayRules),
  ),
  ...dataplaneKindCases(),
  ...casesIn('egressmatchedpolicies/fromrules', egressCase('MeshTrafficPermission')),
  ...casesIn('egressmatchedpolicies/fromtorules', egressCase('MeshTimeout')),
  ...casesIn('egressmatchedpolicies/torules', egressCase('MeshLoadBalancingStrategy')),
]

describe.skipIf(!existsSync(ROOT))("Kuma's matcher conformance cases", () => {
  const runAll = !!process.env.CONFORMANCE_ALL
  for (const c of CASES) {
    const reason = KNOWN_FAILING[c.name]
    const test = reason && !runAll ? it.skip : it
    test(`${c.name} matches its golden file${reason ? ` (known failing: ${reason})` : ''}`, () => {
      expect(normalize(c.run())).toEqual(normalize(readYaml(c.golden)))
    })
  }
  it('keeps the list of known failing cases pointing at real cases', () => {
    const names = new Set(CASES.map((c) => c.name))
    expect(Object.keys(KNOWN_FAILING).filter((n) => !names.has(n))).toEqual([])
  })
})
