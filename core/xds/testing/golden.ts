/**
 * @module Test-only golden harness for generated Envoy config (Kuma `MatchGoldenYAML`): a case
 * `testdata/<case>.input.yaml` (universal YAML: Mesh, Dataplanes, services, policies, and an
 * optional `type: GenerateCase` doc) gives one `<case>.<listeners|clusters|...>.golden.json` per
 * resource type. `UPDATE_GOLDEN=1` rewrites them. Uses node:fs, so only tests may import it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseAllDocuments } from 'yaml'
import type { MeshContext } from '../../meshcontext'
import { toRestResource } from '../../resources/rest'
import { kindByName } from '../../resources/registry'
import type { ResourceRecord } from '../../store/store'
import { generate, prepareMesh, type GenerateOptions } from '../generator'
import type { PolicyPlugin } from '../plugin'
import type { DataplaneMetadata } from '../proxy'
import { canonicalJson, newSnapshot, TypeUrl, type Snapshot } from '../snapshot'

/** GOLDEN_TYPES names each type's golden file as Kuma's plugin tests do. */
export const GOLDEN_TYPES: Readonly<Record<string, string>> = {
  [TypeUrl.Listener]: 'listeners',
  [TypeUrl.Cluster]: 'clusters',
  [TypeUrl.ClusterLoadAssignment]: 'endpoints',
  [TypeUrl.RouteConfiguration]: 'routes',
  [TypeUrl.Secret]: 'secrets',
}

const T0 = '2024-01-01T00:00:00Z'

/** GoldenCase is a parsed input: the mesh context and how to generate. */
export interface GoldenCase {
  name: string
  ctx: MeshContext
  dataplane: string
  /**
   * dataplanes are the Dataplanes to generate: `dataplane` alone, or every Dataplane of the
   * input when the GenerateCase doc says `dataplanes: all` (goldens `<case>.<dataplane>.*`).
   */
  dataplanes: string[]
  /** allPlugins: the GenerateCase doc says `plugins: all`, so even base cases run every plugin. */
  allPlugins: boolean
  options: GenerateOptions
}

/** recordsFromYaml turns universal YAML documents into stored records. */
export function recordsFromYaml(text: string): ResourceRecord[] {
  const out: ResourceRecord[] = []
  for (const doc of parseAllDocuments(text)) {
    const d = doc.toJS() as Record<string, unknown> | null
    if (!d || typeof d.type !== 'string' || d.type === 'GenerateCase') continue
    const kind = kindByName(d.type)
    if (!kind) throw new Error(`unknown kind ${d.type}`)
    const r = toRestResource(d, kind)
    out.push({
      type: r.type as string,
      mesh: kind.scope === 'Mesh' ? (r.mesh as string) || 'default' : '',
      name: r.name as string,
      labels: (r.labels as Record<string, string>) ?? {},
      spec: (r.spec as Record<string, unknown>) ?? {},
      status: (d.status as Record<string, unknown> | undefined) ?? undefined,
      version: 1,
      creationTime: (d.creationTime as string) ?? T0,
      modificationTime: T0,
    })
  }
  return out
}

/** loadCase reads `<dir>/<name>.input.yaml`. */
export function loadCase(dir: string, name: string): GoldenCase {
  const text = readFileSync(path.join(dir, `${name}.input.yaml`), 'utf8')
  const records = recordsFromYaml(text)
  const meta = parseAllDocuments(text)
    .map((d) => d.toJS() as Record<string, unknown> | null)
    .find((d) => d?.type === 'GenerateCase') as
    | {
        dataplane?: string
        dataplanes?: string
        plugins?: string
        zone?: string
        metadata?: DataplaneMetadata
        shadow?: boolean
      }
    | undefined
  const mesh = records.find((r) => r.type === 'Mesh')
  if (!mesh) throw new Error(`${name}: no Mesh in input`)
  const ctx = prepareMesh(
    { mesh, resources: records.filter((r) => r !== mesh) },
    { zone: meta?.zone ?? 'zone-1' },
  )
  const dataplane = meta?.dataplane ?? records.find((r) => r.type === 'Dataplane')?.name
  if (!dataplane) throw new Error(`${name}: no Dataplane in input`)
  const all = records.filter((r) => r.type === 'Dataplane').map((r) => r.name)
  return {
    name,
    ctx,
    dataplane,
    dataplanes: meta?.dataplanes === 'all' ? all.sort() : [dataplane],
    allPlugins: meta?.plugins === 'all',
    options: { metadata: meta?.metadata, includeShadow: meta?.shadow },
  }
}

/** listCases gives the case names of a testdata folder, sorted. */
export const listCases = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.input.yaml'))
    .map((f) => f.slice(0, -'.input.yaml'.length))
    .sort()

/**
 * generateCase runs the generator for `dataplane` (default the case's); throws with every
 * problem when generation fails.
 */
export function generateCase(
  c: GoldenCase,
  plugins?: readonly PolicyPlugin[],
  dataplane = c.dataplane,
): Snapshot {
  const res = generate(c.ctx, dataplane, { ...c.options, plugins: plugins ?? c.options.plugins })
  if (!res.ok) {
    const detail =
      res.reason === 'inconsistent' ? res.violations.map((v) => `${v.field}: ${v.message}`) : []
    throw new Error(`${c.name}: ${res.reason}\n${detail.join('\n')}`)
  }
  return res.snapshot
}

/** pretty is canonical JSON (keys sorted) indented by two spaces, with a final newline. */
export const pretty = (v: unknown) => JSON.stringify(JSON.parse(canonicalJson(v)), null, 2) + '\n'

/** GoldenMismatch lists the golden files that differ from what was generated. */
export interface GoldenResult {
  mismatches: { file: string; expected: string; actual: string }[]
  /** golden is the snapshot the golden files hold (after any rewrite), for the judge. */
  golden: Snapshot
}

/**
 * matchGolden compares each resource type of the snapshot with `<dir>/<case>.<type>.golden.json`
 * (a type with no resources has none); with `UPDATE_GOLDEN=1` it rewrites them instead.
 */
export function matchGolden(dir: string, name: string, snapshot: Snapshot): GoldenResult {
  const update = process.env.UPDATE_GOLDEN === '1'
  const mismatches: GoldenResult['mismatches'] = []
  const golden: Record<string, Record<string, Record<string, unknown>>> = {}
  for (const [typeUrl, short] of Object.entries(GOLDEN_TYPES)) {
    const file = path.join(dir, `${name}.${short}.golden.json`)
    const byName = snapshot.resources[typeUrl]
    const actual = byName ? pretty(byName) : undefined
    if (update && actual !== undefined) writeFileSync(file, actual)
    const expected = existsSync(file) ? readFileSync(file, 'utf8') : undefined
    if (expected !== undefined) golden[typeUrl] = JSON.parse(expected)
    if (expected !== actual) {
      mismatches.push({
        file,
        expected: expected ?? '(no file)',
        actual: actual ?? '(no resources)',
      })
    }
  }
  return { mismatches, golden: newSnapshot(golden) }
}

/** goldenMessage is the failure text, saying how to accept the new output. */
export const goldenMessage = (r: GoldenResult) =>
  r.mismatches
    .map(
      (m) =>
        `${m.file} differs from the generated config; rerun with UPDATE_GOLDEN=1 to rewrite it`,
    )
    .join('\n')
